// End-to-end: the regional status page as a customer uses it — incidents, maintenance, the
// 90-day bars by keyboard, time zones, the incident and history pages, live polling, and what
// happens when data is malformed, hostile or unreachable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';

const DIST = process.env.BEACON_DIST ?? 'dist';
const DEMO_NOW = new Date('2026-11-21T12:00:00Z');
let browser;
let server;
before(async () => { browser = await launch(); server = await serve(DIST, '/'); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page whose clock is frozen at the demo data's "now" (and can be fast-forwarded). */
async function demoPage() {
  const page = await browser.newPage();
  await page.clock.install({ time: DEMO_NOW });
  return page;
}

async function emeaSummary() {
  return JSON.parse(await readFile(`${DIST}/data/emea/summary.json`, 'utf8'));
}

test('the active incident shows its impact, affected component and full update timeline', async () => {
  const page = await demoPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}emea`);
  const incident = page.getByTestId('active-incidents').getByTestId('incident');
  await incident.waitFor();
  assert.match(await incident.textContent(), /Delayed Microsoft 365 backups/);
  assert.match(await incident.textContent(), /Major impact/);
  assert.equal(await incident.getByTestId('affected').textContent(), 'Microsoft 365 backups');
  const updates = incident.getByTestId('incident-update');
  assert.equal(await updates.count(), 3);
  assert.match(await updates.first().textContent(), /^Identified/);
  assert.match(await updates.last().textContent(), /^Investigating/);
  // Markdown is formatted: bold survives as <strong>, not as asterisks.
  assert.ok(await incident.locator('strong', { hasText: 'Exchange Online' }).count() > 0);
  assert.equal(await page.getByTestId('overall-status').getAttribute('data-indicator'), 'major');
  assert.match(await page.getByTestId('maintenance-upcoming').textContent(), /Web portal database upgrade/);
  const ics = await page.getByTestId('maintenance-upcoming').getByTestId('event-calendar').getAttribute('href');
  const calendar = await (await fetch(ics)).text();
  assert.match(calendar, /^BEGIN:VCALENDAR\r\n/);
  assert.match(calendar, /\r\nSUMMARY:[^\r]*Web portal database upgrade\r\n/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an incident has a shareable page that survives a reload, and history lists the newest quarter by month', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea`);
  await page.getByRole('link', { name: 'Delayed Microsoft 365 backups' }).click();
  await page.waitForURL(/\/emea\/incidents\/tb1xtvj5wamt\/$/);
  await page.reload();
  const incident = page.getByTestId('incident');
  await incident.waitFor();
  assert.equal(await incident.getByTestId('incident-update').count(), 3);
  await page.goto(`${server.url}emea/history`);
  const months = page.getByTestId('history-month');
  await months.first().waitFor();
  // The newest quarter, by month.
  assert.equal(await page.getByTestId('history-period').textContent(), 'Q4 2026');
  assert.deepEqual(await months.locator(':scope > h3').allTextContents(), ['November 2026', 'October 2026']);
  await page.goto(`${server.url}emea/incidents/no-such-incident`);
  await page.getByTestId('not-found').waitFor();
  await page.close();
});

