// End-to-end: the status written into each region's page at build time. With
// JavaScript off, a static host WITHOUT the single-page-app fallback serves /americas, /emea and
// /apac, each showing the same sections and statuses the live app shows, its incidents, when
// the snapshot was taken, and feed links; with JavaScript on, the live page replaces the
// snapshot and the static feed links without duplicating anything.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve } from './server.mjs';
import { launchBrowser, watchErrors, CONTEXT } from './browser.mjs';

const SITES = [
  { name: 'root', dist: process.env.BEACON_DIST ?? 'dist', prefix: '/' },
  { name: 'sub-path', dist: process.env.BEACON_DIST_SUB ?? 'target/dist-sub', prefix: '/beacon/' },
];
const REGIONS = { americas: 'Americas', emea: 'EMEA', apac: 'APAC' };
const SECTIONS = ['Website', 'Backups', 'Restores/Downloads'];

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** Each top-level section's name and status in words, from the snapshot or the live page. */
function rows(page, rowTestId) {
  return page.locator(`[data-testid=${rowTestId}] > .component-row`).evaluateAll((items) =>
    items.map((row) => [row.querySelector('.component-name').textContent, row.querySelector('.status-text').textContent]));
}

for (const site of SITES) {
  test(`${site.name}: with JavaScript off, each region's page shows its status from a host without fallback`, async () => {
    const server = await serve(site.dist, site.prefix, { fallback: false });
    const live = await browser.newContext(CONTEXT);
    const off = await browser.newContext({ ...CONTEXT, javaScriptEnabled: false });
    try {
      const notFound = await (await off.newPage()).goto(`${server.url}emea/nothing-here`);
      assert.equal(notFound.status(), 404, 'the host really has no fallback');
      for (const sub of ['emea/history', 'emea/incidents/tb1xtvj5wamt']) {
        const subPage = await off.newPage();
        assert.equal((await subPage.goto(`${server.url}${sub}`)).status(), 200, `${sub} is served as a file`);
        assert.equal(await subPage.getByRole('heading', { level: 1 }).textContent(), 'EMEA');
      }
      for (const [id, name] of Object.entries(REGIONS)) {
        const page = await off.newPage();
        const response = await page.goto(`${server.url}${id}`);
        assert.equal(response.status(), 200, `${id} is served as a file`);
        assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), name);
        assert.match(await page.title(), new RegExp(`^${name} — `));
        assert.ok((await page.locator('meta[name=description]').getAttribute('content')).startsWith(`${name} status of `));

        const snapshot = await rows(page, 'prerendered-component');
        for (const section of SECTIONS) {
          assert.ok(snapshot.some(([n, status]) => n === section && status.trim()), `${id}: ${section} with its status`);
        }
        const livePage = await live.newPage();
        await livePage.goto(`${server.url}${id}`);
        await livePage.getByTestId('components').waitFor();
        assert.deepEqual(snapshot, await rows(livePage, 'component'), `${id}: the snapshot says what the live page says`);
        await livePage.close();

        const banner = await page.getByTestId('prerendered-banner').textContent();
        assert.match(banner, /operational|disruption|outage|maintenance/i);
        const note = await page.getByTestId('prerendered-note').textContent();
        assert.match(note, /^Status as of \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Live updates need JavaScript/);

        const summary = JSON.parse(await readFile(join(site.dist, 'data', id, 'summary.json'), 'utf8'));
        const active = summary.incidents.filter((i) => !['resolved', 'postmortem', 'completed'].includes(i.status));
        for (const incident of active) {
          const card = page.getByTestId('prerendered-incident').filter({ hasText: incident.name });
          assert.equal(await card.count(), 1, `${id}: ${incident.name}`);
        }

        for (const [type, ext] of [['application/atom+xml', 'atom'], ['application/rss+xml', 'rss']]) {
          const href = await page.locator(`head link[rel=alternate][type="${type}"]`).getAttribute('href');
          assert.equal(href, `${site.prefix}feeds/${id}.${ext}`);
          const feed = await page.request.get(new URL(href, server.url).href);
          assert.equal(feed.status(), 200, href);
        }
        await page.close();
      }

      const page = await off.newPage();
      await page.goto(`${server.url}emea`);
      await page.getByRole('navigation').getByRole('link', { name: 'APAC' }).click();
      await page.getByRole('heading', { level: 1, name: 'APAC' }).waitFor();
      assert.equal(new URL(page.url()).pathname.replace(/\/$/, ''), `${site.prefix}apac`);
    } finally {
      await live.close();
      await off.close();
      await server.close();
    }
  });

  test(`${site.name}: with JavaScript on, the live page replaces the snapshot`, async () => {
    const server = await serve(site.dist, site.prefix);
    const context = await browser.newContext(CONTEXT);
    const page = await context.newPage();
    const errors = watchErrors(page);
    const configRequests = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.endsWith('/config.json')) configRequests.push(request.url());
    });
    try {
      for (const path of ['emea', 'emea/', 'apac', '']) {
        await page.goto(`${server.url}${path}`);
        await page.getByTestId(path ? 'components' : 'region-choice').waitFor();
        assert.equal(await page.locator('#prerendered, [data-prerendered]').count(), 0, `${path}: snapshot removed`);
        for (const type of ['application/atom+xml', 'application/rss+xml']) {
          const links = await page.locator(`head link[rel=alternate][type="${type}"]`).count();
          assert.ok(links <= 1, `${path}: ${links} ${type} links, one at most`);
        }
        assert.equal(await page.locator('header.site-header').count(), 1, `${path}: one header`);
        assert.equal(await page.locator('main').count(), 1, `${path}: one main`);
        assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, `${path}: one heading`);
        if (path) {
          const names = await page.locator('[data-testid=component] .component-name').allTextContents();
          assert.deepEqual([...new Set(names)], names, `${path}: no section twice`);
          for (const section of SECTIONS) assert.ok(names.includes(section), `${path}: ${section}`);
        }
      }
      // The pre-rendered pages carry the site configuration: the app asks for the region's
      // data straight away instead of fetching config.json first.
      assert.deepEqual(configRequests, [], 'no request for config.json from a pre-rendered page');
      const response = await page.goto(`${server.url}embed/sla`);
      assert.doesNotMatch(await response.text(), /prerendered/, 'the embed carries no status snapshot');
      await page.getByTestId('sla-embed').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
      await server.close();
    }
  });
}

