// End-to-end: the SLA embed's "If you filed now" (`due=1`) on the release build, served with the
// strict Content-Security-Policy: each shown plan's due times for a ticket filed at this moment,
// in the visitor's zone and the centre's, following the clock; the due-time module (the calendar
// engine) is downloaded only when due times are asked for, also through <beacon-sla due>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { serve, strictCsp } from './server.mjs';
import { launchBrowser, watchErrors, CONTEXT } from './browser.mjs';

const DIST = process.env.BEACON_DIST ?? 'dist';
// The visitor is in New York (UTC-5 in November), the centre in Germany (UTC+1).
const VISITOR_ZONE = 'America/New_York';
const OFFSETS = { visitor: -5, centre: 1 };
// Thursday 19 November 2026, 11:00 in Germany: the centre is open.
const FILED = new Date('2026-11-19T10:00:00Z');
const EMBED = 'embed/sla/?policy=model-a-black-duck&plans=standard,premium&severity=critical&centre=de&lang=en';
// Black Duck, Critical: a first response within 2 business hours on Standard (08:00-18:00 at the
// centre) and within 1 business hour on Premium, whose business hours are around the clock.
const FIRST_RESPONSE_HOURS = { standard: 2, premium: 1 };

let browser;
let site;
let module;
before(async () => {
  browser = await launchBrowser();
  site = await serve(DIST, '/', { csp: await strictCsp(DIST) });
  const page = await readFile(`${DIST}/embed/sla/index.html`, 'utf8');
  const meta = page.match(/<meta name="?beacon-module:filed-now"? content="?([^"\s>]+)"? data-wasm="?([^"\s>]+)"?/);
  assert.ok(meta, 'the embed page names its filed-now module');
  module = { js: meta[1], wasm: meta[2] };
});
after(async () => { await browser?.close(); await site?.close(); });

/** A fresh visitor in New York; records requests, page errors and CSP violations. */
async function visitor() {
  const context = await browser.newContext({ ...CONTEXT, timezoneId: VISITOR_ZONE });
  const page = await context.newPage();
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  return { context, page, requests, errors: watchErrors(page) };
}

/** "hh:mm" of `utc` shifted by `hours`, on the 12-hour clock English writes. */
function clockTime(utc, hours) {
  const local = new Date(utc.getTime() + hours * 3600_000);
  const h = local.getUTCHours() % 12 || 12;
  return `${String(h).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

/** Runs the page's clock to `at` and one tick of the widget's timer past it; then checks that
 * each plan's first-response due time is for a ticket filed at `at`, in both zones. */
async function checkDueTimesFiledAt(page, at) {
  await page.clock.pauseAt(at);
  await page.clock.runFor(1000);
  const shown = {};
  for (const [plan, hours] of Object.entries(FIRST_RESPONSE_HOURS)) {
    const due = page.getByTestId(`embed-due-${plan}`);
    const firstResponse = due.locator('p').first();
    assert.match(await firstResponse.textContent(), /^First response: /);
    const stamp = await firstResponse.locator('time').getAttribute('datetime');
    const expected = at.getTime() + hours * 3600_000;
    const late = new Date(stamp).getTime() - expected;
    assert.ok(late >= 0 && late <= 1000, `${plan}: due ${stamp}, filed ${at.toISOString()} + ${hours} h`);
    const text = await firstResponse.textContent();
    const [yours, centre] = text.split(' · ');
    const dueAt = new Date(expected);
    assert.match(yours, new RegExp(`${clockTime(dueAt, OFFSETS.visitor)}\\s?AM your time$`), text);
    assert.match(centre, new RegExp(`${clockTime(dueAt, OFFSETS.centre)}\\s?PM at the centre \\(Europe/Berlin\\)$`), text);
    assert.equal(await due.locator('p').count(), 2, `${plan}: first response and resolution`);
    shown[plan] = text;
  }
  return shown;
}

test('due=1 shows each plan\'s due times in the visitor\'s zone and the centre\'s, following the clock', async () => {
  const { context, page, requests, errors } = await visitor();
  try {
    await page.clock.install({ time: FILED });
    await page.goto(`${site.url}${EMBED}&due=1`);
    await page.getByTestId('embed-due-premium').locator('time').first().waitFor();
    const section = page.getByTestId('embed-filed-now');
    assert.equal(await section.getByRole('heading').textContent(), 'If you filed now');
    assert.equal(await section.locator('dt').count(), 2, 'one entry per shown plan');
    // Both targets of the plans are still shown above.
    assert.match(await page.getByTestId('embed-plan-premium').getByTestId('embed-first-response').textContent(), /^1 business hour$/);

    const first = await checkDueTimesFiledAt(page, new Date(FILED.getTime() + 60_000));
    // Six minutes later the same ticket would be due six minutes later, in both zones.
    const later = await checkDueTimesFiledAt(page, new Date(FILED.getTime() + 7 * 60_000));
    for (const plan of Object.keys(FIRST_RESPONSE_HOURS)) assert.notEqual(later[plan], first[plan], plan);

    for (const file of [module.js, module.wasm]) {
      assert.ok(requests.includes(`/embed/sla/${file}`), `${file} was downloaded for due=1`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('without due=1 the due-time module is not downloaded', async () => {
  const { context, page, requests, errors } = await visitor();
  try {
    await page.goto(`${site.url}${EMBED}`);
    await page.getByTestId('embed-plan-premium').waitFor();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    assert.ok(requests.some((path) => /\/embed\/sla\/beacon-embed-[0-9a-f]+_bg\.wasm$/.test(path)), 'the widget itself loaded');
    const fetched = requests.filter((path) => path.includes('beacon-embed-filed-now'));
    assert.deepEqual(fetched, [], 'no part of the filed-now module');
    assert.equal(await page.getByTestId('embed-filed-now').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('<beacon-sla due centre="de"> asks the widget for due times', async () => {
  const html = `<!doctype html><html><head><script src="${site.url}embed/beacon-sla.js" defer></script></head><body>
    <beacon-sla policy="model-a-black-duck" plans="premium" severity="critical" centre="de" due></beacon-sla></body></html>`;
  const host = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise((resolve) => host.listen(0, '127.0.0.1', resolve));
  const { context, page, errors } = await visitor();
  try {
    await page.goto(`http://127.0.0.1:${host.address().port}/`);
    const frameElement = page.locator('beacon-sla iframe');
    await frameElement.waitFor({ state: 'attached' });
    const src = new URL(await frameElement.getAttribute('src'));
    assert.equal(src.searchParams.get('due'), '1');
    assert.equal(src.searchParams.get('centre'), 'de');
    const due = page.frameLocator('beacon-sla iframe').getByTestId('embed-due-premium');
    await due.locator('time').first().waitFor();
    assert.match(await due.textContent(), /your time · .* at the centre \(Europe\/Berlin\)/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await new Promise((resolve) => { host.close(resolve); host.closeAllConnections(); });
  }
});
