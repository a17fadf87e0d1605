// Launches Debian's Chromium through playwright-core, headless, with the flags this machine
// needs as root and a fresh profile every time.
import { chromium } from 'playwright-core';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LAUNCH = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
  ],
};
/** What every page of the tests runs with: the visitor's zone and language. */
export const CONTEXT = { timezoneId: 'Europe/Berlin', locale: 'en-GB' };

export async function launch() {
  const profile = await mkdtemp(join(tmpdir(), 'beacon-chromium-'));
  return chromium.launchPersistentContext(profile, { ...LAUNCH, ...CONTEXT });
}

/** The same Chromium as a browser whose `newContext({ ...CONTEXT, ... })` gives fresh, separate
 * contexts (JavaScript off, a cold cache per load). */
export function launchBrowser() {
  return chromium.launch(LAUNCH);
}

/** Collects page errors and console errors so a test can assert the app ran cleanly. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) errors.push(`console: ${msg.text()}`);
  });
  return errors;
}

/**
 * Gives `page` the site configuration `config` wherever the app reads it: `config.json`, and the
 * copy a pre-rendered page carries (`<script type="application/json" id="beacon-config">`,
 * which the app reads instead of fetching the file), rewritten as the page is parsed. (The
 * document itself is not answered by the test: Chromium treats a page fulfilled that way as
 * public and refuses its requests to loopback services.)
 */
export async function routeConfig(page, config) {
  await page.route('**/config.json', (route) => route.fulfill({ json: config }));
  await page.addInitScript((json) => {
    // Kept on while the parser may still be appending the element's text.
    new MutationObserver(() => {
      const element = document.getElementById('beacon-config');
      if (element && element.textContent !== json) element.textContent = json;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, JSON.stringify(config));
}

/**
 * For `addInitScript`, so it runs before the page's scripts: keeps in `window.__handOver` the
 * cumulative layout shift (`cls`, shifts after input left out, each in `shifts`), and each
 * moment from the first paint until the live app shows its page (`live`, the time, once an
 * element matching `live` is on screen) at which nothing matching `shown` (by default: a
 * status) is on screen (`gaps`), checked after every DOM change and in every animation frame:
 * the pre-rendered statuses must stay until the live ones replace them.
 */
export function watchHandOver({ shown = '.status-text', live = '[data-testid="component"] .status-text' } = {}) {
  const liveSelector = live;
  const state = (window.__handOver = { cls: 0, shifts: [], gaps: [], seen: false, live: false });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      state.cls += entry.value;
      state.shifts.push({ at: Math.round(entry.startTime), value: entry.value });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  const visible = (element) => (element.checkVisibility ? element.checkVisibility() : element.offsetParent !== null);
  const check = (when) => {
    const on = [...document.querySelectorAll(shown)].some(visible);
    if (!on && !state.seen && performance.getEntriesByName('first-contentful-paint').length) {
      state.gaps.push(`a first paint without statuses, ${when} at ${Math.round(performance.now())} ms`);
      state.seen = true;
    }
    if (on) state.seen = true;
    else if (state.seen && !state.live) state.gaps.push(`${when} at ${Math.round(performance.now())} ms`);
    if (!state.live && [...document.querySelectorAll(liveSelector)].some(visible)) state.live = performance.now();
  };
  new MutationObserver(() => check('after a DOM change')).observe(document, { childList: true, subtree: true, attributes: true });
  const frame = () => { check('in a frame'); if (!state.live) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
}
