// Paint benchmark, run by .ci/bench (not a test): serves a release build as docs/hosting.md
// describes (pre-compressed twins, ETag; ./server.mjs) and prints one line per goal:
//   1. statuses painted on Slow 3G (Chromium's network emulation: 400 ms round trip, 400 kbit/s
//      each way, cache off) against a plain static page of the same content that this script
//      builds from the pre-rendered page (scripts, templates and preloads removed, stylesheets
//      inlined, compressed the same way), the two loaded alternately, each cold; "painted" is
//      when the last status text is painted (Element Timing), with first contentful paint
//      beside it. Passes at a ratio of 1.05 or less, with the page's first response (HTML and
//      inline styles) at most 14 KB compressed and no render-blocking request.
//   2. no flash, no shift: the status page at 390 px and 1280 px wide, cold and repeat visits
//      on loopback: cumulative layout shift (PerformanceObserver 'layout-shift', without shifts
//      after input) until a second after the live app shows its statuses, below 0.01; and
//      statuses on screen in every frame and after every DOM change from the first statuses
//      until then (a MutationObserver and an animation-frame loop installed before the page's
//      scripts).
//   3. (JavaScript off) nothing of the app downloaded: a context with JavaScript disabled
//      requests no .js or .wasm file and shows the statuses.
//   6. every in-site link of the built pages ends with a slash or names a file.
// Exits 1 when a goal fails.
// Usage: node tests/e2e/paint.mjs [dist] [page]   (default target/bench-dist and emea/;
//        BEACON_PAINT_LOADS=N loads per page for goal 1, at least 5, default 7)
import { readFile, readdir, writeFile, mkdtemp, rm, copyFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve } from './server.mjs';
import { launchBrowser, watchHandOver, CONTEXT } from './browser.mjs';

const dist = process.argv[2] ?? 'target/bench-dist';
const pagePath = process.argv[3] ?? 'emea/';
const LOADS = Math.max(5, Number(process.env.BEACON_PAINT_LOADS ?? 7));
const SHIFT_LOADS = 3;
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const BUDGET = { ratio: 1.05, firstResponseKB: 14, cls: 0.01 };
const STATUS = '#prerendered .status-text';
const LIVE_STATUS = '[data-testid="component"] .status-text';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const kb = (bytes) => (bytes / 1000).toFixed(1);
let failed = false;
function verdict(number, pass, text) {
  failed ||= !pass;
  console.log(`${pass ? 'PASS' : 'FAIL'}  ${number}. ${text}`);
}

/** The path the build is served under: its `<base href>`. */
async function sitePrefix() {
  const index = await readFile(join(dist, 'index.html'), 'utf8');
  return index.match(/<base href=["']?([^"' >]+)/i)?.[1] ?? '/';
}

/** The static floor for `html`: no scripts, templates or preloads; stylesheets of the site
 * inlined from `dist`. */
async function staticFloor(html, prefix) {
  let floor = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '')
    .replace(/<template\b[^>]*>[\s\S]*?<\/template>/gi, '')
    .replace(/<link\b[^>]*\brel=["']?(modulepreload|preload)\b[^>]*>/gi, '');
  for (const [tag, href] of [...floor.matchAll(/<link\b[^>]*\bhref=["']?([^"' >]+\.css)["']?[^>]*>/gi)]) {
    if (!/\brel=["']?stylesheet/i.test(tag)) continue;
    const css = await readFile(join(dist, href.startsWith(prefix) ? href.slice(prefix.length) : href), 'utf8');
    floor = floor.replace(tag, `<style>${css}</style>`);
  }
  return floor;
}

/** Writes `text` as `file` with the build's twins (gzip best, brotli 9, as the publisher does). */
async function writeWithTwins(file, text) {
  const bytes = Buffer.from(text);
  await writeFile(file, bytes);
  await writeFile(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  await writeFile(`${file}.br`, brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }));
}

/** Installed before the page's scripts: gives each status text of the pre-rendered page (in
 * both pages) an `elementtiming` name as it is parsed, so its paint time is reported; those in
 * a closed group are not painted and not counted. */
function timeStatuses(selector) {
  const paint = (window.__paint = { statuses: [], marked: 0 });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) paint.statuses.push(entry.renderTime || entry.loadTime);
  }).observe({ type: 'element', buffered: true });
  new MutationObserver(() => {
    for (const element of document.querySelectorAll(`${selector}:not([elementtiming])`)) {
      if (element.closest('details:not([open])')) continue;
      element.setAttribute('elementtiming', 'status');
      paint.marked += 1;
    }
  }).observe(document, { childList: true, subtree: true });
}

/** One cold load of `url` on Slow 3G: when the last of its statuses was painted, its
 * first paint and first contentful paint, and how many requests blocked rendering. */
async function slowLoad(browser, url) {
  const context = await browser.newContext({ ...CONTEXT, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await page.addInitScript(timeStatuses, STATUS);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => window.__paint.marked > 0 && window.__paint.statuses.length >= window.__paint.marked, null, { timeout: 30_000 });
    return await page.evaluate(() => ({
      statuses: Math.max(...window.__paint.statuses),
      fp: performance.getEntriesByName('first-paint')[0]?.startTime,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      blocking: performance.getEntriesByType('resource').filter((r) => r.renderBlockingStatus === 'blocking').map((r) => r.name),
    }));
  } finally {
    await context.close();
  }
}

/** A visit of `url` in `context`: the layout shift and the moments without statuses until a
 * second after the live app shows its statuses. */
async function handOverVisit(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__handOver.live, null, { timeout: 30_000 });
    await page.waitForTimeout(1000);
    return await page.evaluate(() => ({ cls: window.__handOver.cls, gaps: window.__handOver.gaps, shifts: window.__handOver.shifts }));
  } finally {
    await page.close();
  }
}