test('the 90-day bars work by keyboard and name each day in words', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea`);
  const strip = page.getByTestId('uptime').first();
  await strip.waitFor();
  const bars = strip.locator('.bar');
  assert.equal(await bars.count(), 90);
  assert.equal(await strip.locator('.bar[tabindex="0"]').count(), 1, 'one tab stop per strip');
  await strip.locator('.bar[tabindex="0"]').focus();
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.id), await bars.first().getAttribute('id'));
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), await bars.nth(1).getAttribute('id'));
  await page.keyboard.press('End');
  const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.match(label, /^21 Nov 2026: /);
  assert.match(await strip.getByTestId('day-detail').textContent(), /21 Nov 2026/);
  assert.match(await strip.getByTestId('uptime-percent').textContent(), /^\d+\.\d\d% uptime$/);
  // A day with an incident links to it.
  const withIncident = strip.locator('.bar[aria-label*="incident"]').first();
  await withIncident.click();
  assert.ok(await strip.getByTestId('day-detail').getByRole('link').count() > 0);
  await page.close();
});

test('times follow the chosen zone, kept in the URL, and relative times stay current', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea`);
  const firstUpdateTime = page.getByTestId('incident-update').first().locator('time');
  await firstUpdateTime.waitFor();
  assert.match(await firstUpdateTime.textContent(), /CET/);
  const before = await firstUpdateTime.textContent();
  await page.getByTestId('tz-utc').click();
  assert.match(await firstUpdateTime.textContent(), /UTC/);
  assert.equal(new URL(page.url()).searchParams.get('tz'), 'utc');
  await page.reload();
  await firstUpdateTime.waitFor();
  assert.match(await firstUpdateTime.textContent(), /UTC/);
  assert.equal(await page.getByTestId('tz-utc').getAttribute('aria-pressed'), 'true');
  await page.clock.fastForward('02:00:00');
  await page.waitForFunction((old) => !document.querySelector('[data-testid=incident-update] time').textContent.includes(old), before.match(/\(.*\)/)[0]);
  assert.notEqual(await firstUpdateTime.textContent(), before);
  await page.close();
});

test('a malformed data file names the file and the field', async () => {
  const page = await demoPage();
  const summary = await emeaSummary();
  summary.incidents[0].incident_updates[1].created_at = 'yesterday-ish';
  await page.route('**/data/emea/summary.json', (route) => route.fulfill({ body: JSON.stringify(summary), contentType: 'application/json' }));
  await page.goto(`${server.url}emea`);
  const error = page.getByTestId('load-error');
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /data\/emea\/summary\.json/);
  assert.match(text, /incidents\[0\]\.incident_updates\[1\]\.created_at/);
  await page.close();
});

test('a broken or unreachable poll keeps the last good data on screen and says why', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea`);
  await page.getByTestId('components').waitFor();
  await page.route('**/data/emea/summary.json', (route) => route.fulfill({ body: '{"page": {', contentType: 'application/json' }));
  await page.clock.fastForward('01:01');
  const warning = page.getByTestId('load-error');
  await warning.waitFor();
  assert.match(await warning.textContent(), /last good data.*data\/emea\/summary\.json/s);
  assert.equal(await page.getByTestId('component').count(), 3, 'components still shown');
  await page.unroute('**/data/emea/summary.json');
  await page.route('**/data/emea/*.json', (route) => route.abort('internetdisconnected'));
  await page.clock.fastForward('01:01');
  await page.getByTestId('load-error').filter({ hasText: 'offline' }).waitFor();
  assert.equal(await page.getByTestId('component').count(), 3);
  await page.clock.fastForward('05:00');
  await page.getByTestId('last-updated').filter({ hasText: 'out of date' }).waitFor();
  await page.unroute('**/data/emea/*.json');
  // After several failures in a row the page polls less often (at most every ten minutes).
  await page.clock.fastForward('10:00');
  await page.getByTestId('load-error').waitFor({ state: 'detached' });
  await page.close();
});

test('a poll that parses but would empty or contradict the page is bad data: the last good data stays', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea`);
  await page.getByTestId('components').waitFor();
  const cases = [
    [(s) => { s.components = null; }, /summary\.json.*components.*no components/s],
    [(s) => { s.components = []; }, /summary\.json.*components.*no components/s],
    [(s) => { s.components[1].id = s.components[0].id; }, /components\[1\]\.id.*duplicate component id/s],
    [(s) => { s.components.find((c) => c.group).components.push('no-such-member'); }, /no component has id "no-such-member"/],
  ];
  for (const [spoil, expected] of cases) {
    const summary = await emeaSummary();
    spoil(summary);
    await page.route('**/data/emea/summary.json', (route) => route.fulfill({ body: JSON.stringify(summary), contentType: 'application/json' }));
    await page.clock.fastForward('01:01');
    const warning = page.getByTestId('load-error').filter({ hasText: expected });
    await warning.waitFor();
    assert.match(await warning.textContent(), /last good data/);
    assert.equal(await page.getByTestId('component').count(), 3, 'components still shown');
    await page.unroute('**/data/emea/summary.json');
    await page.clock.fastForward('01:01');
    await page.getByTestId('load-error').waitFor({ state: 'detached' });
  }
  await page.close();
});

