// End-to-end: "Get updates" as a visitor uses it — the dialog by keyboard, sections,
// feed, calendar and badge addresses that exist in the build, e-mail and webhook sign-up against
// a real local endpoint (success, refusal, network failure, invalid input, double click), and a
// browser notification firing when the data changes under an open page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { launch, watchErrors, routeConfig } from './browser.mjs';

const DIST = process.env.BEACON_DIST ?? 'dist';
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DEMO_NOW = new Date('2026-11-21T12:00:00Z');
let browser;
let server;
let endpoint;
before(async () => {
  browser = await launch();
  server = await serve(DIST, '/');
  endpoint = await signupEndpoint();
});
after(async () => { await browser?.close(); await server?.close(); await endpoint?.close(); });

/**
 * A sign-up service on another loopback port (so the browser really does a cross-origin POST
 * with a CORS preflight). It records each request and answers with `reply`.
 */
async function signupEndpoint() {
  const requests = [];
  const state = { reply: { status: 200, body: { message: 'Check your inbox to confirm.' }, delayMs: 0 } };
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'content-type',
  };
  const http = createServer((req, res) => {
    if (req.method === 'OPTIONS') { res.writeHead(204, cors).end(); return; }
    let text = '';
    req.on('data', (chunk) => { text += chunk; });
    req.on('end', () => {
      requests.push({ method: req.method, contentType: req.headers['content-type'], body: JSON.parse(text) });
      const { status, body, delayMs } = state.reply;
      setTimeout(() => {
        const isText = typeof body === 'string';
        res.writeHead(status, { ...cors, 'content-type': isText ? 'text/plain' : 'application/json' });
        res.end(isText ? body : JSON.stringify(body));
      }, delayMs);
    });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${http.address().port}/api/subscribe`,
    requests,
    reply(reply) { state.reply = { delayMs: 0, ...reply }; requests.length = 0; },
    close: () => new Promise((r) => http.close(r)),
  };
}

/** A region page with the demo clock, the site config pointing sign-ups at the local endpoint. */
async function regionPage(region = 'emea') {
  const page = await browser.newPage();
  await page.clock.install({ time: DEMO_NOW });
  const config = JSON.parse(await readFile(`${DIST}/config.json`, 'utf8'));
  config.subscriptions = { signup_url: endpoint.url, methods: ['email', 'webhook'] };
  await routeConfig(page, config);
  await page.goto(`${server.url}${region}`);
  await page.getByTestId('components').waitFor();
  return page;
}

/** Opens the dialog from the keyboard and returns it. */
async function openDialog(page) {
  await page.getByRole('button', { name: 'Get updates' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Get updates for EMEA' });
  await dialog.waitFor();
  return dialog;
}

const copyValues = (dialog) => dialog.getByTestId('copy-field').locator('input').evaluateAll((inputs) => inputs.map((i) => i.value));

test('the dialog opens by keyboard, takes focus, offers sections and closes with Escape', async () => {
  const page = await regionPage();
  const errors = watchErrors(page);
  const dialog = await openDialog(page);
  assert.ok(await page.evaluate(() => document.activeElement.closest('dialog[open]') !== null), 'focus moves into the dialog');
  const sections = dialog.getByTestId('section-choice');
  assert.equal(await sections.count(), 3);
  assert.equal(await dialog.getByRole('checkbox', { name: 'All sections' }).isChecked(), true);
  // Tab reaches the controls; Space unticks Website.
  await dialog.getByRole('checkbox', { name: 'Website' }).focus();
  await page.keyboard.press('Space');
  assert.equal(await dialog.getByRole('checkbox', { name: 'Website' }).isChecked(), false);
  assert.equal(await dialog.getByRole('checkbox', { name: 'All sections' }).isChecked(), false);
  // Methods are radio buttons: arrow keys move between them.
  await dialog.getByRole('radio', { name: 'Feeds (Atom, RSS)' }).focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await dialog.getByRole('radio', { name: 'Maintenance calendar' }).isChecked(), true);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'get-updates', 'focus returns to the button');
  // Reopened, the choices are as left.
  const again = await openDialog(page);
  assert.equal(await again.getByRole('checkbox', { name: 'Website' }).isChecked(), false);
  await again.getByTestId('subscribe-close').click();
  await again.waitFor({ state: 'hidden' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('feeds, calendar and badges name files the build published, for the chosen sections', async () => {
  const page = await regionPage();
  const dialog = await openDialog(page);
  await dialog.getByRole('checkbox', { name: 'Website' }).uncheck();
  const feeds = await copyValues(dialog);
  assert.deepEqual(feeds, [
    `${server.url}feeds/emea.atom`,
    `${server.url}feeds/emea.rss`,
    `${server.url}feeds/emea/em-backups.atom`,
    `${server.url}feeds/emea/em-restores.atom`,
  ]);
  for (const url of feeds) {
    const response = await page.request.get(url);
    assert.equal(response.status(), 200, url);
    assert.match(await response.text(), /<(feed|rss)\b/, url);
  }
  // Copy to clipboard.
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await dialog.getByRole('button', { name: 'Copy Whole region (Atom)' }).click();
  await dialog.getByText('Copied.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}feeds/emea.atom`);

  await dialog.getByRole('radio', { name: 'Maintenance calendar' }).check();
  const calendar = await copyValues(dialog);
  const host = new URL(server.url).host;
  assert.deepEqual(calendar, [`webcal://${host}/calendars/emea.ics`, `${server.url}calendars/emea.ics`]);
  const download = dialog.getByTestId('calendar-download');
  assert.equal(await download.getAttribute('href'), `${server.url}calendars/emea.ics`);
  assert.notEqual(await download.getAttribute('download'), null);
  assert.match(await (await page.request.get(`${server.url}calendars/emea.ics`)).text(), /^BEGIN:VCALENDAR/);

  await dialog.getByRole('radio', { name: 'Status badges' }).check();
  const badges = dialog.getByTestId('badge');
  assert.equal(await badges.count(), 3, 'region + two chosen sections');
  const snippets = await copyValues(dialog);
  assert.equal(snippets[0], `[![EMEA status](${server.url}badges/emea.svg)](${server.url}emea/)`);
  assert.equal(snippets[1], `<a href="${server.url}emea/"><img src="${server.url}badges/emea.svg" alt="EMEA status"></a>`);
  for (const src of await badges.locator('img').evaluateAll((imgs) => imgs.map((i) => i.src))) {
    const response = await page.request.get(src);
    assert.equal(response.status(), 200, src);
    assert.match(response.headers()['content-type'], /svg/);
  }
  // Feed autodiscovery for the open region.
  assert.equal(await page.locator('head link[rel=alternate][type="application/atom+xml"]').getAttribute('href'), `${server.url}feeds/emea.atom`);
  await page.close();
});