/** Every `.html` file under `dir`, as paths relative to it. */
async function htmlFiles(dir, under = '') {
  const found = [];
  for (const entry of await readdir(join(dir, under), { withFileTypes: true })) {
    const path = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...await htmlFiles(dir, path));
    else if (entry.name.endsWith('.html')) found.push(path);
  }
  return found;
}

/** The in-site links (`<a href>`) of the built pages whose path names neither a folder (ending
 * in `/`) nor a file (a last segment with an extension): each would cost a redirect. */
async function linksWithoutSlash(prefix) {
  const origin = 'http://site.invalid';
  const missing = [];
  let links = 0;
  const pages = await htmlFiles(dist);
  for (const file of pages) {
    const html = await readFile(join(dist, file), 'utf8');
    const base = html.match(/<base href=["']?([^"' >]+)/i)?.[1];
    const pageUrl = new URL(`${prefix}${file.replace(/index\.html$/, '')}`, origin);
    const baseUrl = base ? new URL(base, pageUrl) : pageUrl;
    for (const [, href] of html.matchAll(/<a\b[^>]*\bhref=["']?([^"' >]*)/gi)) {
      const url = new URL(href.replace(/&amp;/g, '&'), baseUrl);
      if (url.origin !== origin || !url.pathname.startsWith(prefix)) continue;
      links += 1;
      const last = url.pathname.split('/').pop();
      if (!url.pathname.endsWith('/') && !last.includes('.')) missing.push(`${file}: ${href}`);
    }
  }
  return { pages: pages.length, links, missing };
}

const prefix = await sitePrefix();
const server = await serve(dist, prefix);
const floorDir = await mkdtemp(join(tmpdir(), 'beacon-floor-'));
const browser = await launchBrowser();
try {
  console.log(`paint (${dist} served under ${prefix} with pre-compressed twins and ETags, headless Chromium)`);

  // 1. Slow 3G against the static floor.
  const html = await readFile(join(dist, pagePath, 'index.html'), 'utf8');
  const count = (html.match(/class="status-text"/g) ?? []).length;
  await writeWithTwins(join(floorDir, 'index.html'), await staticFloor(html, prefix));
  try { await copyFile(join(dist, 'favicon.svg'), join(floorDir, 'favicon.svg')); } catch { /* no icon */ }
  const floorServer = await serve(floorDir, prefix);
  const beacon = { statuses: [], fcp: [], blocking: new Set() };
  const floor = { statuses: [], fcp: [] };
  try {
    for (let n = 0; n < LOADS; n += 1) {
      // Alternating which goes first, so neither always meets a warmer machine.
      const order = n % 2 ? ['floor', 'beacon'] : ['beacon', 'floor'];
      for (const which of order) {
        const url = which === 'beacon' ? `${server.url}${pagePath}` : floorServer.url;
        const result = await slowLoad(browser, url);
        const into = which === 'beacon' ? beacon : floor;
        into.statuses.push(result.statuses);
        into.fcp.push(result.fcp);
        if (which === 'beacon') for (const name of result.blocking) beacon.blocking.add(name);
      }
    }
  } finally {
    await floorServer.close();
  }
  const gz = (await readFile(join(dist, pagePath, 'index.html.gz'))).length;
  let br = 0;
  try { br = (await readFile(join(dist, pagePath, 'index.html.br'))).length; } catch { /* no twin */ }
  const [ours, theirs] = [median(beacon.statuses), median(floor.statuses)];
  const ratio = ours / theirs;
  console.log(`  /${pagePath}: ${count} statuses; Beacon ${beacon.statuses.map(Math.round).join(', ')} ms (FCP median ${Math.round(median(beacon.fcp))}); static ${floor.statuses.map(Math.round).join(', ')} ms (FCP median ${Math.round(median(floor.fcp))})`);
  if (beacon.blocking.size) console.log(`  render-blocking requests: ${[...beacon.blocking].join(', ')}`);
  verdict(1, ratio <= BUDGET.ratio && gz <= BUDGET.firstResponseKB * 1000 && beacon.blocking.size === 0,
    `statuses painted on Slow 3G: ${ratio.toFixed(2)}× a static page (Beacon ${Math.round(ours)} ms, static ${Math.round(theirs)} ms; medians of ${LOADS} alternating cold loads of /${pagePath}, 400 ms RTT, 400 kbit/s; first response ${kb(gz)} KB gzip / ${kb(br)} KB brotli ≤ ${BUDGET.firstResponseKB} KB, ${beacon.blocking.size} render-blocking requests)`);

  // 2. The hand-over: no moment without statuses, no layout shift.
  const cls = {};
  const gaps = [];
  for (const width of [390, 1280]) {
    for (const visit of ['cold', 'repeat']) cls[`${width} ${visit}`] = 0;
    for (let n = 0; n < SHIFT_LOADS; n += 1) {
      const context = await browser.newContext({ ...CONTEXT, viewport: { width, height: width < 600 ? 844 : 900 } });
      try {
        await context.addInitScript(watchHandOver, { live: LIVE_STATUS });
        for (const visit of ['cold', 'repeat']) {
          const result = await handOverVisit(context, `${server.url}${pagePath}`);
          const key = `${width} ${visit}`;
          cls[key] = Math.max(cls[key], result.cls);
          gaps.push(...result.gaps.map((gap) => `${key}: no statuses ${gap}`));
          if (result.cls >= BUDGET.cls) console.log(`  ${key}: shifts ${JSON.stringify(result.shifts)}`);
        }
      } finally {
        await context.close();
      }
    }
  }
  for (const gap of gaps.slice(0, 5)) console.log(`  ${gap}`);
  const worst = Math.max(...Object.values(cls));
  const f = (key) => cls[key].toFixed(3);
  verdict(2, worst < BUDGET.cls && gaps.length === 0,
    `no flash, no shift: CLS ${f('390 cold')} at 390 px / ${f('1280 cold')} at 1280 px cold, ${f('390 repeat')} / ${f('1280 repeat')} repeat; statuses ${gaps.length ? `missing ${gaps.length} times` : 'shown throughout'} (worst of ${SHIFT_LOADS} visits each on loopback, until 1 s after the live app shows its statuses; MutationObserver and frame checks)`);

  // 3. JavaScript off: nothing of the app is fetched.
  {
    const context = await browser.newContext({ ...CONTEXT, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const requested = [];
      page.on('request', (request) => requested.push(new URL(request.url()).pathname));
      await page.goto(`${server.url}${pagePath}`, { waitUntil: 'load' });
      await page.waitForTimeout(500);
      const app = requested.filter((path) => /\.(js|wasm)$/.test(path));
      const shown = await page.locator('[data-testid="prerendered-component"] .status-text').count();
      verdict(3, app.length === 0 && shown === count,
        `nothing downloaded for the app with JavaScript off: ${app.length} of its .js/.wasm files requested${app.length ? ` (${app.join(', ')})` : ''}, ${shown} of ${count} statuses shown (/${pagePath}, a context with JavaScript disabled; ${requested.length} requests in all)`);
    } finally {
      await context.close();
    }
  }

  // 6. Trailing slashes.
  const links = await linksWithoutSlash(prefix);
  for (const link of links.missing.slice(0, 5)) console.log(`  without a slash: ${link}`);
  verdict(6, links.missing.length === 0,
    `trailing slashes on in-site links: ${links.missing.length} of ${links.links} links lack one (every <a href> of the ${links.pages} built pages, resolved against each page's <base>)`);
} finally {
  await browser.close();
  await server.close();
  await rm(floorDir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
