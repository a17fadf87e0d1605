// Load-time benchmark, run by .ci/bench (not a test): serves a release build on loopback and
// measures it in headless Chromium, each load cold (a fresh browser context, cache disabled):
//   - status page /emea: the pre-rendered snapshot's first paint, the live app's component
//     statuses in the page, and time to interactive (the app has started and shows them);
//   - embed /embed/sla/?…: the result in the page, and time to interactive;
//   - scale: a region with 200 components and 5,000 historical incidents (generated here and
//     served with page.route) renders its page and 90-day bars; its JS heap.
// Times are milliseconds from navigation start (performance.now() in the page), recorded by a
// MutationObserver installed before any page script runs. Prints PASS/FAIL per budget
// and exits 1 on a miss.
// Usage: node tests/e2e/loadtime.mjs [dist]   (BEACON_LOADS=N sets the loads per page, default 11)
import { serve } from './server.mjs';
import { launchBrowser, CONTEXT } from './browser.mjs';

const dist = process.argv[2] ?? 'target/bench-dist';
const LOADS = Math.max(10, Number(process.env.BEACON_LOADS ?? 11));
const SCALE_LOADS = 3;
const EMBED = 'embed/sla/?policy=model-b-zmanda&plans=standard,premium&severity=P1';
const BUDGET = { statuses: 250, embed: 200, scale: 1000, heapMB: 50 };
const SCALE = { components: 200, incidents: 5000, days: 90 };

/** Installed in every page before its scripts: records when what `want` names first exists
 * (`statuses`, `embed`; with `strips`, `bars` once that many 90-day strips are complete). */
function recordMarks({ want, strips }) {
  const marks = (window.__beaconMarks = {});
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
        if (bars.length >= strips && bars[strips - 1].childElementCount >= 90) mark('bars');
      } else if (!(name in marks)) {
        // Shown, not merely rendered: the live page renders hidden until it replaces the snapshot.
        const found = document.querySelector(selectors[name]);
        if (found && !found.closest('[hidden]')) mark(name);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
}

/** One cold load of `url`: waits until `started` and every mark in `want` exist; returns the
 * marks, the first contentful paint and the wasm memory size, with the page still open. */
async function coldLoad(browser, url, want, { strips = 0, route } = {}) {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (route) await route(page);
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
  // Published as `beacon-ops publish` splits it: the live page reads the last 90 days only.
  const recent = incidents.filter((incident) => Date.parse(incident.resolved_at) >= now - 90 * 24 * hour);
  return {
    summary: { page, status: { indicator: 'minor', description: 'Minor Service Outage' }, components, incidents: [], scheduled_maintenances: [] },
    history: { page, incidents },
    recent: { page, incidents: recent },
  };
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
  const route = (page) => page.route(/\/data\/emea\/(summary|history\/recent)\.json(\?.*)?$/, (r) => {
    const which = r.request().url().includes('summary') ? 'summary' : 'recent';
    return r.fulfill({ contentType: 'application/json', body: bodies[which] });
  });
  const scale = { bars: [], heap: [], wasm: [] };
  for (let n = 0; n < SCALE_LOADS; n += 1) {
    const { cdp, context, result } = await coldLoad(browser, `${server.url}emea`, ['bars'], { strips: SCALE.components, route });
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    scale.bars.push(result.bars);
    scale.heap.push(usedSize / 2 ** 20);
    scale.wasm.push((result.wasmBytes ?? 0) / 2 ** 20);
    await context.close();
  }
  const heap = median(scale.heap);
  const heapPass = heap < BUDGET.heapMB;
  failed ||= !heapPass;
  console.log(`  scale: ${SCALE.components} components, ${SCALE.incidents.toLocaleString('en')} historical incidents (${(bodies.history.length / 2 ** 20).toFixed(1)} MB of JSON, of which the page downloads the last 90 days: ${(bodies.recent.length / 2 ** 20).toFixed(1)} MB), median of ${SCALE_LOADS} cold loads`);
  row(`page and ${SCALE.days}-day bars rendered`, scale.bars, BUDGET.scale);
  console.log(`    ${'JS heap in use'.padEnd(44)}${`${heap.toFixed(1)} MB`.padStart(8)} ${''.padEnd(20)}  budget ${BUDGET.heapMB} MB: ${heapPass ? 'PASS' : 'FAIL'}`);
  // The app's data lives in wasm linear memory, which the JS heap figure does not include.
  const wasm = median(scale.wasm);
  console.log(`    ${'wasm linear memory (not in the JS heap)'.padEnd(44)}${`${wasm.toFixed(1)} MB`.padStart(8)}`);
  console.log(`    ${'JS heap + wasm memory (not budgeted)'.padEnd(44)}${`${(heap + wasm).toFixed(1)} MB`.padStart(8)}`);
} finally {
  await browser.close();
  await server.close();
}
process.exitCode = failed ? 1 : 0;
