// Load-time benchmark, run by .ci/bench (not a test): serves a release build on loopback and
// measures it in headless Chromium, each load cold (a fresh browser context, cache disabled):
//   - status page /emea: the pre-rendered snapshot's first paint, the live app's component
//     statuses in the page, and time to interactive (the app has started and shows them);
//   - embed /embed/sla/?…: the result in the page, and time to interactive;
//   - scale: a region with 200 components and 5,000 historical incidents (generated here and
//     served by the test server in place of the region's files, brotli-compressed and with
//     ETags as nginx serves the build's twins) renders its page and 90-day bars; its JS heap; then, on one more load with the
//     page clock under the test's control, five polls that bring nothing new: files parsed
//     (the app's `beacon:read` performance marks), wasm memory growth and script time per poll.
// Times are milliseconds from navigation start (performance.now() in the page), recorded by a
// MutationObserver installed before any page script runs. Prints PASS/FAIL per budget, the
// scale goal as one line (`PASS  4. scale: …`), and exits 1 on a miss.
// Usage: node tests/e2e/loadtime.mjs [dist]   (BEACON_LOADS=N sets the loads per page, default 11)
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { launchBrowser, CONTEXT } from './browser.mjs';

const dist = process.argv[2] ?? 'target/bench-dist';
const LOADS = Math.max(10, Number(process.env.BEACON_LOADS ?? 11));
const SCALE_LOADS = 3;
const EMBED = 'embed/sla/?policy=model-b-zmanda&plans=standard,premium&severity=P1';
const BUDGET = { statuses: 250, embed: 200, scale: 1000, heapMB: 50 };
const SCALE = { components: 200, incidents: 5000, days: 90 };

/** Installed in every page before its scripts: records when what `want` names first exists
 * (`statuses`, `embed`; with `strips`, `bars` once that many 90-day strips are complete), and
 * counts the data files the app parses. */