// A region's pre-rendered page asks for its summary.json and history while it is parsed,
// and the app reads those responses instead of asking again.
test('a region page fetches its summary and history once, started by the page before the app', async () => {
  const site = SITES[0];
  const server = await serve(site.dist, site.prefix);
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const requests = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.json') || path.endsWith('.wasm')) requests.push(path);
  });
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', () => { window.__appStarted = performance.now(); }));
  try {
    await page.goto(`${server.url}emea`);
    await page.getByTestId('components').waitFor();
    await page.waitForLoadState('networkidle');
    const summary = requests.filter((path) => path.endsWith('/data/emea/summary.json'));
    assert.equal(summary.length, 1, `one request for the summary: ${requests.join(', ')}`);
    for (const file of ['summary', 'history/recent']) {
      const [asked, started] = await page.evaluate((file) => [
        performance.getEntriesByType('resource').find((e) => e.name.endsWith(`/data/emea/${file}.json`)).startTime,
        window.__appStarted,
      ], file);
      assert.ok(asked < started, `${file} asked at ${asked} ms, before the app started (${started} ms)`);
    }
    assert.equal(requests.filter((path) => path.endsWith('/data/emea/history/recent.json')).length, 1);
    assert.deepEqual(await page.evaluate(() => Object.keys(window.beaconEarly)), [], 'the early response was taken');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await server.close();
  }
});