test('e-mail sign-up posts the documented body and shows the endpoint answer', async () => {
  endpoint.reply({ status: 200, body: { message: 'Check your inbox to confirm.' } });
  const page = await regionPage();
  const dialog = await openDialog(page);
  await dialog.getByRole('checkbox', { name: 'Restores/Downloads' }).uncheck();
  await dialog.getByRole('radio', { name: 'E-mail' }).check();
  await dialog.getByLabel('E-mail address').fill(' ops@example.com ');
  await page.keyboard.press('Enter');
  await dialog.getByTestId('signup-result').getByText('Check your inbox to confirm.').waitFor();
  assert.equal(endpoint.requests.length, 1);
  assert.equal(endpoint.requests[0].contentType, 'application/json');
  assert.deepEqual(endpoint.requests[0].body, {
    method: 'email', address: 'ops@example.com', region: 'emea',
    components: ['em-website', 'em-backups'], language: 'en-GB',
  });

  endpoint.reply({ status: 202, body: 'Webhook registered.' });
  await dialog.getByRole('radio', { name: 'Webhook' }).check();
  await dialog.getByLabel('Webhook URL').fill('https://hooks.example.com/beacon');
  await dialog.getByRole('button', { name: 'Sign up' }).click();
  await dialog.getByTestId('signup-result').getByText('Webhook registered.').waitFor();
  assert.deepEqual(endpoint.requests[0].body, {
    method: 'webhook', url: 'https://hooks.example.com/beacon', region: 'emea',
    components: ['em-website', 'em-backups'], language: 'en-GB',
  });
  await page.close();
});