function recordMarks({ want, strips }) {
  const marks = (window.__beaconMarks = {});
  // Each parse of a data file, as the app marks it (`performance.mark("beacon:read <file>")`),
  // recorded here: under the test's page clock `performance` keeps no entries.
  window.__beaconReads = 0;
  const performanceMark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => {
    if (name.startsWith('beacon:read ')) window.__beaconReads += 1;
    return performanceMark(name, ...rest);
  };
  const mark = (name) => { if (!(name in marks)) marks[name] = performance.now(); };
  addEventListener('TrunkApplicationStarted', (event) => {
    mark('started');
    window.__beaconWasm = event.detail?.wasm;
  });
  const selectors = {
    statuses: '[data-testid="component"] .status-text',
    embed: '[data-testid="sla-embed"] [data-testid="embed-first-response"]',
  };
  const bars = document.getElementsByClassName('uptime-bars');
  new MutationObserver(() => {
    for (const name of want) {
      if (name === 'bars') {
        const last = bars[strips - 1];
        if (bars.length >= strips && last.childElementCount >= 90 && !last.closest('[hidden]')) mark('bars');
      } else if (!(name in marks)) {
        // Shown, not merely rendered: the live page renders hidden until it replaces the snapshot.
        const found = document.querySelector(selectors[name]);
        if (found && !found.closest('[hidden]')) mark(name);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
}

/** One cold load of `url`: waits until `started` and every mark in `want` exist; returns the
 * marks, the first contentful paint and the wasm memory size, with the page still open; with
 * `clock` (a Date), the page clock is installed at that time, under the test's control. */
async function coldLoad(browser, url, want, { strips = 0, clock } = {}) {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (clock) await page.clock.install({ time: clock });
    await page.addInitScript(recordMarks, { want, strips });
    await page.goto(url);
    const until = ['started', ...want];
    await page.waitForFunction((names) => names.every((n) => n in window.__beaconMarks), until, { timeout: 30_000 });
    const result = await page.evaluate(() => ({
      ...window.__beaconMarks,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      wasmBytes: window.__beaconWasm?.memory?.buffer?.byteLength,
    }));
    return { page, cdp, context, result };
  } catch (err) {
    await context.close();
    throw err;
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const ms = (x) => `${Math.round(x)} ms`.padStart(8);
const spread = (xs) => `(min ${Math.round(Math.min(...xs))}, max ${Math.round(Math.max(...xs))})`;
let failed = false;
function row(label, values, budget) {
  const value = median(values);
  let verdict = '';
  if (budget !== undefined) {
    const pass = value <= budget;
    failed ||= !pass;
    verdict = `  budget ${budget} ms: ${pass ? 'PASS' : 'FAIL'}`;
  }
  console.log(`    ${label.padEnd(44)}${ms(value)} ${spread(values).padEnd(20)}${verdict}`);
}

/** A summary and history for `SCALE`: 200 components, 5,000 resolved incidents over a year. */
function scaleData(now) {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const iso = (ms) => new Date(ms).toISOString();
  const hour = 3600e3;
  const page = { id: 'beacon-emea', name: 'Scale test', url: null, time_zone: 'Europe/Berlin', updated_at: iso(now) };
  const components = Array.from({ length: SCALE.components }, (_, n) => ({
    id: `scale-${n}`, name: `Service ${n + 1}`, status: n % 50 === 7 ? 'degraded_performance' : 'operational',
    position: n + 1, description: `Generated component ${n + 1}.`, showcase: true, group: false, group_id: null,
    only_show_if_degraded: false, page_id: null, start_date: iso(now - 730 * 24 * hour).slice(0, 10),
    created_at: iso(now - 730 * 24 * hour), updated_at: iso(now - 24 * hour),
  }));
  const incidents = Array.from({ length: SCALE.incidents }, (_, n) => {
    const start = now - random() * 365 * 24 * hour;
    const end = start + (0.5 + random() * 6) * hour;
    const affected = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(components));
    const id = `scale-incident-${n}`;
    const update = (status, at, body, newStatus) => ({
      id: `${id}-${status}`, status, body, incident_id: id, created_at: iso(at), updated_at: iso(at), display_at: iso(at),
      affected_components: newStatus
        ? affected.map((c) => ({ code: c.id, name: c.name, old_status: 'operational', new_status: newStatus }))
        : null,
    });
    const outage = pick(['degraded_performance', 'partial_outage', 'major_outage']);
    return {
      id, name: `Generated incident ${n + 1}`, status: 'resolved', impact: pick(['minor', 'major', 'critical']),
      shortlink: null, page_id: null, created_at: iso(start), updated_at: iso(end), started_at: iso(start),
      monitoring_at: null, resolved_at: iso(end), scheduled_for: null, scheduled_until: null,
      incident_updates: [
        update('resolved', end, 'Fixed. **All** services work normally again.', 'operational'),
        update('identified', (start + end) / 2, 'We found the cause and are deploying a fix.'),
        update('investigating', start, 'We are looking into failures of this service.', outage),
      ],
      components: affected,
    };
  });
  return {
    summary: { page, status: { indicator: 'minor', description: 'Minor Service Outage' }, components, incidents: [], scheduled_maintenances: [] },
    history: { page, incidents },
    // Published as `beacon-ops publish` splits it: the live page reads the last 90 days only.
    recent: { page, incidents: incidents.filter((incident) => Date.parse(incident.resolved_at) >= now - 90 * 24 * hour) },
  };
}

/** One more load of the scale region with the page clock under control, then five polls that
 * bring nothing new (the summary is asked for on each, the history on every fifth). What they
 * cost: files parsed (the app marks each parse, `beacon:read <file>`), wasm memory growth and
 * script time per poll, and how the host answered; `pass` when both files were polled and
 * nothing was parsed and the memory did not grow. */
async function unchangedPolls(browser, scaleServer, files) {
  const POLLS = 5;
  // Half a minute into the next hour: the polls below all fall within it, so the page clock
  // passes no hour (when a quiet page works its strips out again as time passes).
  const clock = new Date(Math.ceil(Date.now() / 3600e3) * 3600e3 + 30e3);
  const { page, cdp, context } = await coldLoad(browser, `${scaleServer.url}emea`, ['bars'], { strips: SCALE.components, clock });
  try {
    let inFlight = 0;
    page.on('request', () => { inFlight += 1; });
    page.on('requestfinished', () => { inFlight -= 1; });
    page.on('requestfailed', () => { inFlight -= 1; });
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Performance.enable');
    const counts = (key) => files.map((file) => scaleServer.requests.get(file)?.[key] ?? 0);
    const state = async () => ({
      reads: await page.evaluate(() => window.__beaconReads),
      wasm: await page.evaluate(() => window.__beaconWasm?.memory?.buffer?.byteLength ?? 0),
      script: (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ScriptDuration').value,
      answered: counts('answers'),
      notModified: counts('notModified'),
    });
    /** One poll: the clock moved past the poll's time, and its requests landed and handled. */
    const poll = async () => {
      const [asked] = counts('answers');
      await page.clock.fastForward('01:01');
      const until = Date.now() + 20_000;
      while (Date.now() < until && (counts('answers')[0] === asked || inFlight > 0)) await page.waitForTimeout(20);
      await page.waitForTimeout(100);
    };
    // The load ran with the cache off; one poll puts the summary in the browser's cache.
    await poll();
    const before = await state();
    for (let n = 0; n < POLLS; n += 1) await poll();
    const after = await state();
    const parsed = after.reads - before.reads;
    const growth = (after.wasm - before.wasm) / 2 ** 20;
    const perPoll = ((after.script - before.script) * 1000) / POLLS;
    // How the host answered each file: 304, or (a file too large for the browser's cache of a
    // fresh context, which then sends no validator) 200 with the same ETag, recognised as well.
    const answers = files.map((file, i) => {
      const notModified = after.notModified[i] - before.notModified[i];
      const whole = after.answered[i] - before.answered[i] - notModified;
      const how = [notModified && `${notModified}× 304`, whole && `${whole}× 200 with the same ETag`].filter(Boolean);
      return `${file.split('/').pop()} ${how.join(', ') || 'not asked'}`;
    });
    const polled = after.answered.every((n, i) => n > before.answered[i]);
    return {
      parsed,
      pass: parsed === 0 && growth === 0 && polled,
      text: `${POLLS} polls (${answers.join('; ')}): ${parsed} files parsed, wasm memory +${growth.toFixed(1)} MB,`
        + ` ${perPoll.toFixed(1)} ms of script per poll`,
    };
  } finally {
    await context.close();
  }
}

const server = await serve(dist, '/');
const browser = await launchBrowser();
try {
  console.log(`load times (${dist} on loopback, headless Chromium, median of ${LOADS} cold loads; ms from navigation start)`);

  const status = { fcp: [], statuses: [], interactive: [] };
  for (let n = 0; n < LOADS; n += 1) {
    const { page, context, result } = await coldLoad(browser, `${server.url}emea`, ['statuses']);
    status.fcp.push(result.fcp);
    status.statuses.push(result.statuses);
    status.interactive.push(Math.max(result.started, result.statuses));
    if (n === 0) {
      // Interactive means the app handles a click itself: a region link must not reload the page.
      await page.evaluate(() => { window.__beaconSamePage = true; });
      await page.getByTestId('region-link-apac').click();
      await page.getByTestId('region-name').filter({ hasText: 'APAC' }).waitFor();
      if (!(await page.evaluate(() => window.__beaconSamePage === true))) {
        console.log('    the region link reloaded the page: the app was not interactive');
        failed = true;
      }
    }
    await context.close();
  }
  console.log('  status page /emea');
  row('pre-rendered snapshot painted (FCP)', status.fcp);
  row('component statuses in the live app', status.statuses, BUDGET.statuses);
  row('interactive (app started, statuses shown)', status.interactive);

  const embed = { fcp: [], result: [], interactive: [] };
  for (let n = 0; n < LOADS; n += 1) {
    const { context, result } = await coldLoad(browser, `${server.url}${EMBED}`, ['embed']);
    embed.fcp.push(result.fcp ?? result.embed);
    embed.result.push(result.embed);
    embed.interactive.push(Math.max(result.started, result.embed));
    await context.close();
  }
  console.log(`  embed /${EMBED}`);
  row('first paint (FCP)', embed.fcp);
  row('result painted', embed.result, BUDGET.embed);
  row('interactive (app started, result shown)', embed.interactive);

  const data = scaleData(Date.now());
  const bodies = { summary: JSON.stringify(data.summary), history: JSON.stringify(data.history), recent: JSON.stringify(data.recent) };
  const config = JSON.parse(await readFile(`${dist}/config.json`, 'utf8'));
  const emea = config.regions.find((region) => region.id === 'emea');
  // What the live page polls: the summary and the history's recent part (the layout's
  // `recent_history`, beside the history file).
  emea.history_url = emea.history_url.replace(/\.json$/, '/recent.json');
  const scaleServer = await serve(dist, '/', {
    files: new Map([[emea.summary_url, bodies.summary], [emea.history_url, bodies.recent]]),
  });
  // The server compresses each file once, on first request: not inside a measured load.
  for (const file of [emea.summary_url, emea.history_url]) {
    await (await fetch(`${scaleServer.url}${file}`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
  }
  const scale = { bars: [], heap: [], wasm: [] };
  for (let n = 0; n < SCALE_LOADS; n += 1) {
    const { cdp, context, result } = await coldLoad(browser, `${scaleServer.url}emea`, ['bars'], { strips: SCALE.components });
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    scale.bars.push(result.bars);
    scale.heap.push(usedSize / 2 ** 20);
    scale.wasm.push((result.wasmBytes ?? 0) / 2 ** 20);
    await context.close();
  }
  const unchanged = await unchangedPolls(browser, scaleServer, [emea.summary_url, emea.history_url]);
  await scaleServer.close();
  const heap = median(scale.heap);
  const heapPass = heap < BUDGET.heapMB;
  failed ||= !heapPass;
  const megabytes = (bodies.history.length / 2 ** 20).toFixed(1);
  console.log(`  scale: ${SCALE.components} components, ${SCALE.incidents.toLocaleString('en')} historical incidents (${megabytes} MB of JSON), median of ${SCALE_LOADS} cold loads`);
  row(`page and ${SCALE.days}-day bars rendered`, scale.bars, BUDGET.scale);
  console.log(`    ${'JS heap in use'.padEnd(44)}${`${heap.toFixed(1)} MB`.padStart(8)} ${''.padEnd(20)}  budget ${BUDGET.heapMB} MB: ${heapPass ? 'PASS' : 'FAIL'}`);
  // The app's data lives in wasm linear memory, which the JS heap figure does not include.
  const wasm = median(scale.wasm);
  console.log(`    ${'wasm linear memory (not in the JS heap)'.padEnd(44)}${`${wasm.toFixed(1)} MB`.padStart(8)}`);
  console.log(`    ${'JS heap + wasm memory (not budgeted)'.padEnd(44)}${`${(heap + wasm).toFixed(1)} MB`.padStart(8)}`);
  const bars = median(scale.bars);
  const scalePass = bars <= BUDGET.scale && unchanged.pass;
  failed ||= !scalePass;
  console.log(`${scalePass ? 'PASS' : 'FAIL'}  4. scale: ${SCALE.components} components × ${SCALE.incidents.toLocaleString('en')} incidents,`
    + ` page and bars in ${Math.round(bars)} ms median (${SCALE_LOADS} cold loads, ${megabytes} MB of history JSON served brotli-compressed with an ETag on loopback,`
    + ` ms from navigation start until the last strip shows its ${SCALE.days} bars; budget ${BUDGET.scale} ms);`
    + ` unchanged poll: ${unchanged.parsed === 0 ? 'no parse' : `${unchanged.parsed} files parsed`} (${unchanged.text})`);
} finally {
  await browser.close();
  await server.close();
}
process.exitCode = failed ? 1 : 0;