test('the page tells when the data changed apart from when it last checked, and marks an incident left without news', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea/`);
  const line = page.getByTestId('last-updated');
  await line.waitFor();
  // Changed: the data's own stamp (12:00 UTC); checked: the moment the page read it.
  assert.equal(await line.getByTestId('data-changed').locator('time').getAttribute('datetime'), '2026-11-21T12:00:00Z');
  assert.match(await line.getByTestId('data-changed').textContent(), /^Updated /);
  assert.equal(await line.getByTestId('checked').locator('time').getAttribute('datetime'), DEMO_NOW.toISOString().replace('.000', ''));
  assert.match(await line.getByTestId('checked').textContent(), /^Checked .*checks every 60 seconds/);
  const incident = page.getByTestId('active-incidents').getByTestId('incident');
  assert.equal(await incident.getByTestId('update-overdue').count(), 0, 'updated 15 minutes ago');

  // Two days on, nothing new has been posted: the data still says when it changed, the check
  // is recent, and the incident says how old its last news is.
  await page.clock.fastForward('48:00:00');
  await incident.getByTestId('update-overdue').waitFor();
  assert.match(await incident.getByTestId('update-overdue').textContent(), /No update since .*2 days ago/);
  assert.equal(await line.getByTestId('data-changed').locator('time').getAttribute('datetime'), '2026-11-21T12:00:00Z');
  const checked = await line.getByTestId('checked').locator('time').getAttribute('datetime');
  assert.ok(new Date(checked) > new Date('2026-11-23T11:58:00Z'), checked);

  // The host stops answering: the line says since when the page could not check.
  await page.route('**/data/emea/*.json', (route) => route.abort('connectionrefused'));
  await page.clock.fastForward('01:01');
  const since = line.getByTestId('not-checked-since');
  await since.waitFor();
  assert.equal(await since.locator('time').getAttribute('datetime'), checked);
  assert.match(await since.textContent(), /^Could not check for new data since /);
  await page.close();
});

test('polls run one at a time, pause while the tab is hidden and resume as soon as it is shown', async () => {
  const page = await demoPage();
  const summary = (request) => request.url().endsWith('/data/emea/summary.json');
  let asked = 0;
  let inFlight = 0;
  let mostInFlight = 0;
  page.on('request', (request) => {
    if (!summary(request)) return;
    asked += 1;
    inFlight += 1;
    mostInFlight = Math.max(mostInFlight, inFlight);
  });
  const ended = (request) => { if (summary(request)) inFlight -= 1; };
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  await page.goto(`${server.url}emea/`);
  await page.getByTestId('components').waitFor();
  const settle = () => page.waitForTimeout(300);

  // A response that never comes: no second request is sent while it is outstanding; at the
  // data time limit (20 s) the page gives it up, and only then do the polls go on.
  let release;
  let answered;
  const held = new Promise((resolve) => { release = resolve; });
  const done = new Promise((resolve) => { answered = resolve; });
  await page.route('**/data/emea/summary.json', async (route) => {
    await held;
    // The page may have given the request up by now; then there is nothing to answer.
    await route.continue().catch(() => {});
    answered();
  }, { times: 1 });
  asked = 0;
  mostInFlight = inFlight;
  await page.clock.fastForward('01:01');
  await settle();
  assert.equal(asked, 1, 'the poll is sent');
  await page.clock.fastForward('00:15');
  await settle();
  assert.equal(asked, 1, 'no poll overtakes the one in flight');
  for (let minute = 0; minute < 5; minute += 1) await page.clock.fastForward('01:01');
  await settle();
  assert.equal(mostInFlight, 1, 'polls run one at a time');
  assert.ok(asked >= 2, 'a poll left unanswered is given up at the time limit and polling goes on');
  release();
  await done;
  await settle();
  asked = 0;
  await page.clock.fastForward('10:01');
  await settle();
  assert.ok(asked >= 1, 'polling goes on');

  // Hidden: no poll at all; shown again: one at once.
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.fastForward('01:01');
  await settle();
  asked = 0;
  for (let minute = 0; minute < 10; minute += 1) await page.clock.fastForward('01:01');
  await settle();
  assert.equal(asked, 0, 'a hidden tab does not poll');
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.clock.fastForward('00:02');
  await settle();
  assert.equal(asked, 1, 'shown again, it polls at once');
  await page.close();
});

test('a slow poll that lands late never replaces newer data', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea/`);
  await page.getByTestId('components').waitFor();
  const named = async (name) => {
    const summary = await emeaSummary();
    summary.components[0].name = name;
    return JSON.stringify(summary);
  };
  const [stale, fresh] = [await named('Stale answer'), await named('Fresh answer')];
  // Whatever the page ever shows is recorded, so a flash of the stale answer counts too.
  await page.evaluate(() => {
    window.__beaconShown = new Set();
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('[data-testid="component"] .component-name')) {
        window.__beaconShown.add(element.textContent);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  // The first poll's answer is held back; every later poll is answered at once, newer.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let landed;
  const lateAnswer = new Promise((resolve) => { landed = resolve; });
  let polls = 0;
  await page.route('**/data/emea/summary.json', async (route) => {
    polls += 1;
    if (polls === 1) {
      await held;
      await route.fulfill({ body: stale, contentType: 'application/json' }).catch(() => {});
      landed();
    } else {
      await route.fulfill({ body: fresh, contentType: 'application/json' });
    }
  });
  await page.clock.fastForward('01:01');
  await page.waitForTimeout(300);
  assert.equal(polls, 1, 'the slow poll is under way');
  // Past the data time limit the page gives it up; the next poll brings the newer answer.
  await page.clock.fastForward('00:21');
  await page.clock.fastForward('01:01');
  const first = page.getByTestId('component').first().locator('.component-name');
  await first.filter({ hasText: 'Fresh answer' }).waitFor();
  assert.ok(polls >= 2);
  // Now the slow answer lands, late: it must not replace what is shown.
  release();
  await lateAnswer;
  await page.waitForTimeout(300);
  await page.clock.fastForward('00:05');
  await page.waitForTimeout(300);
  assert.equal(await first.textContent(), 'Fresh answer');
  assert.equal(await page.evaluate(() => window.__beaconShown.has('Stale answer')), false, 'the stale answer never showed');
  await page.close();
});

