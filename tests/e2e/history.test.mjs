// End-to-end: a region's history by quarter as a visitor reads it — paging between quarters,
// a shared quarter address loading directly (also with JavaScript off), filters by section and
// impact and a text search kept in the address, a postmortem on its incident's page and in the
// feed — and that the live region page downloads the recent history only, never a quarter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { launch, launchBrowser, watchErrors, CONTEXT } from './browser.mjs';

const DIST = process.env.BEACON_DIST ?? 'dist';
const DEMO_NOW = new Date('2026-11-21T12:00:00Z');
let browser;
let server;
before(async () => { browser = await launch(); server = await serve(DIST, '/'); });
after(async () => { await browser?.close(); await server?.close(); });

async function demoPage() {
  const page = await browser.newPage();
  await page.clock.install({ time: DEMO_NOW });
  return page;
}

/** The titles of the incidents listed, in order. */
async function titles(page) {
  return page.locator('[data-testid=history-month] .incident-name').allTextContents();
}

test('the history opens on the newest quarter and pages to older and newer ones', async () => {
  const page = await demoPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}emea/history/`);
  const period = page.getByTestId('history-period');
  await page.getByTestId('history-month').first().waitFor();
  assert.equal(await period.textContent(), 'Q4 2026');
  assert.equal(await page.getByTestId('newer-period').count(), 0, 'nothing is newer than the newest');
  const quarters = await page.getByTestId('period-list').locator('li').allTextContents();
  assert.deepEqual(quarters, ['Q4 2026 · 9 incidents', 'Q3 2026 · 5 incidents']);

  await page.getByTestId('older-period').click();
  await page.waitForURL(/\/emea\/history\/2026-q3\/$/);
  await page.waitForFunction(() => document.querySelector('[data-testid=history-period]')?.textContent === 'Q3 2026');
  assert.deepEqual(await page.getByTestId('history-month').locator(':scope > h3').allTextContents(), ['September 2026', 'August 2026']);
  assert.equal((await titles(page)).length, 5);
  assert.equal(await page.getByTestId('older-period').count(), 0, 'nothing is older than the oldest');

  await page.getByTestId('newer-period').click();
  await page.waitForURL(/\/emea\/history\/2026-q4\/$/);
  await page.waitForFunction(() => document.querySelector('[data-testid=history-period]')?.textContent === 'Q4 2026');
  await page.goBack();
  await page.waitForURL(/\/emea\/history\/2026-q3\/$/);
  await page.waitForFunction(() => document.querySelector('[data-testid=history-period]')?.textContent === 'Q3 2026');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a shared quarter address with filters loads directly, and the quarter is pre-rendered for JavaScript off', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea/history/2026-q3/?section=em-backups&impact=critical`);
  await page.getByTestId('history-month').first().waitFor();
  assert.equal(await page.getByTestId('history-period').textContent(), 'Q3 2026');
  assert.deepEqual(await titles(page), ['Backup agents cannot upload']);
  assert.equal(await page.getByTestId('filter-section').inputValue(), 'em-backups');
  assert.equal(await page.getByTestId('filter-impact').inputValue(), 'critical');
  // Paging keeps the filters.
  assert.match(await page.getByTestId('newer-period').getAttribute('href'), /\/emea\/history\/2026-q4\/\?section=em-backups&impact=critical$/);
  await page.close();

  const plain = await launchBrowser();
  const off = await plain.newContext({ ...CONTEXT, javaScriptEnabled: false });
  try {
    const still = await off.newPage();
    const response = await still.goto(`${server.url}emea/history/2026-q3/`);
    assert.equal(response.status(), 200);
    assert.equal(await still.getByTestId('prerendered-period').getAttribute('data-period'), '2026-q3');
    assert.equal(await still.getByTestId('prerendered-period').textContent(), 'Q3 2026');
    const listed = await still.locator('[data-testid=prerendered-month] .incident-name').allTextContents();
    assert.equal(listed.length, 5);
    assert.ok(listed.includes('Google Workspace backups failing'), listed.join(', '));
    assert.match(await still.getByTestId('prerendered-newer').getAttribute('href'), /\/emea\/history\/2026-q4\/$/);
    // The history's own address shows the newest quarter, linking to the older one.
    await still.goto(`${server.url}emea/history/`);
    assert.equal(await still.getByTestId('prerendered-period').getAttribute('data-period'), '2026-q4');
    await still.getByTestId('prerendered-older').click();
    await still.waitForURL(/\/emea\/history\/2026-q3\/$/);
    assert.equal(await still.getByTestId('prerendered-period').getAttribute('data-period'), '2026-q3');
    // An incident of the quarter links to its own page.
    const link = still.locator('[data-testid=prerendered-month] .incident-name a').first();
    assert.match(await link.getAttribute('href'), /\/emea\/incidents\/[a-z0-9]+\/$/);
  } finally {
    await plain.close();
  }
});