test('a refused or failed sign-up keeps the form filled and says why', async () => {
  endpoint.reply({ status: 422, body: { message: 'This address is on a block list.' } });
  const page = await regionPage();
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'E-mail' }).check();
  const address = dialog.getByLabel('E-mail address');
  await address.fill('ops@example.com');
  await dialog.getByRole('button', { name: 'Sign up' }).click();
  const result = dialog.getByTestId('signup-result');
  await result.getByText(/HTTP 422/).waitFor();
  assert.match(await result.textContent(), /This address is on a block list\./);
  assert.equal(await address.inputValue(), 'ops@example.com');

  endpoint.reply({ status: 503, body: '<html><body>Service Unavailable</body></html>' });
  await dialog.getByRole('button', { name: 'Sign up' }).click();
  await result.getByText(/HTTP 503/).waitFor();
  assert.doesNotMatch(await result.textContent(), /<html>/);
  assert.equal(await address.inputValue(), 'ops@example.com');

  await page.route(endpoint.url, (route) => route.abort('internetdisconnected'));
  await dialog.getByRole('button', { name: 'Sign up' }).click();
  await result.getByText(/could not be sent/).waitFor();
  assert.equal(await address.inputValue(), 'ops@example.com');
  // Switching method and back keeps what was typed.
  await dialog.getByRole('radio', { name: 'Webhook' }).check();
  await dialog.getByRole('radio', { name: 'E-mail' }).check();
  assert.equal(await dialog.getByLabel('E-mail address').inputValue(), 'ops@example.com');
  await page.close();
});

test('invalid input is refused before anything is sent, naming the field', async () => {
  endpoint.reply({ status: 200, body: { message: 'ok' } });
  const page = await regionPage();
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'E-mail' }).check();
  const address = dialog.getByLabel('E-mail address');
  await address.fill('ops@example');
  await page.keyboard.press('Enter');
  await dialog.getByTestId('signup-problem').getByText(/after the @/).waitFor();
  assert.equal(await address.getAttribute('aria-invalid'), 'true');

  await dialog.getByRole('radio', { name: 'Webhook' }).check();
  const url = dialog.getByLabel('Webhook URL');
  await url.fill('http://hooks.example.com/beacon');
  await dialog.getByRole('button', { name: 'Sign up' }).click();
  await dialog.getByTestId('signup-problem').getByText(/https:\/\//).waitFor();
  assert.equal(await url.getAttribute('aria-invalid'), 'true');

  await url.fill('https://hooks.example.com/beacon');
  await dialog.getByRole('checkbox', { name: 'All sections' }).uncheck();
  await dialog.getByRole('button', { name: 'Sign up' }).click();
  await dialog.getByTestId('sections-problem').getByText('Choose at least one section.').waitFor();
  assert.equal(await url.getAttribute('aria-invalid'), 'false');

  assert.equal(endpoint.requests.length, 0, 'nothing reached the endpoint');
  await page.close();
});

test('a double click sends one sign-up, and the button is disabled while it is in flight', async () => {
  endpoint.reply({ status: 200, body: { message: 'Check your inbox to confirm.' }, delayMs: 800 });
  const page = await regionPage();
  const dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: 'E-mail' }).check();
  await dialog.getByLabel('E-mail address').fill('ops@example.com');
  const submit = dialog.getByTestId('signup-submit');
  await submit.dblclick();
  await page.waitForFunction(() => document.querySelector('[data-testid=signup-submit]').disabled);
  await dialog.getByTestId('signup-result').getByText('Check your inbox to confirm.').waitFor();
  assert.equal(await submit.isDisabled(), false);
  assert.equal(endpoint.requests.length, 1);
  await page.close();
});

test('without a sign-up endpoint, e-mail and webhook are not offered', async () => {
  const page = await browser.newPage();
  const config = JSON.parse(await readFile(`${DIST}/config.json`, 'utf8'));
  delete config.subscriptions;
  await routeConfig(page, config);
  await page.goto(`${server.url}emea`);
  await page.getByTestId('components').waitFor();
  const dialog = await openDialog(page);
  const methods = await dialog.getByRole('radio').evaluateAll((radios) => radios.map((r) => r.value));
  assert.deepEqual(methods, ['feeds', 'calendar', 'browser', 'badges']);
  await page.close();
});