test('a poll that brings nothing new is not parsed and redraws nothing', async () => {
  const page = await demoPage();
  // The app marks every parse of a data file (`performance.mark("beacon:read <file>")`); the
  // page clock's stand-in for `performance` keeps no entries, so the marks are recorded here.
  await page.addInitScript(() => {
    window.__beaconReads = [];
    const mark = performance.mark.bind(performance);
    performance.mark = (name, ...rest) => {
      if (name.startsWith('beacon:read ')) window.__beaconReads.push(name.slice('beacon:read '.length));
      return mark(name, ...rest);
    };
  });
  const answered = (file) => server.requests.get(file) ?? { answers: 0, notModified: 0 };
  await page.goto(`${server.url}emea/`);
  await page.getByTestId('uptime').first().waitFor();
  const reads = () => page.evaluate(() => [...window.__beaconReads]);
  const settle = () => page.waitForTimeout(400);
  await settle();
  assert.deepEqual((await reads()).sort(), ['data/emea/history/recent.json', 'data/emea/summary.json'], 'each file read once on load');
  // Marked nodes must survive: a redraw would replace them.
  await page.evaluate(() => {
    document.querySelector('.uptime-bars .bar').__beaconKept = true;
    document.querySelector('[data-testid="component"]').__beaconKept = true;
  });
  const kept = () => page.evaluate(() => [document.querySelector('.uptime-bars .bar'), document.querySelector('[data-testid="component"]')]
    .every((node) => node.__beaconKept === true));
  const before = { summary: { ...answered('data/emea/summary.json') }, history: { ...answered('data/emea/history/recent.json') } };

  // The host answers 304 Not Modified: the page recognises its version by the ETag. The
  // summary is asked for on every poll, the history (the summary unchanged) on every fifth.
  for (let poll = 0; poll < 5; poll += 1) {
    await page.clock.fastForward('01:01');
    await settle();
  }
  const asked = (name, file) => answered(file).answers - before[name].answers;
  const unchanged = (name, file) => answered(file).notModified - before[name].notModified;
  assert.equal(asked('summary', 'data/emea/summary.json'), 5);
  assert.equal(unchanged('summary', 'data/emea/summary.json'), 5, 'every summary poll answered 304');
  assert.equal(asked('history', 'data/emea/history/recent.json'), 1, 'the history asked for on the fifth poll');
  assert.equal(unchanged('history', 'data/emea/history/recent.json'), 1, 'and answered 304');
  assert.equal((await reads()).length, 2, 'no poll read a file again');
  assert.ok(await kept(), 'nothing was redrawn');
  const checked = await page.getByTestId('checked').locator('time').getAttribute('datetime');
  assert.ok(new Date(checked) > DEMO_NOW, `the check time moves on (${checked})`);

  // A host without validators: its first answer is read (the page had only the ETag to go
  // by) and, the same data, not shown again; the same bytes after that are recognised by
  // their print and not read.
  const same = await readFile(`${DIST}/data/emea/summary.json`);
  await page.route('**/data/emea/summary.json', (route) => route.fulfill({ body: same, contentType: 'application/json' }));
  for (let poll = 0; poll < 3; poll += 1) {
    await page.clock.fastForward('01:01');
    await settle();
  }
  assert.deepEqual((await reads()).slice(2), ['data/emea/summary.json'], 'the same body is read once, then recognised');
  assert.ok(await kept(), 'nothing was redrawn');

  // Something new is read at once, and shown; a changed summary brings the history along.
  const historyAsked = answered('data/emea/history/recent.json').answers;
  const summary = await emeaSummary();
  summary.components[0].name = 'Renamed by the operator';
  await page.unroute('**/data/emea/summary.json');
  await page.route('**/data/emea/summary.json', (route) => route.fulfill({ body: JSON.stringify(summary), contentType: 'application/json' }));
  await page.clock.fastForward('01:01');
  await page.getByTestId('component').first().filter({ hasText: 'Renamed by the operator' }).waitFor();
  assert.deepEqual((await reads()).slice(2), ['data/emea/summary.json', 'data/emea/summary.json']);
  await settle();
  assert.equal(answered('data/emea/history/recent.json').answers, historyAsked + 1, 'the history asked for with the changed summary');
  await page.close();
});