// The snapshot is written in English at build time; a small inline script shows it in
// the visitor's language before the wasm has loaded (here: never loads), chosen as the app
// chooses it. With JavaScript off it stays English.
test('the snapshot speaks the visitor\'s language before the app starts, English without JavaScript', async () => {
  const site = SITES[0];
  const server = await serve(site.dist, site.prefix, { fallback: false });
  /** A page of a fresh context whose wasm never arrives, at `path`. */
  async function snapshotPage(path, options = {}, stored) {
    const context = await browser.newContext({ ...CONTEXT, ...options });
    if (stored) await context.addInitScript((lang) => localStorage.setItem('beacon.lang', lang), stored);
    await context.route('**/*.wasm', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.getByTestId('prerendered-note').waitFor();
    return { page, context };
  }
  const words = async (page) => ({
    lang: await page.evaluate(() => document.documentElement.lang),
    heading: await page.locator('#prerendered h2').first().textContent(),
    statuses: await page.locator('[data-testid=prerendered-component] > .component-row .status-text').allTextContents(),
    names: await page.locator('[data-testid=prerendered-component] > .component-row .component-name').allTextContents(),
    note: await page.getByTestId('prerendered-note').textContent(),
    nav: await page.locator('#prerendered nav').getAttribute('aria-label'),
    calculator: await page.locator('#prerendered nav a[href$="sla/"]').textContent(),
  });
  try {
    const german = await snapshotPage('emea?lang=de');
    const de = await words(german.page);
    assert.equal(de.lang, 'de');
    assert.equal(de.heading, 'Komponenten');
    assert.equal(de.nav, 'Regionen und Werkzeuge');
    assert.equal(de.calculator, 'SLA-Rechner');
    assert.match(de.note, /^Status vom .+\. Live-Aktualisierungen brauchen JavaScript/);
    assert.doesNotMatch(de.note, /\d{4}-\d\d-\d\d \d\d:\d\d UTC/, 'the time is written by Intl');
    for (const status of de.statuses) {
      assert.match(status, /^(Betriebsbereit|Eingeschränkte Leistung|Teilausfall|Schwerer Ausfall|In Wartung|Status unbekannt)$/, status);
    }
    assert.deepEqual(de.names, SECTIONS, 'names from the data stay as written');
    const summary = JSON.parse(await readFile(join(site.dist, 'data', 'emea', 'summary.json'), 'utf8'));
    const incident = summary.incidents.find((i) => !['resolved', 'postmortem', 'completed'].includes(i.status));
    if (incident) {
      const card = german.page.getByTestId('prerendered-incident').filter({ hasText: incident.name });
      assert.equal(await card.count(), 1, 'incident text stays as written');
    }
    await german.context.close();

    const remembered = await snapshotPage('emea', { locale: 'fi-FI' }, 'fr');
    assert.equal((await words(remembered.page)).heading, 'Composants', 'the remembered choice beats the browser');
    await remembered.context.close();
    const browserLanguage = await snapshotPage('emea', { locale: 'ja-JP' });
    assert.equal((await words(browserLanguage.page)).heading, 'コンポーネント', 'else the browser\'s language');
    await browserLanguage.context.close();
    const linked = await snapshotPage('emea?lang=nl', { locale: 'ja-JP' }, 'fr');
    assert.equal((await words(linked.page)).lang, 'nl', 'the link beats everything');
    await linked.context.close();

    const off = await snapshotPage('emea?lang=de', { javaScriptEnabled: false });
    const en = await words(off.page);
    assert.equal(en.heading, 'Components');
    assert.equal(en.nav, 'Regions and tools');
    assert.match(en.note, /^Status as of \d{4}-\d\d-\d\d \d\d:\d\d UTC\./);
    for (const status of en.statuses) {
      assert.match(status, /^(Operational|Degraded performance|Partial outage|Major outage|Under maintenance|Status unknown)$/, status);
    }
    await off.context.close();
  } finally {
    await server.close();
  }
});