test('axe-core finds no WCAG A/AA violations in the open dialog, on every method', async () => {
  const page = await regionPage();
  const dialog = await openDialog(page);
  await page.addScriptTag({ content: AXE });
  const report = [];
  for (const method of ['Feeds (Atom, RSS)', 'Maintenance calendar', 'Browser notifications', 'E-mail', 'Webhook', 'Status badges']) {
    await dialog.getByRole('radio', { name: method }).check();
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run(document.querySelector('dialog[open]'), {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    });
    report.push(...violations.map((v) => `${method}: ${v}`));
  }
  assert.deepEqual(report, []);
  await page.close();
});

test('a browser notification fires when the data changes under an open page, for chosen sections only', async () => {
  await browser.grantPermissions(['notifications'], { origin: new URL(server.url).origin });
  const page = await browser.newPage();
  // Record every `new Notification(...)` the page makes (and still show it).
  await page.addInitScript(() => {
    const Real = window.Notification;
    window.__notices = [];
    class Recorded extends Real {
      constructor(title, options = {}) {
        super(title, options);
        window.__notices.push({ title, body: options.body, tag: options.tag });
      }
      static get permission() { return Real.permission; }
      static requestPermission(...args) { return Real.requestPermission(...args); }
    }
    window.Notification = Recorded;
  });
  await page.clock.install({ time: DEMO_NOW });
  const summary = JSON.parse(await readFile(`${DIST}/data/emea/summary.json`, 'utf8'));
  let served = structuredClone(summary);
  await page.route('**/data/emea/summary.json', (route) => route.fulfill({ json: served }));
  await page.goto(`${server.url}emea`);
  await page.getByTestId('components').waitFor();

  const dialog = await openDialog(page);
  await dialog.getByRole('checkbox', { name: 'Website' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Restores/Downloads' }).uncheck();
  await dialog.getByRole('radio', { name: 'Browser notifications' }).check();
  await dialog.getByRole('button', { name: 'Turn on notifications' }).click();
  await dialog.getByTestId('notify-state').getByText('Notifications are on for: Backups').waitFor();
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('beacon.notify.emea'))), { enabled: true, sections: ['em-backups'] });
  await page.keyboard.press('Escape');

  // A change to a section not chosen: the page shows it, no notification.
  served = structuredClone(summary);
  served.components.find((c) => c.id === 'em-website').status = 'major_outage';
  await page.clock.fastForward('01:01');
  await page.locator('[data-component-id=em-website]').getByText('Major outage').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__notices), []);

  // A new update on the Backups incident: one notification.
  const incident = served.incidents.find((i) => i.id === 'tb1xtvj5wamt');
  incident.status = 'monitoring';
  incident.incident_updates.unshift({
    ...incident.incident_updates[0], id: 'e2e-update', status: 'monitoring',
    body: 'A **fix** is in place; the backlog is clearing.', created_at: '2026-11-21T12:00:30Z', display_at: null,
  });
  await page.clock.fastForward('01:01');
  await page.waitForFunction(() => window.__notices.length > 0);
  const notices = await page.evaluate(() => window.__notices);
  assert.equal(notices.length, 1);
  assert.equal(notices[0].title, 'EMEA — Monitoring: Delayed Microsoft 365 backups');
  assert.equal(notices[0].body, 'A fix is in place; the backlog is clearing.');

  // The same data again: nothing new.
  await page.clock.fastForward('01:01');
  await page.waitForTimeout(300);
  assert.equal((await page.evaluate(() => window.__notices)).length, 1);

  // After a switch of language the notification is worded in it (the page stays mounted, so
  // the comparison with the last poll goes on); names from the data stay as written.
  await page.getByTestId('lang-switch').selectOption('de');
  await page.getByRole('heading', { name: 'Komponenten' }).waitFor();
  served = structuredClone(served);
  served.components.find((c) => c.id === 'em-backups-gws').status = 'partial_outage';
  await page.clock.fastForward('01:01');
  await page.waitForFunction(() => window.__notices.length > 1);
  const german = (await page.evaluate(() => window.__notices))[1];
  assert.equal(german.title, 'EMEA — Google Workspace backups: Teilausfall');
  assert.equal(german.body, 'Vorher: Betriebsbereit.');
  await page.getByTestId('lang-switch').selectOption('en');
  await page.getByRole('heading', { name: 'Components' }).waitFor();

  // The choice survives a reload and can be edited.
  await page.reload();
  await page.getByTestId('components').waitFor();
  const reopened = await openDialog(page);
  assert.equal(await reopened.getByRole('checkbox', { name: 'Website' }).isChecked(), false);
  await reopened.getByRole('radio', { name: 'Browser notifications' }).check();
  await reopened.getByTestId('notify-state').getByText('Notifications are on for: Backups').waitFor();
  await reopened.getByRole('checkbox', { name: 'Website' }).check();
  await reopened.getByRole('button', { name: 'Save sections' }).click();
  await reopened.getByTestId('notify-state').getByText('Notifications are on for: Website, Backups').waitFor();
  await reopened.getByRole('button', { name: 'Turn off notifications' }).click();
  await reopened.getByTestId('notify-state').getByText('Notifications are off.').waitFor();
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('beacon.notify.emea'))).enabled, false);
  await page.close();
});