test('maintenance is shown as the clock places it: upcoming, in progress, then overdue when nobody completed it', async () => {
  const summary = await emeaSummary();
  const window = summary.scheduled_maintenances.find((m) => m.id === 'g28gsyh2r7jv');
  const start = Date.parse(window.scheduled_for);
  const end = Date.parse(window.scheduled_until);
  for (const [at, section] of [
    [start - 3600_000, 'maintenance-upcoming'],
    [(start + end) / 2, 'maintenance-in-progress'],
    [end + 3600_000, 'maintenance-overdue'],
  ]) {
    const page = await browser.newPage();
    await page.clock.install({ time: new Date(at) });
    await page.goto(`${server.url}emea/`);
    await page.getByTestId('components').waitFor();
    const card = page.getByTestId(section).locator('[data-incident-id=g28gsyh2r7jv]');
    await card.waitFor();
    for (const other of ['maintenance-upcoming', 'maintenance-in-progress', 'maintenance-overdue'].filter((o) => o !== section)) {
      assert.equal(await page.getByTestId(other).locator('[data-incident-id=g28gsyh2r7jv]').count(), 0, `${section}: not in ${other}`);
    }
    if (section === 'maintenance-overdue') {
      assert.match(await page.getByTestId(section).locator('h2').textContent(), /Maintenance past its planned end/);
    }
    await page.close();
  }
});

