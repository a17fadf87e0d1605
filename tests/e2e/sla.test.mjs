// End-to-end: the SLA calculator and its embed on the release build, in Chromium (visitor in
// Europe/Berlin, see browser.mjs). Due instants are checked in <time datetime> (exact UTC), so a
// link with a fixed submission time must reproduce them exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { serve } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';

const DIST = process.env.BEACON_DIST ?? 'dist';

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await serve(DIST, '/');
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function open(path) {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${site.url}${path}`);
  return { page, errors };
}

const datetime = (page, testid) => page.getByTestId(testid).first().getAttribute('datetime');

test('a link with a fixed time reproduces the exact due instants, also after a reload', async () => {
  const { page, errors } = await open(
    'sla?policy=model-a-black-duck&plan=standard&severity=critical&at=2026-11-18T10:00&centre=us',
  );
  try {
    for (let pass = 0; pass < 2; pass += 1) {
      await page.getByTestId('first-response-due').waitFor();
      // Wednesday 10:00 EST + 2 business hours (Mon-Fri 08:00-18:00) = 12:00 EST = 17:00Z.
      assert.equal(await datetime(page, 'first-response-due'), '2026-11-18T17:00:00Z');
      // 2 business days of 10 h: Wed 10:00-18:00 (8 h), Thu 08:00-18:00 (10 h), Fri 08:00-10:00.
      assert.equal(await datetime(page, 'resolution-due'), '2026-11-20T15:00:00Z');
      assert.equal(await page.getByTestId('first-response-target').textContent(), '2 business hours');
      assert.equal(await page.getByTestId('resolution-target').textContent(), '2 business days');
      assert.match(await page.getByTestId('first-response-due').textContent(), /Wed 18 Nov 2026, 12:00 EST/);
      // The visitor's own zone (Europe/Berlin in this browser) is named and used.
      assert.match(await page.getByTestId('first-response').textContent(), /your time zone, Europe\/Berlin/);
      assert.match(await page.getByTestId('first-response-due-visitor').textContent(), /18:00/);
      assert.match(await page.getByTestId('first-response-countdown').textContent(), /overdue by/);
      await page.reload();
    }
    const permalink = await page.getByTestId('permalink').getAttribute('href');
    assert.match(permalink, /at=2026-11-18T10:00/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('without parameters the calculator uses now; editing the time and centre updates the URL', async () => {
  const { page, errors } = await open('sla');
  try {
    await page.getByTestId('first-response-due').waitFor();
    assert.match(await page.getByTestId('submitted-at').inputValue(), /^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    await page.getByTestId('choose-centre').selectOption('us');
    await page.getByTestId('choose-plan').selectOption('standard');
    await page.getByTestId('choose-severity').selectOption('critical');
    await page.getByTestId('submitted-at').fill('2026-11-20T16:30');
    await page.getByTestId('first-response-reason').filter({ hasText: 'filed Friday 16:30' }).waitFor();
    assert.equal(await datetime(page, 'first-response-due'), '2026-11-23T13:30:00Z');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('at'), '2026-11-20T16:30');
    assert.equal(url.searchParams.get('centre'), 'us');
    assert.equal(url.searchParams.get('severity'), 'critical');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('a Friday-evening ticket shows the clock paused over the weekend', async () => {
  const { page, errors } = await open(
    'sla?policy=model-a-black-duck&plan=standard&severity=critical&at=2026-11-20T16:30&centre=us',
  );
  try {
    await page.getByTestId('first-response-due').waitFor();
    assert.equal(await datetime(page, 'first-response-due'), '2026-11-23T13:30:00Z');
    assert.equal(
      await page.getByTestId('first-response-reason').textContent(),
      'filed Friday 16:30: clock stops at 18:00, resumes Monday 08:00',
    );
    const states = await page
      .getByTestId('first-response-timeline')
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.dataset.running));
    assert.deepEqual(states, ['true', 'false', 'true']);
    const pause = page.getByTestId('first-response-timeline').locator('li[data-running=false] time');
    assert.deepEqual(
      await pause.evaluateAll((times) => times.map((t) => t.getAttribute('datetime'))),
      ['2026-11-20T23:00:00Z', '2026-11-23T13:00:00Z'],
    );
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('a holiday pauses the clock and is named in the reason', async () => {
  const { page, errors } = await open(
    'sla?policy=model-b-zmanda&plan=standard&urgency=high&impact=high&at=2026-11-25T16:30&centre=us',
  );
  try {
    await page.getByTestId('first-response-due').waitFor();
    // P1 Standard: 1 business hour, Mon-Fri 08:00-17:00; Thursday 26 Nov 2026 is Thanksgiving.
    assert.equal(await datetime(page, 'first-response-due'), '2026-11-27T13:30:00Z');
    assert.equal(
      await page.getByTestId('first-response-reason').textContent(),
      'filed Wednesday 16:30: clock stops at 17:00, resumes Friday 08:00 (closed for Thanksgiving Day)',
    );
    assert.equal(await page.getByTestId('resolution-target').textContent(), 'Not stated in the policy');
    assert.match(await page.getByTestId('resolution-note').textContent(), /states no resolution target/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('urgency and impact give the matrix priority, and the customer can override it', async () => {
  const { page, errors } = await open('sla?policy=model-b-zmanda&plan=standard&at=2026-11-24T10:00&centre=us');
  try {
    await page.getByTestId('choose-urgency').selectOption('medium');
    await page.getByTestId('choose-impact').selectOption('high');
    await page.getByTestId('derived-priority').filter({ hasText: 'P2 High impact' }).waitFor();
    await page.getByTestId('result-level').filter({ hasText: 'P2 High impact (from the urgency × impact matrix)' }).waitFor();
    assert.equal(await page.getByTestId('first-response-target').textContent(), '3 business hours');
    assert.equal(await datetime(page, 'first-response-due'), '2026-11-24T18:00:00Z');

    await page.getByTestId('choose-override').selectOption('P1');
    await page.getByTestId('result-level').filter({ hasText: "P1 Critical impact (the customer's choice; the matrix assigns P2 High impact)" }).waitFor();
    assert.equal(await page.getByTestId('first-response-target').textContent(), '1 business hour');
    assert.equal(await datetime(page, 'first-response-due'), '2026-11-24T16:00:00Z');
    assert.equal(await page.getByTestId('derived-priority').textContent(), 'P2 High impact');
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('urgency'), 'medium');
    assert.equal(url.searchParams.get('impact'), 'high');
    assert.equal(url.searchParams.get('override'), 'P1');

    await page.reload();
    await page.getByTestId('result-level').filter({ hasText: 'P1 Critical impact' }).waitFor();
    assert.equal(await datetime(page, 'first-response-due'), '2026-11-24T16:00:00Z');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('plans side by side for the chosen level show what an upgrade changes', async () => {
  const { page, errors } = await open(
    'sla?policy=model-b-zmanda&plan=standard&urgency=high&impact=high&at=2026-11-20T16:30&centre=us',
  );
  try {
    const table = page.getByTestId('plan-comparison');
    await table.waitFor();
    const standard = table.getByTestId('compare-standard');
    const premium = table.getByTestId('compare-premium');
    const community = table.getByTestId('compare-community');
    assert.equal(await standard.getAttribute('aria-current'), 'true');
    assert.match(await standard.getByTestId('compare-first-response').textContent(), /1 business hour/);
    assert.equal(await standard.locator('time').first().getAttribute('datetime'), '2026-11-23T13:30:00Z');
    assert.match(await premium.getByTestId('compare-first-response').textContent(), /15 business minutes/);
    assert.equal(await premium.locator('time').first().getAttribute('datetime'), '2026-11-20T21:45:00Z');
    assert.equal(await premium.getByTestId('compare-change').textContent(), 'first response 2 d 15 h 45 min sooner');
    assert.match(await community.getByTestId('compare-first-response').textContent(), /not stated/);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('the pending-ticket timer shows the reminder and the automatic close', async () => {
  const { page, errors } = await open('sla?policy=dropsuite-pending&centre=gb&pending=2026-11-20T12:00');
  try {
    await page.getByTestId('pending-reminder').waitFor();
    // 24 clock hours, then 48 business hours of whole weekdays (Fri 12:00 + 12 h, Mon, Tue 12:00).
    assert.equal(await datetime(page, 'pending-reminder'), '2026-11-21T12:00:00Z');
    assert.equal(await datetime(page, 'pending-auto-close'), '2026-11-24T12:00:00Z');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

/** Serves model A with its first target's unit changed to one the policy format does not know. */
function breakModelA(page) {
  return page.route('**/policies/model-a-black-duck.json', async (route) => {
    const response = await route.fetch();
    const text = (await response.text()).replace('"unit": "business_hours"', '"unit": "business_weeks"');
    await route.fulfill({ response, body: text });
  });
}

test('a policy that does not validate names its file and field; other policies still work', async () => {
  const page = await browser.newPage();
  try {
    await breakModelA(page);
    await page.goto(`${site.url}sla?policy=model-a-black-duck&centre=us`);
    const problem = page.getByTestId('policy-error');
    await problem.waitFor();
    assert.match(await problem.textContent(), /policies\/model-a-black-duck\.json at targets\[0\]\.first_response\.unit: unknown unit "business_weeks"/);
    await page.getByTestId('choose-policy').selectOption('model-b-zmanda');
    await page.getByTestId('first-response-due').waitFor();
    assert.equal(await page.getByTestId('policy-error').count(), 0);
  } finally {
    await page.close();
  }
});

test('the embed names a broken policy file and field, and an unknown policy, in the visitor\'s language', async () => {
  const page = await browser.newPage();
  try {
    await breakModelA(page);
    await page.goto(`${site.url}embed/sla/?policy=model-a-black-duck&lang=de`);
    const problem = page.getByTestId('policy-error');
    await problem.waitFor();
    const text = await problem.textContent();
    assert.match(text, /policies\/model-a-black-duck\.json, Feld targets\[0\]\.first_response\.unit: unknown unit "business_weeks"/);
    assert.equal(await page.locator('[data-testid^=embed-plan-]').count(), 0, 'no numbers from a broken file');
    // A policy the index does not list is an error, never another policy's numbers.
    await page.goto(`${site.url}embed/sla/?policy=no-such-policy`);
    await page.getByTestId('policy-error').waitFor();
    assert.match(await page.getByTestId('policy-error').textContent(), /policies\/index\.json at policies: no policy "no-such-policy"/);
    assert.equal(await page.locator('[data-testid^=embed-plan-]').count(), 0);
  } finally {
    await page.close();
  }
});

/** Serves one HTML page on its own loopback port: another origin than the site. */
async function hostPage(html) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise((r) => { server.close(r); server.closeAllConnections(); });
  return { url: `http://127.0.0.1:${server.address().port}/`, close };
}