// The dialog is a module of its own (crates/browser/src/lazy.rs): the status page downloads it on the first
// click of "Get updates" only.
const MODULE_FILE = /\/beacon-subscribe-[0-9a-f]+(\.js|_bg\.wasm)(\?|$)/;

/** Records the requests for the dialog module's files on `page`. */
function moduleRequests(page) {
  const seen = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (MODULE_FILE.test(url.pathname + (url.search ? '?' : ''))) seen.push(url.pathname.split('/').pop());
  });
  return seen;
}

test('the dialog module is downloaded on the first click of "Get updates", not before', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  const requested = moduleRequests(page);
  await page.clock.install({ time: DEMO_NOW });
  await page.goto(`${server.url}emea`);
  await page.getByTestId('components').waitFor();
  await page.waitForLoadState('networkidle');
  const named = await page.locator('meta[name="beacon-module:subscribe"]').evaluate((m) => [m.content, m.dataset.wasm]);
  for (const file of named) assert.equal((await page.request.get(`${server.url}${file}`)).status(), 200, file);
  assert.deepEqual(requested, [], 'nothing of the dialog is loaded with the page');
  // The feed links in the head do not wait for the dialog either.
  assert.equal(await page.locator('head link[rel=alternate][type="application/rss+xml"]').getAttribute('href'), `${server.url}feeds/emea.rss`);

  await page.getByRole('button', { name: 'Get updates' }).click();
  await page.getByRole('dialog', { name: 'Get updates for EMEA' }).waitFor();
  assert.deepEqual([...requested].sort(), [...named].sort(), 'the glue and the wasm, once each');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Get updates' }).click();
  await page.getByRole('dialog', { name: 'Get updates for EMEA' }).waitFor();
  assert.equal(requested.length, 2, 'reopened without loading again');
  await page.keyboard.press('Escape');
  // Another region's page (an in-app navigation) mounts its own dialog from the loaded module.
  await page.getByTestId('region-link-americas').click();
  await page.getByTestId('region-name').filter({ hasText: 'Americas' }).waitFor();
  await page.getByRole('button', { name: 'Get updates' }).click();
  await page.getByRole('dialog', { name: 'Get updates for Americas' }).waitFor();
  assert.equal(await page.locator('dialog').count(), 1, 'the first region\'s dialog is gone');
  assert.equal(requested.length, 2, 'the module is loaded once per page');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a click while the module loads opens the dialog once it is ready, and only one dialog', async () => {
  const page = await regionPage();
  const requested = moduleRequests(page);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(MODULE_FILE, async (route) => { await held; await route.continue(); });
  const button = page.getByRole('button', { name: 'Get updates' });
  await button.click();
  await page.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
  assert.equal(await button.getAttribute('aria-busy'), 'true');
  await button.click();
  release();
  const dialog = page.getByRole('dialog', { name: 'Get updates for EMEA' });
  await dialog.waitFor();
  assert.ok(await page.evaluate(() => document.activeElement.closest('dialog[open]') !== null), 'focus moves into the dialog');
  assert.equal(await page.locator('dialog').count(), 1);
  assert.equal(requested.filter((f) => f.endsWith('.js')).length, 1, 'one download for two clicks');
  assert.equal(await button.getAttribute('aria-busy'), null);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'get-updates', 'focus returns to the button');
  await page.close();
});