test('a window that starts and completes by itself moves from upcoming to in progress to completed as the clock passes it', async () => {
  const summary = JSON.parse(await readFile(`${DIST}/data/apac/summary.json`, 'utf8'));
  const window = summary.scheduled_maintenances.find((m) => m.id === '8y18ktqmhh4w');
  assert.equal(window.scheduled_auto_in_progress, true);
  assert.equal(window.scheduled_auto_completed, true);
  const start = Date.parse(window.scheduled_for);
  const end = Date.parse(window.scheduled_until);
  const page = await browser.newPage();
  await page.clock.install({ time: new Date(start - 3600_000) });
  await page.goto(`${server.url}apac/`);
  await page.getByTestId('components').waitFor();
  const card = (section) => page.getByTestId(section).locator('[data-incident-id="8y18ktqmhh4w"]');
  const restores = page.locator('[data-component-id=ap-restores] > .component-row .status-text');
  await card('maintenance-upcoming').waitFor();
  assert.equal(await restores.textContent(), 'Operational');

  // The start passes: shown in progress, its component under maintenance, nobody had to act.
  await page.clock.fastForward(start + 600_000 - (start - 3600_000));
  await card('maintenance-in-progress').waitFor();
  assert.equal(await card('maintenance-upcoming').count(), 0);
  assert.match(await card('maintenance-in-progress').getByTestId('incident-update').first().textContent(), /^In progress/);
  await page.waitForFunction(() => document.querySelector('[data-component-id=ap-restores] > .component-row .status-text')?.textContent === 'Under maintenance');
  assert.equal(await page.getByTestId('overall-status').getAttribute('data-indicator'), 'maintenance');

  // The end passes: completed, not overdue, the component operational again.
  await page.clock.fastForward(end - start);
  await page.waitForFunction(() => document.querySelector('[data-component-id=ap-restores] > .component-row .status-text')?.textContent === 'Operational');
  for (const section of ['maintenance-upcoming', 'maintenance-in-progress', 'maintenance-overdue']) {
    assert.equal(await card(section).count(), 0, `not in ${section}`);
  }
  assert.equal(await page.getByTestId('overall-status').getAttribute('data-indicator'), 'none');
  await page.close();

  // Its own page says so.
  const later = await browser.newPage();
  await later.clock.install({ time: new Date(end + 3600_000) });
  await later.goto(`${server.url}apac/incidents/8y18ktqmhh4w/`);
  const updates = later.getByTestId('incident').getByTestId('incident-update');
  await updates.first().waitFor();
  assert.match(await updates.first().textContent(), /^Completed/);
  assert.match(await updates.nth(1).textContent(), /^In progress/);
  await later.close();
});