test('the "Embed this" snippet resizes its iframe on a host page of another origin', async () => {
  const { page, errors } = await open(
    'sla?policy=model-b-zmanda&plan=premium&urgency=high&impact=high&at=2026-11-20T16:30&centre=us',
  );
  let host;
  try {
    await page.getByTestId('embed-panel').locator('summary').click();
    const snippet = await page.getByTestId('embed-snippet').inputValue();
    assert.match(snippet, /embed\/sla\/\?policy=model-b-zmanda&amp;plans=standard,premium,trial,community&amp;severity=P1/);
    assert.match(snippet, new RegExp(`e\\.origin !== "${site.url.replace(/\/$/, '')}"`));

    host = await hostPage(`<!doctype html><html><body style="margin:0">
      <h1>Our support plans</h1>${snippet}
      <p id="after">after</p></body></html>`);
    const hostTab = await browser.newPage();
    try {
      await hostTab.goto(host.url);
      const frameElement = hostTab.locator('iframe[data-beacon-sla]');
      const frame = hostTab.frameLocator('iframe[data-beacon-sla]');
      await frame.getByTestId('embed-plan-premium').waitFor();
      assert.match(await frame.getByTestId('embed-plan-premium').getByTestId('embed-first-response').textContent(), /15 business minutes/);
      const fits = async () => {
        const outer = await frameElement.evaluate((f) => f.getBoundingClientRect().height);
        const inner = await frame.getByTestId('sla-embed').evaluate((m) => m.offsetHeight);
        return { outer: Math.round(outer), inner };
      };
      let sizes;
      for (let i = 0; i < 40; i += 1) {
        sizes = await fits();
        if (sizes.outer === sizes.inner && sizes.outer !== 320) break;
        await hostTab.waitForTimeout(100);
      }
      assert.equal(sizes.outer, sizes.inner, 'the iframe is exactly as tall as the widget');
      assert.notEqual(sizes.outer, 320, 'the iframe was resized from its initial height');
      const noScroll = await frame.locator('html').evaluate((h) => h.scrollHeight <= h.clientHeight);
      assert.ok(noScroll, 'no scrollbar inside the iframe');

      // A message from any other origin (here the host page itself) is ignored.
      await hostTab.evaluate(() => window.postMessage({ type: 'beacon-sla:height', height: 5 }, '*'));
      await hostTab.waitForTimeout(200);
      assert.equal(Math.round(await frameElement.evaluate((f) => f.getBoundingClientRect().height)), sizes.outer);

      // Narrowing the host makes the widget taller; the iframe follows.
      await hostTab.setViewportSize({ width: 360, height: 800 });
      for (let i = 0; i < 40; i += 1) {
        const now = await fits();
        if (now.outer === now.inner && now.outer > sizes.outer) { sizes = now; break; }
        await hostTab.waitForTimeout(100);
      }
      const narrow = await fits();
      assert.equal(narrow.outer, narrow.inner);
    } finally {
      await hostTab.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await host?.close();
  }
});

test('the embed follows its theme, accent and compact parameters', async () => {
  const { page, errors } = await open('embed/sla/?policy=model-a-black-duck&plan=premium&severity=high&theme=dark&accent=%23ff0066&compact=1');
  try {
    await page.getByTestId('embed-plan-premium').waitFor();
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    const root = page.getByTestId('sla-embed');
    assert.match(await root.getAttribute('class'), /compact/);
    assert.equal(await root.evaluate((m) => getComputedStyle(m).getPropertyValue('--accent').trim()), '#ff0066');
    assert.equal(await page.getByTestId('embed-level').textContent(), 'High');
    assert.equal(await page.getByTestId('embed-first-response').textContent(), '2 business hours');
    assert.equal(await page.getByTestId('embed-resolution').textContent(), '5 business days');
    assert.equal(await page.locator('[data-testid^=embed-plan-]').count(), 1);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