test('a module that fails to load is reported beside the button in the visitor\'s language, and a retry works', async () => {
  const page = await regionPage();
  const errors = watchErrors(page);
  const glue = /\/beacon-subscribe-[0-9a-f]+\.js/;
  const wasm = /\/beacon-subscribe-[0-9a-f]+_bg\.wasm/;
  // The glue does not arrive.
  await page.route(glue, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Get updates' }).click();
  const problem = page.getByTestId('get-updates-error');
  await problem.getByText('The “Get updates” window could not be loaded. Check your connection and try again.').waitFor();
  assert.equal(await problem.getAttribute('role'), 'alert');
  assert.equal(await page.getByRole('dialog').count(), 0);
  // Then the glue does but the wasm does not.
  await page.unroute(glue);
  let refused;
  const wasmRefused = new Promise((resolve) => { refused = resolve; });
  await page.route(wasm, (route) => { refused(); return route.abort('internetdisconnected'); });
  await problem.getByRole('button', { name: 'Try again' }).click();
  await wasmRefused;
  await problem.getByText(/could not be loaded/).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'get-updates', 'the focus is not lost with the retry button');
  assert.equal(await page.getByRole('dialog').count(), 0);
  // Back online: a retry opens the dialog and the error goes.
  await page.unroute(wasm);
  await problem.getByRole('button', { name: 'Try again' }).click();
  const dialog = page.getByRole('dialog', { name: 'Get updates for EMEA' });
  await dialog.waitFor();
  assert.equal((await problem.textContent()).trim(), '');
  assert.equal(await dialog.getByTestId('section-choice').count(), 3);
  await page.keyboard.press('Escape');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'get-updates', 'focus returns to the button');
  assert.deepEqual(errors, []);

  // In German, with axe-core on the error.
  await page.goto(`${server.url}emea?lang=de`);
  await page.getByTestId('components').waitFor();
  await page.route(glue, (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'Updates erhalten' }).click();
  await problem.getByText('Das Fenster „Updates erhalten“ konnte nicht geladen werden. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.').waitFor();
  await problem.getByRole('button', { name: 'Erneut versuchen' }).waitFor();
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document.querySelector('.region-header'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${v.help}`);
  });
  assert.deepEqual(violations, []);
  await page.unroute(glue);
  await problem.getByRole('button', { name: 'Erneut versuchen' }).click();
  await page.getByRole('dialog', { name: 'Updates für EMEA erhalten' }).waitFor();
  await page.evaluate(() => localStorage.removeItem('beacon.lang'));
  await page.close();
});

test('a visitor who turned notifications on gets them on a later visit, without the dialog module', async () => {
  await browser.grantPermissions(['notifications'], { origin: new URL(server.url).origin });
  const page = await browser.newPage();
  const requested = moduleRequests(page);
  await page.addInitScript(() => {
    localStorage.setItem('beacon.notify.emea', JSON.stringify({ enabled: true, sections: ['em-backups'] }));
    const Real = window.Notification;
    window.__notices = [];
    class Recorded extends Real {
      constructor(title, options = {}) {
        super(title, options);
        window.__notices.push({ title, body: options.body });
      }
      static get permission() { return Real.permission; }
    }
    window.Notification = Recorded;
  });
  await page.clock.install({ time: DEMO_NOW });
  const summary = JSON.parse(await readFile(`${DIST}/data/emea/summary.json`, 'utf8'));
  let served = structuredClone(summary);
  await page.route('**/data/emea/summary.json', (route) => route.fulfill({ json: served }));
  await page.goto(`${server.url}emea?lang=en`);
  await page.getByTestId('components').waitFor();
  served = structuredClone(summary);
  served.components.find((c) => c.id === 'em-backups-gws').status = 'partial_outage';
  await page.clock.fastForward('01:01');
  await page.waitForFunction(() => window.__notices.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__notices), [
    { title: 'EMEA — Google Workspace backups: Partial outage', body: 'Was: Operational.' },
  ]);
  assert.deepEqual(requested, [], 'the notifier is part of the status app');
  await page.close();
});