test('an update names the components it changed, from what to what', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea/`);
  const summary = await emeaSummary();
  const name = summary.components.find((c) => c.id === 'em-backups-m365').name;
  const changes = page.getByTestId('active-incidents').getByTestId('component-change');
  await changes.first().waitFor();
  assert.deepEqual(await changes.allTextContents(), [`${name}: Operational → Partial outage`]);
  await page.close();
});

test('new data appears without a reload', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea`);
  await page.getByTestId('components').waitFor();
  const summary = await emeaSummary();
  summary.components.find((c) => c.id === 'em-website').status = 'major_outage';
  await page.route('**/data/emea/summary.json', (route) => route.fulfill({ body: JSON.stringify(summary), contentType: 'application/json' }));
  await page.clock.fastForward('01:01');
  const website = page.locator('[data-component-id=em-website] > .component-row .status-text');
  await page.waitForFunction(() => document.querySelector('[data-component-id=em-website] > .component-row .status-text')?.textContent === 'Major outage');
  assert.equal(await website.textContent(), 'Major outage');
  assert.equal(await page.getByTestId('overall-status').getAttribute('data-indicator'), 'critical');
  await page.close();
});

test('hostile incident text is shown as text: no script runs, no javascript: link', async () => {
  const page = await demoPage();
  const summary = await emeaSummary();
  summary.incidents[0].incident_updates[0].body = [
    'Hello <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">',
    '[click](javascript:window.__pwned=3) [ok](https://example.com/ok) <a href="JaVaScRiPt:alert(1)" onclick="window.__pwned=4">x</a>',
    '![tracker](https://tracker.invalid/pixel.gif)',
  ].join('\n\n');
  await page.route('**/data/emea/summary.json', (route) => route.fulfill({ body: JSON.stringify(summary), contentType: 'application/json' }));
  const requested = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(`${server.url}emea`);
  const update = page.getByTestId('incident-update').first();
  await update.waitFor();
  await update.getByText('click').click().catch(() => {});
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const hrefs = await update.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.includes('https://example.com/ok'), `${hrefs}`);
  assert.ok(hrefs.every((h) => /^(https?:|mailto:)/.test(h)), `${hrefs}`);
  assert.equal(await update.locator('script, img, [onerror], [onclick]').count(), 0);
  assert.ok(!requested.some((u) => u.includes('tracker.invalid')), 'no remote content loaded unasked');
  await page.close();
});

