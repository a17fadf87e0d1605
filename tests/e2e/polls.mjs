// Poll benchmark, run by .ci/bench (not a test): what an open status page costs the host and
// the visitor in an hour in which nothing changes. A release build is served on loopback by
// the test server, which answers like the README's nginx setup (ETag and Last-Modified on every
// file, 304 Not Modified to a conditional request for an unchanged one, no header compression:
// HTTP/1.1). Headless Chromium opens /emea with its clock under the test's control, and the
// clock is moved on through one hour in two-second steps, each step's poll allowed to land
// before the next. Counted at the server, both ways: request lines and headers, status lines,
// response headers and bodies. Then it runs the tests that prove how polls behave (the
// browser tests of tests/e2e/status.test.mjs against the same build, the native tests of the
// poll timing) and names what they cover. Prints PASS/FAIL and exits 1 when the hour is over
// its budget or a test fails.
// Usage: node tests/e2e/polls.mjs [dist]
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { launchBrowser, CONTEXT } from './browser.mjs';

/** The poll behaviours and the tests that prove each: browser tests by name (in
 * tests/e2e/status.test.mjs), native tests of `beacon_core::status::poll` by name. */
const BEHAVIOURS = [
  ['single flight', { browser: ['polls run one at a time', 'a slow poll that lands late never replaces newer data'] }],
  ['hidden pause', { browser: ['polls run one at a time'] }],
  ['jitter', { native: ['delays_stay_within_the_interval'] }],
  ['backoff', { browser: ['a broken or unreachable poll'], native: ['delays_stay_within_the_interval'] }],
  ['unchanged poll not parsed', { browser: ['a poll that brings nothing new'] }],
];

/** Runs the tests `BEHAVIOURS` names (browser tests against `dist`); the behaviours all of
 * whose tests ran and passed, and those that did not. */
function pollTests(dist) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const browserNames = [...new Set(BEHAVIOURS.flatMap(([, tests]) => tests.browser ?? []))];
  const browser = spawnSync('node', ['--test', '--test-reporter=tap',
    `--test-name-pattern=${browserNames.map(escape).join('|')}`, 'tests/e2e/status.test.mjs'],
  { env: { ...process.env, BEACON_DIST: dist }, encoding: 'utf8' });
  const passedBrowser = (name) => new RegExp(`^ok \\d+ - ${escape(name)}`, 'm').test(browser.stdout);
  const passedNative = (name) => {
    const run = spawnSync('cargo', ['test', '--quiet', '--locked', '-p', 'beacon-core', '--lib', name], { encoding: 'utf8' });
    return run.status === 0 && /test result: ok\. [1-9]\d* passed/.test(run.stdout);
  };
  const proven = [];
  const missing = [];
  for (const [behaviour, tests] of BEHAVIOURS) {
    const ok = (tests.browser ?? []).every(passedBrowser) && (tests.native ?? []).every(passedNative);
    (ok ? proven : missing).push(behaviour);
  }
  return { proven, missing };
}

const dist = process.argv[2] ?? 'target/bench-dist';
const HOUR_S = 3600;
const STEP_S = 2;

const config = JSON.parse(await readFile(`${dist}/config.json`, 'utf8'));
const interval = Math.max(15, config.poll_interval_seconds);

const server = await serve(dist, '/');
const browser = await launchBrowser();
let failed = false;
try {
  const context = await browser.newContext(CONTEXT);
  const page = await context.newPage();
  await page.clock.install({ time: new Date() });
  // Each parse of a data file, as the app marks it; under the page clock `performance` keeps
  // no entries, so the marks are counted here.
  await page.addInitScript(() => {
    window.__beaconReads = 0;
    const mark = performance.mark.bind(performance);
    performance.mark = (name, ...rest) => {
      if (name.startsWith('beacon:read ')) window.__beaconReads += 1;
      return mark(name, ...rest);
    };
  });
  let inFlight = 0;
  page.on('request', () => { inFlight += 1; });
  page.on('requestfinished', () => { inFlight -= 1; });
  page.on('requestfailed', () => { inFlight -= 1; });
  await page.goto(`${server.url}emea/`);
  await page.getByTestId('components').waitFor();
  await page.getByTestId('uptime').first().waitFor();
  const settle = async () => {
    do await page.waitForTimeout(15); while (inFlight > 0);
  };
  await settle();
  const reads = () => page.evaluate(() => window.__beaconReads);
  const readsBefore = await reads();
  const totals = () => {
    let bytes = 0; let answers = 0; let notModified = 0;
    for (const counted of server.requests.values()) {
      bytes += counted.bytes; answers += counted.answers; notModified += counted.notModified;
    }
    return { bytes, answers, notModified };
  };
  const before = totals();
  for (let second = 0; second < HOUR_S; second += STEP_S) {
    await page.clock.fastForward(STEP_S * 1000);
    await settle();
  }
  const after = totals();
  const bytes = after.bytes - before.bytes;
  const answers = after.answers - before.answers;
  const notModified = after.notModified - before.notModified;
  const parsed = (await reads()) - readsBefore;
  await context.close();

  // The budget: at most one poll per interval (up to 10% early), each asking for the summary
  // and every fifth for the history too (the summary unchanged), every request answered 304
  // with no body: about 1 KB both ways with Chromium's request headers over HTTP/1.1.
  const polls = Math.ceil(HOUR_S / (interval * 0.9));
  const requests = polls + Math.ceil(polls / 5);
  const budget = requests * 1024;
  const kb = bytes / 1000;
  const pass = bytes <= budget && answers === notModified && parsed === 0 && answers > 0;
  const perAnswer = answers ? Math.round(bytes / answers) : 0;
  const { proven, missing } = pollTests(dist);
  failed ||= !pass || missing.length > 0;
  console.log(
    `${pass && !missing.length ? 'PASS' : 'FAIL'}  5. polls: ${kb.toFixed(1)} KB per tab-hour with nothing changed`
      + ` (one hour of ${interval} s polls on a page clock, counted at the server both ways over HTTP/1.1:`
      + ` ${answers} requests, ${notModified} answered 304 Not Modified, ${perAnswer} B each, ${parsed} files parsed;`
      + ` budget ${(budget / 1000).toFixed(0)} KB = ${polls} polls of the summary + ${requests - polls} of the history, × 1 KB each);`
      + ` ${proven.join(', ')} tested${missing.length ? `; NOT proven (test missing or failing): ${missing.join(', ')}` : ''}`,
  );
} finally {
  await browser.close();
  await server.close();
}
process.exitCode = failed ? 1 : 0;
