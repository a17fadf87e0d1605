// End-to-end: the hand-over from the pre-rendered snapshot to the live app. The statuses are
// on screen from the first paint until the live page shows its own, in every frame and after
// every DOM change (watched from before the page's scripts run), nothing moves (cumulative
// layout shift below 0.01) at phone and desktop widths, on a first and a repeat visit; the
// snapshot stays while the live page still waits for its data; and with JavaScript off the
// page shows its statuses without downloading anything of the app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { launchBrowser, watchErrors, watchHandOver, CONTEXT } from './browser.mjs';

const DIST = process.env.BEACON_DIST ?? 'dist';
let browser;
let server;
before(async () => { browser = await launchBrowser(); server = await serve(DIST, '/'); });
after(async () => { await browser?.close(); await server?.close(); });

/** What each page shows throughout (`shown`) and what says the live page is up (`live`): a
 * region's status and the home page show statuses from the first paint on; its history page
 * shows the snapshot's months of the newest quarter until the live months replace them. */
const WATCH = {
  'emea/': {},
  '': {},
  'emea/history/': { shown: '#prerendered [data-testid="prerendered-month"], [data-testid="history-month"]', live: '[data-testid="history-month"]' },
};

/** Loads `path` in `context` and waits until the live page has been on screen for a second;
 * what the watcher saw. */
async function visit(context, path) {
  const page = await context.newPage();
  await page.addInitScript(watchHandOver, WATCH[path]);
  const errors = watchErrors(page);
  try {
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => window.__handOver.live, null, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    const seen = await page.evaluate(() => ({ ...window.__handOver, snapshots: document.querySelectorAll('#prerendered, [data-prerendered]').length }));
    return { ...seen, errors };
  } finally {
    await page.close();
  }
}

for (const width of [390, 1280]) {
  test(`at ${width} px the statuses stay on screen through the hand-over and nothing moves, first and repeat visit`, async () => {
    const context = await browser.newContext({ ...CONTEXT, viewport: { width, height: width < 600 ? 844 : 900 } });
    try {
      for (const path of Object.keys(WATCH)) {
        for (const kind of ['first', 'repeat']) {
          const seen = await visit(context, path);
          const where = `/${path} ${kind} visit at ${width} px`;
          assert.deepEqual(seen.gaps, [], `${where}: moments without statuses`);
          assert.ok(seen.cls < 0.01, `${where}: layout shift ${seen.cls} (${JSON.stringify(seen.shifts)})`);
          assert.equal(seen.snapshots, 0, `${where}: the snapshot and its feed links are gone`);
          assert.deepEqual(seen.errors, [], where);
        }
      }
    } finally {
      await context.close();
    }
  });
}

test('the snapshot stays while the live page waits for its data, and goes in the frame the live statuses come', async () => {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  try {
    await page.addInitScript(watchHandOver, {});
    await page.addInitScript(() => addEventListener('TrunkApplicationStarted', () => { window.__appStarted = performance.now(); }));
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route(/\/data\/emea\/(summary|history)\.json/, async (route) => { await held; await route.continue(); });
    await page.goto(`${server.url}emea/`);
    await page.waitForFunction(() => window.__appStarted);
    await page.waitForTimeout(500);
    // The app runs, its data held back: the snapshot is what the visitor sees.
    assert.equal(await page.locator('#prerendered [data-testid=prerendered-component]').first().isVisible(), true, 'the snapshot is shown');
    assert.equal(await page.locator('#live').isHidden(), true, 'the live page renders hidden');
    release();
    await page.getByTestId('components').waitFor();
    await page.waitForFunction(() => window.__handOver.live);
    const seen = await page.evaluate(() => window.__handOver);
    assert.deepEqual(seen.gaps, []);
    assert.ok(seen.cls < 0.01, `layout shift ${seen.cls}`);
    assert.equal(await page.locator('#prerendered').count(), 0);
  } finally {
    await context.close();
  }
});

test('with JavaScript off the statuses show and nothing of the app is downloaded', async () => {
  const context = await browser.newContext({ ...CONTEXT, javaScriptEnabled: false });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  try {
    for (const path of ['emea/', '']) {
      requested.length = 0;
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      assert.ok(await page.locator('[data-testid=prerendered-component] .status-text').count() >= 3, `/${path}: statuses shown`);
      assert.equal(await page.locator('[data-testid=prerendered-component] .status-text').first().isVisible(), true);
      assert.deepEqual(requested.filter((file) => /\.(js|wasm)$/.test(file)), [], `/${path}: requests ${requested.join(', ')}`);
      // The page is styled all the same: its styles came with it.
      assert.notEqual(await page.locator('.banner').first().evaluate((e) => getComputedStyle(e).paddingTop), '0px');
    }
  } finally {
    await context.close();
  }
});

test("with JavaScript on the app's files are asked for from the head, before the body is parsed", async () => {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}emea/`);
    await page.getByTestId('components').waitFor();
    const timing = await page.evaluate(() => {
      const entry = (pattern) => performance.getEntriesByType('resource').find((e) => pattern.test(e.name));
      const wasm = entry(/beacon-[0-9a-f]{16}_bg\.wasm$/);
      const wasms = performance.getEntriesByType('resource').filter((e) => /_bg\.wasm$/.test(e.name) && !/subscribe/.test(e.name));
      return { wasm: wasm?.startTime, count: wasms.length, domInteractive: performance.getEntriesByType('navigation')[0].domInteractive, initiator: wasm?.initiatorType };
    });
    assert.equal(timing.count, 1, 'the wasm is downloaded once');
    assert.equal(timing.initiator, 'link', 'by the preload');
    assert.ok(timing.wasm < timing.domInteractive, `the wasm is asked for at ${timing.wasm} ms, before parsing ends at ${timing.domInteractive} ms`);
  } finally {
    await context.close();
  }
});