test('switching region keeps the visitor on the same kind of page and time-zone choice', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea/history?tz=utc`);
  await page.getByTestId('history-month').first().waitFor();
  await page.getByTestId('region-link-apac').click();
  await page.waitForURL(/\/apac\/history\/\?tz=utc$/);
  await page.getByTestId('region-name').filter({ hasText: 'APAC' }).waitFor();
  await page.close();
});

test('statuses this version does not know are shown as unknown, never as operational', async () => {
  const page = await demoPage();
  const summary = await emeaSummary();
  summary.components.find((c) => c.id === 'em-website').status = 'on_fire';
  summary.status.indicator = 'apocalyptic';
  await page.route('**/data/emea/summary.json', (route) => route.fulfill({ body: JSON.stringify(summary), contentType: 'application/json' }));
  await page.goto(`${server.url}emea`);
  const website = page.locator('[data-component-id=em-website] > .component-row .status-label');
  await website.waitFor();
  assert.equal(await website.getAttribute('data-status'), 'on_fire');
  assert.match(await website.textContent(), /Unknown status “on_fire”/);
  assert.equal(await page.getByTestId('load-error').count(), 0, 'tolerated, not an error');
  await page.close();
});

// Real Statuspage captures of other services (tests/data/statuspage, sources in its SOURCES.md)
// render completely on a region page, with the banner the domain derives (see the native tests
// in crates/core/tests/status_real.rs for why Bitbucket's reads "major"), and GoDaddy's history
// file shows every incident on the history page.
const captures = new URL('../data/statuspage/', import.meta.url);
for (const [name, capturedAt, indicator, historyName] of [
  ['bitbucket-summary.json', '2023-05-15T07:00:37Z', 'major'],
  ['intercom-summary.json', '2024-01-31T18:34:03Z', 'none'],
  ['godaddy-summary.json', '2024-01-31T18:34:27Z', 'none', 'godaddy-incidents.json'],
  ['twilio-summary.json', '2023-03-09T21:33:31Z', 'minor'],
]) {
  test(`the real Statuspage capture ${name} renders completely`, async () => {
    const text = await readFile(new URL(name, captures), 'utf8');
    const real = JSON.parse(text);
    const history = historyName
      ? await readFile(new URL(historyName, captures), 'utf8')
      : JSON.stringify({ page: real.page, incidents: [] });
    const page = await browser.newPage();
    await page.clock.install({ time: new Date(capturedAt) });
    await page.route('**/data/emea/summary.json', (route) => route.fulfill({ body: text, contentType: 'application/json' }));
    // Published as the live page and the history pages read it: the recent file, and (every
    // incident of GoDaddy's capture began in January 2024) one quarter with its index.
    const json = (body) => (route) => route.fulfill({ body, contentType: 'application/json' });
    await page.route('**/data/emea/history/recent.json', json(history));
    await page.route('**/data/emea/history/2024-q1.json', json(history));
    await page.route('**/data/emea/history/index.json', json(JSON.stringify({
      recent_days: 90, periods: [{ period: '2024-q1', incidents: JSON.parse(history).incidents.length }],
    })));
    await page.goto(`${server.url}emea/`);
    await page.getByTestId('components').waitFor();
    const shown = await page.locator('[data-testid=component] .component-name').allTextContents();
    const expected = real.components.filter((c) => !c.group_id && !c.only_show_if_degraded).map((c) => c.name);
    assert.deepEqual([...shown].sort(), [...expected].sort());
    assert.equal(await page.getByTestId('member').count(), real.components.filter((c) => c.group_id && !c.only_show_if_degraded).length);
    assert.equal(await page.getByTestId('overall-status').getAttribute('data-indicator'), indicator);
    assert.equal(await page.getByTestId('load-error').count(), 0);
    if (historyName) {
      await page.goto(`${server.url}emea/history/`);
      await page.getByTestId('history-month').first().waitFor();
      assert.equal(await page.getByTestId('incident').count(), JSON.parse(history).incidents.length);
    }
    await page.close();
  });
}

test('the chosen day is the strip\'s one tab stop and reads as pressed; a bar shows its words on hover', async () => {
  const page = await demoPage();
  await page.goto(`${server.url}emea`);
  const strip = page.getByTestId('uptime').first();
  await strip.waitFor();
  const bars = strip.locator('.bar');
  assert.equal(await strip.locator('.bar[aria-pressed="true"]').count(), 0, 'no day open yet');
  await bars.nth(10).click();
  await strip.getByTestId('day-detail').waitFor();
  assert.equal(await bars.nth(10).getAttribute('tabindex'), '0');
  assert.equal(await bars.nth(10).getAttribute('aria-pressed'), 'true');
  assert.equal(await strip.locator('.bar[tabindex="0"]').count(), 1, 'one tab stop per strip');
  assert.equal(await strip.locator('.bar[aria-pressed="true"]').count(), 1);
  assert.match(await strip.getByTestId('day-detail').textContent(), new RegExp((await bars.nth(10).getAttribute('aria-label')).split(':')[0]));
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.evaluate(() => document.activeElement.id), await bars.nth(9).getAttribute('id'));
  assert.equal(await strip.locator('.bar[tabindex="0"]').count(), 1);
  assert.equal(await bars.nth(9).getAttribute('aria-pressed'), 'true');
  assert.equal(await bars.nth(10).getAttribute('aria-pressed'), 'false');
  await bars.nth(20).hover();
  assert.equal(await bars.nth(20).getAttribute('title'), await bars.nth(20).getAttribute('aria-label'));
  await page.close();
});