test('filters by section and impact and a text search narrow the quarter and stay in the address', async () => {
  const page = await demoPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}emea/history/2026-q3/`);
  await page.getByTestId('history-month').first().waitFor();
  assert.equal((await titles(page)).length, 5);

  // A group's section takes the incidents of its members.
  await page.getByTestId('filter-section').selectOption('em-backups');
  await page.waitForURL(/\?section=em-backups$/);
  assert.deepEqual((await titles(page)).sort(), [
    'Backup agents cannot upload', 'Delayed Microsoft 365 backups', 'Google Workspace backups failing', 'Storage firmware upgrade',
  ]);
  await page.getByTestId('filter-impact').selectOption('maintenance');
  await page.waitForURL(/\?section=em-backups&impact=maintenance$/);
  assert.deepEqual(await titles(page), ['Storage firmware upgrade']);

  await page.getByTestId('filter-clear').click();
  await page.waitForURL(/\/2026-q3\/$/);
  assert.equal((await titles(page)).length, 5);

  // Words are searched in titles and update messages, in any case.
  await page.getByTestId('filter-search').fill('WORKSPACE');
  await page.waitForURL(/\?q=WORKSPACE$/);
  assert.deepEqual(await titles(page), ['Google Workspace backups failing']);
  await page.getByTestId('filter-search').fill('no such words anywhere');
  await page.getByTestId('history-no-match').waitFor();
  assert.equal(await page.getByTestId('history-no-match').textContent(), 'No incidents in this quarter match these filters.');
  assert.equal(await page.getByTestId('history-month').count(), 0);

  // Reloading the filtered address shows the same.
  await page.getByTestId('filter-search').fill('Google');
  await page.waitForURL(/\?q=Google$/);
  await page.reload();
  await page.getByTestId('history-month').first().waitFor();
  assert.deepEqual(await titles(page), ['Google Workspace backups failing']);
  assert.equal(await page.getByTestId('filter-search').inputValue(), 'Google');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a quarter without incidents says so', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea/history/2025-q1/`);
  await page.getByTestId('history-empty').waitFor();
  assert.equal(await page.getByTestId('history-empty').textContent(), 'No incidents were reported in this quarter.');
  assert.equal(await page.getByTestId('history-period').textContent(), 'Q1 2025');
  // The next quarter with incidents is one click away.
  assert.match(await page.getByTestId('newer-period').getAttribute('href'), /\/emea\/history\/2026-q3\/$/);
  await page.close();
});

test('the postmortem shows on its incident page and in the region feed', async () => {
  const page = await demoPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}americas/incidents/vb8wyevb252g/`);
  const postmortem = page.getByTestId('postmortem');
  await postmortem.waitFor();
  assert.equal(await postmortem.getByRole('heading', { level: 4 }).first().textContent(), 'Postmortem');
  // Markdown through the one markup renderer: headings, lists, bold.
  assert.ok(await postmortem.locator('strong', { hasText: 'web portal' }).count() > 0);
  assert.match(await postmortem.textContent(), /What happened/);
  assert.match(await postmortem.textContent(), /Certificate rotations are now staged on one node first/);
  assert.ok(await postmortem.locator('time').count() > 0, 'when it was published');
  assert.equal(await postmortem.locator('a[href^="mailto:"]').count(), 1);
  // The update announcing it stays in the timeline, after it.
  assert.match(await page.getByTestId('incident-update').first().textContent(), /^Postmortem.*published a postmortem/s);
  // A list of incidents shows no postmortems.
  await page.goto(`${server.url}americas/history/`);
  await page.getByTestId('history-month').first().waitFor();
  assert.equal(await page.getByTestId('postmortem').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();

  const atom = await (await fetch(`${server.url}feeds/americas.atom`)).text();
  const entry = atom.split('<entry>').find((e) => e.includes('vb8wyevb252g'));
  assert.ok(entry, 'the incident has an entry');
  assert.match(entry, /&lt;h4&gt;Postmortem — /);
  assert.match(entry, /What happened/);
  const rss = await (await fetch(`${server.url}feeds/americas.rss`)).text();
  assert.match(rss.split('<item>').find((e) => e.includes('vb8wyevb252g')), /Certificate rotations are now staged on one node first/);
});

test('an incident older than the recent history is found in its quarter', async () => {
  const page = await demoPage();
  // A recent history without it, as when it ended more than 90 days ago.
  const summary = JSON.parse(await (await fetch(`${server.url}data/emea/summary.json`)).text());
  await page.route('**/data/emea/history/recent.json', (route) => route.fulfill({
    body: JSON.stringify({ page: summary.page, incidents: [] }), contentType: 'application/json',
  }));
  const quarters = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/\/history\/\d{4}-q\d\.json$/.test(path)) quarters.push(path);
  });
  await page.goto(`${server.url}emea/incidents/a2pabgrz99db/`);
  const incident = page.getByTestId('incident');
  await incident.waitFor();
  assert.match(await incident.locator('.incident-name').textContent(), /Slow loading of the web portal/);
  // Looked up newest quarter first, up to the one that has it.
  assert.deepEqual(quarters, ['/data/emea/history/2026-q4.json', '/data/emea/history/2026-q3.json']);
  await page.goto(`${server.url}emea/incidents/no-such-incident/`);
  await page.getByTestId('not-found').waitFor();
  await page.close();
});

test('the region page downloads the recent history only, never a quarter or the index', async () => {
  const page = await demoPage();
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await page.goto(`${server.url}emea/`);
  await page.getByTestId('uptime').first().waitFor();
  await page.waitForLoadState('networkidle');
  const history = requests.filter((path) => path.includes('/data/emea/history'));
  assert.deepEqual(history, ['/data/emea/history/recent.json'], requests.join(', '));
  // The history page then asks for the index and its quarter only.
  requests.length = 0;
  await page.getByTestId('history-link').click();
  await page.getByTestId('history-month').first().waitFor();
  await page.waitForLoadState('networkidle');
  const quarters = requests.filter((path) => /\/data\/emea\/history\/\d{4}-q\d\.json$/.test(path));
  assert.deepEqual(quarters, ['/data/emea/history/2026-q4.json']);
  assert.ok(requests.includes('/data/emea/history/index.json'));
  await page.close();
});
