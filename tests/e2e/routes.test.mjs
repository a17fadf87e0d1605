// End-to-end: the release build served by a plain static server, driven in Chromium the way a
// visitor uses it — every route, after a reload, at the root and under a sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';

const SITES = [
  { name: 'root', dist: process.env.BEACON_DIST ?? 'dist', prefix: '/' },
  { name: 'sub-path', dist: process.env.BEACON_DIST_SUB ?? 'target/dist-sub', prefix: '/beacon/' },
];
// `trunk serve --public-url /beacon/` already running (started by .ci/test): the status pages'
// routes must work through Trunk's own development server. It builds the status app alone; the
// calculator, the embed and the "Get updates" module are apps of their own that only the full
// build (.ci/dist) makes, so their tests run on the built sites only.
if (process.env.BEACON_TRUNK_SERVE_URL) SITES.push({ name: 'trunk serve', url: process.env.BEACON_TRUNK_SERVE_URL, prefix: '/beacon/', statusAppOnly: true });

/** The site to test: a static server on its dist, or the already running Trunk server. */
async function open(site) {
  return site.url ? { url: site.url, close: async () => {} } : serve(site.dist, site.prefix);
}
const REGIONS = { americas: 'Americas', emea: 'EMEA', apac: 'APAC' };
const SECTIONS = ['Website', 'Backups', 'Restores/Downloads'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function componentNames(page) {
  await page.getByTestId('components').waitFor();
  return page.locator('[data-testid=component] .component-name').allTextContents();
}

for (const site of SITES) {
  test(`${site.name}: every region page shows its sections, before and after a reload`, async () => {
    const server = await open(site);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    try {
      for (const [id, name] of Object.entries(REGIONS)) {
        await page.goto(`${server.url}${id}`);
        for (let pass = 0; pass < 2; pass += 1) {
          await assert.doesNotReject(page.getByTestId('region-name').filter({ hasText: name }).waitFor());
          const names = await componentNames(page);
          for (const section of SECTIONS) assert.ok(names.includes(section), `${id} lacks ${section}: ${names}`);
          const statuses = await page.locator('[data-testid=component] > .component-row .status-text').allTextContents();
          assert.equal(statuses.length, names.length, 'every component states its status in words');
          assert.ok(statuses.every((s) => s.trim().length > 0));
          await page.reload();
        }
      }
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });

  test(`${site.name}: a history quarter has its own address that survives a reload, pages, and switching region keeps it`, async () => {
    const server = await open(site);
    const page = await browser.newPage();
    await page.clock.install({ time: new Date('2026-11-21T12:00:00Z') });
    const errors = watchErrors(page);
    const quarter = (text) => page.waitForFunction((t) => document.querySelector('[data-testid=history-period]')?.textContent === t, text);
    try {
      await page.goto(`${server.url}emea/history/2026-q3/`);
      await quarter('Q3 2026');
      await page.reload();
      await quarter('Q3 2026');
      await page.getByTestId('newer-period').click();
      await page.waitForURL(`${server.url}emea/history/2026-q4/`);
      await quarter('Q4 2026');
      await page.getByTestId('region-link-apac').click();
      await page.waitForURL(`${server.url}apac/history/2026-q4/`);
      await assert.doesNotReject(page.getByTestId('region-name').filter({ hasText: 'APAC' }).waitFor());
      await quarter('Q4 2026');
      // Not a quarter: the not-found page, naming the address.
      await page.goto(`${server.url}emea/history/2026-11/`);
      await page.getByTestId('not-found').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });

  test(`${site.name}: / picks the region from the time zone and remembers a choice`, async () => {
    const server = await open(site);
    const page = await browser.newPage();
    try {
      await page.goto(server.url);
      // Forget choices earlier tests made on this origin (the Trunk server keeps one origin).
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      const choice = page.getByTestId('region-choice');
      await choice.waitFor();
      assert.match(await choice.textContent(), /EMEA.*time zone \(Europe\/Berlin\)/s);
      await choice.getByRole('link', { name: 'APAC' }).click();
      await page.getByTestId('region-name').filter({ hasText: 'APAC' }).waitFor();
      assert.equal(new URL(page.url()).pathname, `${site.prefix}apac/`);
      await page.goBack();
      await page.getByTestId('region-choice').waitFor();
      assert.match(await page.getByTestId('region-choice').textContent(), /APAC.*last choice/s);
    } finally {
      await page.close();
      await server.close();
    }
  });

  test(`${site.name}: links navigate without a reload and the back button works`, async () => {
    const server = await open(site);
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}emea`);
      await componentNames(page);
      await page.evaluate(() => { window.__sameDocument = true; });
      await page.getByTestId('region-link-americas').click();
      await page.getByTestId('region-name').filter({ hasText: 'Americas' }).waitFor();
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'navigated in-app');
      assert.equal(await page.getByTestId('region-link-americas').getAttribute('aria-current'), 'page');
      assert.match(await page.title(), /^Americas — /, 'the tab names the region shown');
      await page.goBack();
      await page.getByTestId('region-name').filter({ hasText: 'EMEA' }).waitFor();
    } finally {
      await page.close();
      await server.close();
    }
  });

  test(`${site.name}: "Get updates" loads its dialog module on the first click, from the site's folder`, { skip: site.statusAppOnly && 'the dialog module is built by .ci/dist only' }, async () => {
    const server = await open(site);
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const loaded = [];
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (/\/beacon-subscribe-[0-9a-f]+(\.js|_bg\.wasm)$/.test(pathname)) loaded.push([pathname, response.status()]);
    });
    try {
      await page.goto(`${server.url}emea?lang=en`);
      await componentNames(page);
      assert.deepEqual(loaded, [], 'not loaded with the page');
      await page.getByTestId('get-updates').click();
      const dialog = page.getByRole('dialog', { name: 'Get updates for EMEA' });
      await dialog.waitFor();
      assert.equal(loaded.length, 2, `the glue and the wasm: ${loaded}`);
      for (const [path, status] of loaded) {
        assert.ok(path.startsWith(site.prefix), `${path} is under ${site.prefix}`);
        assert.equal(status, 200, path);
      }
      assert.equal(await dialog.getByTestId('section-choice').count(), 3);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
      await server.close();
    }
  });

  test(`${site.name}: the SLA routes and the not-found page survive a reload`, { skip: site.statusAppOnly && 'the calculator and the embed are built by .ci/dist only' }, async () => {
    const server = await open(site);
    const page = await browser.newPage();
    try {
      for (const [path, testId] of [['sla/', 'sla-page'], ['embed/sla/', 'sla-embed'], ['no/such/page', 'not-found'], ['atlantis', 'not-found']]) {
        await page.goto(`${server.url}${path}`);
        await page.getByTestId(testId).waitFor();
        await page.reload();
        await page.getByTestId(testId).waitFor();
      }
      assert.match(await page.getByTestId('not-found').textContent(), /\/atlantis/);
      const embedHeader = await page.goto(`${server.url}embed/sla/`).then(() => page.locator('header.site-header').count());
      assert.equal(embedHeader, 0, 'the embed has no site chrome');
    } finally {
      await page.close();
      await server.close();
    }
  });
}
