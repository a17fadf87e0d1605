// Accessibility: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on every route, in the light and the
// dark theme, must report zero violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { launch } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const DIST = process.env.BEACON_DIST ?? 'dist';
const ROUTES = [
  ['/', '[data-testid=components]'],
  ['emea', '[data-testid=components]'],
  ['americas', '[data-testid=components]'],
  ['apac', '[data-testid=components]'],
  ['emea/history', '[data-testid=history-month]'],
  ['emea/incidents/tb1xtvj5wamt', '[data-testid=incident]'],
  ['sla?policy=model-b-zmanda&plan=standard&urgency=high&impact=high&at=2026-11-20T16:30&centre=us', '[data-testid=sla-page] time'],
  ['embed/sla/?policy=model-b-zmanda&plans=standard,premium&severity=P1', '[data-testid=sla-embed]'],
  ['no/such/page', '[data-testid=not-found]'],
];

let browser;
let server;
before(async () => { browser = await launch(); server = await serve(DIST, '/'); });
after(async () => { await browser?.close(); await server?.close(); });

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no WCAG A/AA violations on any route (${scheme} theme)`, async () => {
    const page = await browser.newPage();
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.clock.install({ time: new Date('2026-11-21T12:00:00Z') });
    const report = [];
    for (const [path, ready] of ROUTES) {
      await page.goto(`${server.url}${path.replace(/^\//, '')}`);
      await page.locator(ready).first().waitFor();
      // Open a day of an uptime strip and a group so their contents are checked too.
      if (await page.locator('.bar[tabindex="0"]').count()) await page.locator('.bar[tabindex="0"]').first().click();
      if (await page.locator('details.group-members').count()) await page.locator('details.group-members summary').first().click();
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        });
        return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      });
      for (const v of violations) report.push(`${path}: ${v}`);
    }
    assert.deepEqual(report, []);
    await page.close();
  });
}

test('every route fits 360 px and 200% zoom without horizontal scrolling', async () => {
  const page = await browser.newPage();
  await page.clock.install({ time: new Date('2026-11-21T12:00:00Z') });
  const overflowing = [];
  // 360 CSS px is a small phone; 640 CSS px is a 1280 px window at 200% zoom.
  for (const width of [360, 640]) {
    await page.setViewportSize({ width, height: 800 });
    for (const [path, ready] of ROUTES) {
      await page.goto(`${server.url}${path.replace(/^\//, '')}`);
      await page.locator(ready).first().waitFor();
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (scroll > client) overflowing.push(`${path} at ${width}px: ${scroll} > ${client}`);
    }
  }
  assert.deepEqual(overflowing, []);
  await page.close();
});

test('the theme toggle switches themes and is remembered across visits', async () => {
  const page = await browser.newPage();
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${server.url}emea`);
  const toggle = page.getByTestId('theme-toggle');
  await toggle.waitFor();
  assert.equal(await toggle.textContent(), 'Theme: system');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await toggle.click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.notEqual(await background(), light);
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'applied before the app starts');
  await page.getByTestId('theme-toggle').filter({ hasText: 'Theme: dark' }).waitFor();
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('theme-toggle').click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), undefined);
  await page.close();
});

test('screenshots of both themes at phone and desktop widths (tests/e2e/artifacts)', async () => {
  const { mkdir } = await import('node:fs/promises');
  const out = new URL('./artifacts/', import.meta.url).pathname;
  await mkdir(out, { recursive: true });
  const page = await browser.newPage();
  await page.clock.install({ time: new Date('2026-11-21T12:00:00Z') });
  for (const [path, ready] of ROUTES.slice(1, 2).concat(ROUTES.slice(6, 8))) {
    const shots = {};
    for (const scheme of ['light', 'dark']) {
      for (const [device, width] of [['phone', 360], ['desktop', 1100]]) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 800 });
        await page.goto(`${server.url}${path}`);
        await page.locator(ready).first().waitFor();
        const name = `${path.split('?')[0].replaceAll('/', '-')}-${device}-${scheme}.png`;
        shots[`${device}-${scheme}`] = await page.screenshot({ path: `${out}${name}`, fullPage: true });
      }
    }
    for (const device of ['phone', 'desktop']) {
      assert.notDeepEqual(shots[`${device}-light`], shots[`${device}-dark`], `${path}: the dark theme looks different`);
    }
  }
  await page.close();
});
