// Languages: every language on every route through `?lang=`, `<html lang>` set, a known
// translation shown, no English interface text left outside the operator's own incident text,
// nothing wider than a 360 px phone, and the choice remembered without the parameter.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './server.mjs';
import { launch, launchBrowser, CONTEXT, watchErrors } from './browser.mjs';

const DIST = process.env.BEACON_DIST ?? 'dist';
const NOW = new Date('2026-11-21T12:00:00Z');

// [path, element that says the page is ready, which known translations it shows, which English
// list the page must be free of]. On the SLA pages the policy's own words (plan and level names,
// descriptions, notes) are data and stay as written; everything else is checked.
const ROUTES = [
  ['', '[data-testid=components]', ['components'], 'status'],
  ['emea', '[data-testid=components]', ['components'], 'status'],
  ['emea/history', '[data-testid=history-month]', ['history'], 'status'],
  ['emea/incidents/tb1xtvj5wamt', '[data-testid=incident]', ['footer'], 'status'],
  ['sla?policy=model-b-zmanda&plan=standard&urgency=high&impact=high&at=2026-11-20T16:30&centre=us', '[data-testid=first-response-reason]', ['footer', 'slaHeading', 'slaReason'], 'sla'],
  ['embed/sla/?policy=model-b-zmanda&plans=standard,premium&severity=P1', '[data-testid=embed-plan-standard]', ['slaHeading', 'slaCoverage'], 'sla'],
  ['no/such/page', '[data-testid=not-found]', ['notFound'], 'status'],
];

// Known translations, as a visitor reads them. On the SLA pages: a heading, the reason line of
// a Friday 16:30 ticket (weekday from the language's own table) and a plan's support hours.
const LANGS = {
  de: { components: 'Komponenten', history: 'Störungsverlauf', footer: 'Bereitgestellt von Beacon', notFound: 'Seite nicht gefunden', operational: 'Alle Systeme betriebsbereit',
    slaHeading: 'Erste Reaktion', slaReason: 'eingereicht Freitag 16:30: Uhr hält um 17:00 an', slaCoverage: 'Mo–Fr 08:00–17:00 Ortszeit' },
  nl: { components: 'Onderdelen', history: 'Storingsgeschiedenis', footer: 'Mogelijk gemaakt door Beacon', notFound: 'Pagina niet gevonden', operational: 'Alle systemen operationeel',
    slaHeading: 'Eerste reactie', slaReason: 'ingediend vrijdag 16:30: klok stopt om 17:00', slaCoverage: 'ma–vr 08:00–17:00 lokale tijd' },
  es: { components: 'Componentes', history: 'Historial de incidentes', footer: 'Con la tecnología de Beacon', notFound: 'Página no encontrada', operational: 'Todos los sistemas operativos',
    slaHeading: 'Primera respuesta', slaReason: 'enviado el viernes 16:30: el reloj se detiene a las 17:00', slaCoverage: 'lun–vie 08:00–17:00 hora local' },
  fr: { components: 'Composants', history: 'Historique des incidents', footer: 'Propulsé par Beacon', notFound: 'Page introuvable', operational: 'Tous les systèmes sont opérationnels',
    slaHeading: 'Première réponse', slaReason: 'soumis vendredi 16:30 : le compteur s’arrête à 17:00', slaCoverage: 'lun.–ven. 08:00–17:00 heure locale' },
  fi: { components: 'Komponentit', history: 'Häiriöhistoria', footer: 'Palvelun toteuttaa Beacon', notFound: 'Sivua ei löytynyt', operational: 'Kaikki järjestelmät toiminnassa',
    slaHeading: 'Ensimmäinen vastaus', slaReason: 'jätetty perjantai klo 16:30: kello pysähtyy klo 17:00', slaCoverage: 'ma–pe 08:00–17:00 paikallista aikaa' },
  ja: { components: 'コンポーネント', history: 'インシデント履歴', footer: 'Beacon で運用しています', notFound: 'ページが見つかりません', operational: 'すべてのシステムが正常に稼働中',
    slaHeading: '初回応答', slaReason: '金曜日 16:30 に受付: 17:00 に計測停止', slaCoverage: '現地時間 月–金 08:00–17:00' },
  'zh-Hans': { components: '组件', history: '事件历史', footer: '由 Beacon 提供支持', notFound: '找不到页面', operational: '所有系统运行正常',
    slaHeading: '首次响应', slaReason: '星期五 16:30 提交：计时于 17:00 暂停', slaCoverage: '当地时间 周一–周五 08:00–17:00' },
};

// English interface phrases that must not remain in another language.
const ENGLISH = [
  'Skip to content', 'SLA calculator', 'Powered by Beacon', 'Loading', 'Showing', 'picked from',
  'Switch to', 'Page not found', 'There is no page', 'Go to the status page', 'Components',
  'components', 'Active incidents', 'Maintenance in progress', 'Upcoming maintenance',
  'Uptime counts', 'Incident history', 'Updated', 'Checked', 'checks every', 'Times in', 'Your time',
  'Region time', 'Operational', 'Degraded performance', 'Partial outage', 'Major outage',
  'Under maintenance', 'All systems operational', 'No impact', 'Minor impact', 'Major impact',
  'Critical impact', 'Affects', 'Scheduled', 'until', 'Investigating', 'Identified', 'Monitoring',
  'Resolved', 'Completed', 'uptime', 'days ago', 'Today', 'Theme:', 'Get updates', 'no data',
  'minutes ago', 'hours ago', 'just now', 'All sections', 'Copy', 'Close', 'Whole region',
  'Maintenance calendar', 'Browser notifications', 'Status badges', 'feed reader',
  'Older', 'Newer', 'All quarters', 'Search titles and messages',
];

// English SLA interface phrases (calculator, embed and the sentences `src/sla/present.rs` builds)
// that must not remain in another language.
const ENGLISH_SLA = [
  'SLA calculator', 'When will support answer', 'Loading policies', 'Support centre', 'Submitted',
  'local time at the support centre', 'Use the current time', 'Link to this result', 'Severity',
  'Urgency', 'Priority from the matrix', "Customer's priority", 'Keep the assigned priority',
  'urgency × impact matrix', "the customer's choice", 'Weekend callback', 'submitted', 'Support hours',
  'First response', 'Resolution', 'Not stated in the policy', 'not stated', 'Due at the support centre',
  'Due in your time zone', 'Clock running', 'Clock paused', 'running', 'paused', 'Plans side by side',
  'chosen plan', 'first response', 'sooner', 'same time', 'states a response target',
  'no response target stated', 'Compared with the chosen plan', 'Pending-ticket timer', 'Pending since',
  'Reminder to the customer', 'Closed automatically', 'Embed this', 'Paste this into your page',
  'All plans side by side', 'Follow the visitor', 'Open the calculator', 'When would your ticket be due',
  'Priority', 'filed', 'clock stops', 'resumes', 'clock starts', 'outside support hours', 'local time',
  "closed on the centre's holidays", 'around the clock', 'every day', 'business hour', 'business hours',
  'business minutes', 'business day', 'business days', 'due in', 'overdue by', 'Monday', 'Friday', 'Mon', 'Fri',
  'Light', 'Dark', 'Theme', 'Powered by Beacon', 'Skip to content', 'Loading',
];

// The policy's own words on the SLA pages (plan and level names, descriptions, notes, the
// documents' sentences quoted as written, document titles, where a centre's holidays come from).
const SLA_DATA = [
  '.sla-notes', '.sla-note', '[data-testid$=-note]', '[data-testid=severity-description]',
  'q', 'cite', '.sla-holiday-source',
  '[data-testid=result-plan]', '[data-testid=result-level]', '[data-testid=derived-priority]',
  '[data-testid=embed-level]', '.sla-embed-head strong', '.sla-embed-plan h2',
].join(', ');

// Text the operator or the data wrote, shown as written in every language.
const DATA = [
  '.markup', '.incident-name', '[data-testid=affected]', '.component-name', '.component-description',
  '[data-testid=member] > span:first-child', '[data-testid=region-name]', '.region-header .lede',
  '.brand', '[data-testid^=region-link]', '[data-testid=region-choice] strong',
  '[data-testid=region-choice] a', 'code', 'select', '.day-detail li', 'script', 'style', 'noscript',
].join(', ');

let browser;
let server;
before(async () => { browser = await launch(); server = await serve(DIST, '/'); });
after(async () => { await browser?.close(); await server?.close(); });

/** The page's interface text (including the closed "Get updates" dialog), minus the data's own
 * words; each text node separated by a space. */
function interfaceText(page, extra = null) {
  return page.evaluate((data) => {
    const copy = document.body.cloneNode(true);
    for (const node of copy.querySelectorAll(data)) node.remove();
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) parts.push(walker.currentNode.data);
    return parts.join(' ').replace(/\s+/g, ' ');
  }, extra ? `${DATA}, ${extra}` : DATA);
}

function englishLeft(text, phrases = ENGLISH) {
  return phrases.filter((phrase) => new RegExp(`(^|[^\\p{L}])${phrase}($|[^\\p{L}])`, 'u').test(text));
}

for (const [tag, known] of Object.entries(LANGS)) {
  test(`${tag}: every route is in the language, fits 360 px and the choice is remembered`, async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await page.clock.install({ time: NOW });
    const problems = [];
    for (const [path, ready, keys, kind] of ROUTES) {
      const joiner = path.includes('?') ? '&' : '?';
      await page.goto(`${server.url}${path}${joiner}lang=${tag}`);
      await page.locator(ready).first().waitFor();
      // Open a day of an uptime strip and a group so their words are checked too.
      if (await page.locator('.bar[tabindex="0"]').count()) await page.locator('.bar[tabindex="0"]').first().click();
      if (await page.locator('details.group-members').count()) await page.locator('details.group-members summary').first().click();
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (lang !== tag) problems.push(`${path}: html lang is ${lang}`);
      const text = await interfaceText(page, kind === 'sla' ? SLA_DATA : null);
      for (const key of keys) if (!text.includes(known[key])) problems.push(`${path}: “${known[key]}” missing`);
      const chrome = () => page.evaluate(() => [
        document.querySelector('header')?.textContent ?? '', document.querySelector('footer')?.textContent ?? '',
      ].join(' '));
      const left = kind === 'sla' ? [...englishLeft(text, ENGLISH_SLA), ...englishLeft(await chrome())] : englishLeft(text);
      if (left.length) problems.push(`${path}: English left: ${left.join(' | ')}`);
      const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (scroll > client) problems.push(`${path}: ${scroll} px wide at 360 px`);
    }
    // Remembered: the same routes without the parameter stay in the language.
    for (const path of ['', 'emea/history', 'no/such/page']) {
      await page.goto(`${server.url}${path}`);
      await page.locator('footer').waitFor();
      const lang = await page.evaluate(() => document.documentElement.lang);
      if (lang !== tag) problems.push(`${path} without ?lang: html lang is ${lang}`);
      if (!(await interfaceText(page)).includes(known.footer)) problems.push(`${path} without ?lang: not remembered`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the "Get updates" dialog, loaded on demand, is in each language and follows a switch', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.clock.install({ time: NOW });
  const problems = [];
  // The open dialog's text (its region and section names are data, but none is on the list).
  const dialogText = () => page.evaluate(() => {
    const walker = document.createTreeWalker(document.querySelector('dialog[open]'), NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) parts.push(walker.currentNode.data);
    return parts.join(' ').replace(/\s+/g, ' ');
  });
  for (const tag of Object.keys(LANGS)) {
    await page.goto(`${server.url}emea?lang=${tag}`);
    await page.getByTestId('components').waitFor();
    await page.getByTestId('get-updates').click();
    await page.locator('dialog[open]').waitFor();
    const left = englishLeft(await dialogText());
    if (left.length) problems.push(`${tag}: English left in the dialog: ${left.join(' | ')}`);
    await page.keyboard.press('Escape');
  }
  assert.deepEqual(problems, []);
  // Opened in English, then the language is switched on the open page: the dialog follows.
  await page.goto(`${server.url}emea?lang=en`);
  await page.getByTestId('components').waitFor();
  await page.getByTestId('get-updates').click();
  const english = page.getByRole('dialog', { name: 'Get updates for EMEA' });
  await english.waitFor();
  assert.ok(englishLeft(await dialogText()).includes('All sections'), 'the check finds English in the dialog');
  await page.keyboard.press('Escape');
  await page.getByTestId('lang-switch').selectOption('de');
  await page.getByRole('heading', { name: 'Komponenten' }).waitFor();
  await page.getByRole('button', { name: 'Updates erhalten' }).click();
  const german = page.getByRole('dialog', { name: 'Updates für EMEA erhalten' });
  await german.waitFor();
  await german.getByRole('checkbox', { name: 'Alle Bereiche' }).waitFor();
  assert.deepEqual(englishLeft(await dialogText()), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the banner names the state in each language', async () => {
  const page = await browser.newPage();
  await page.clock.install({ time: NOW });
  for (const [tag, known] of Object.entries(LANGS)) {
    await page.goto(`${server.url}apac?lang=${tag}`);
    await page.getByTestId('components').waitFor();
    const indicator = await page.getByTestId('overall-status').getAttribute('data-indicator');
    if (indicator === 'none') assert.equal((await page.getByTestId('overall-status').textContent()).trim().slice(1), known.operational);
  }
  await page.goto(`${server.url}emea?lang=en`);
  await page.getByTestId('components').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.ok(englishLeft(await interfaceText(page)).includes('Components'), 'the English check finds English');
  // And the SLA list finds the English calculator, its reason line and the embed.
  await page.goto(`${server.url}sla?policy=model-b-zmanda&plan=standard&urgency=high&impact=high&at=2026-11-20T16:30&centre=us&lang=en`);
  await page.getByTestId('first-response-reason').waitFor();
  const sla = englishLeft(await interfaceText(page, SLA_DATA), ENGLISH_SLA);
  for (const phrase of ['First response', 'filed', 'Friday', 'business hour', 'Plans side by side', 'Embed this']) {
    assert.ok(sla.includes(phrase), `the SLA English check finds “${phrase}”: ${sla.join(' | ')}`);
  }
  await page.goto(`${server.url}embed/sla/?policy=model-b-zmanda&plans=standard,premium&severity=P1&lang=en`);
  await page.getByTestId('embed-plan-standard').waitFor();
  const embed = englishLeft(await interfaceText(page, SLA_DATA), ENGLISH_SLA);
  for (const phrase of ['First response', 'local time', 'around the clock', 'Open the calculator']) {
    assert.ok(embed.includes(phrase), `the embed English check finds “${phrase}”: ${embed.join(' | ')}`);
  }
  await page.close();
});

test('the browser language is the default; the switcher overrides it in place, in the URL and remembered', async () => {
  const context = await (await launchBrowser()).newContext({ ...CONTEXT, locale: 'fi-FI' });
  const page = await context.newPage();
  await page.clock.install({ time: NOW });
  await page.goto(`${server.url}emea`);
  await page.getByTestId('components').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fi');
  assert.match(await page.getByTestId('overall-status').textContent(), /toiminnassa|katko|häiriö|huollossa|tuntematon/);
  await page.evaluate(() => { window.__sameDocument = true; });
  const select = page.getByLabel('Kieli');
  await select.selectOption('de');
  await page.getByRole('heading', { name: 'Komponenten' }).waitFor();
  assert.equal(await page.evaluate(() => window.__sameDocument), true, 'switched without a reload');
  assert.equal(new URL(page.url()).searchParams.get('lang'), 'de');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  assert.equal(await page.evaluate(() => localStorage.getItem('beacon.lang')), 'de');
  await page.goto(`${server.url}emea/history`);
  await page.getByTestId('history-month').first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
  // Dates and relative times come from the browser's Intl in the chosen language.
  await page.goto(`${server.url}emea/incidents/tb1xtvj5wamt`);
  const time = await page.locator('[data-testid=incident-update] time').first().textContent();
  assert.match(time, /\((vor|in|gestern|heute|morgen) /, time);
  await context.browser().close();
});

test('switching the language re-renders the text only: no refetch, open groups, the chosen day and the scroll stay', async () => {
  const page = await browser.newPage();
  const errors = watchErrors(page);
  await page.clock.install({ time: NOW });
  const fetched = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (/\/data\/emea\/(summary|history\/recent)\.json$/.test(path)) fetched.push(path);
  });
  await page.setViewportSize({ width: 1000, height: 500 });
  await page.goto(`${server.url}emea?lang=en`);
  await page.getByTestId('components').waitFor();
  const before = fetched.length;
  assert.ok(before >= 1, 'the data was fetched once');
  const group = page.locator('details.group-members').first();
  await group.locator('summary').click();
  await page.locator('.bar[tabindex="0"]').first().click();
  await page.getByTestId('day-detail').waitFor();
  await page.evaluate(() => { window.scrollTo(0, 200); document.querySelector('details.group-members').dataset.marker = 'same'; });
  const scrolled = await page.evaluate(() => window.scrollY);

  await page.getByTestId('lang-switch').selectOption('de');
  await page.getByRole('heading', { name: 'Komponenten' }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(fetched.length, before, `no refetch of the region data: ${fetched.join(', ')}`);
  assert.equal(await group.evaluate((d) => d.open && d.dataset.marker), 'same', 'the same group element, still open');
  assert.match(await group.locator('summary').textContent(), /Komponente/);
  assert.match(await page.getByTestId('day-detail').textContent(), /Verfügbarkeit|keine Daten|Betriebsbereit/, 'the chosen day stays open, in German');
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the scroll position stays');
  assert.match(await page.getByTestId('last-updated').textContent(), /Aktualisiert .*Geprüft/s);

  await page.getByTestId('lang-switch').selectOption('ja');
  await page.getByRole('heading', { name: 'コンポーネント' }).waitFor();
  assert.equal(fetched.length, before, 'still no refetch');
  assert.equal(await group.evaluate((d) => d.open && d.dataset.marker), 'same');
  assert.deepEqual(errors, []);
  await page.close();
});

// Language packs: only English is compiled into the apps; another language's texts
// are fetched from `i18n/<tag>.<hash>.json` before the app mounts, or before a switch.
const PACK = /\/i18n\/[^/]+\.json$/;

/** A page in a fresh context reading `locale`, recording the pack requests and what the live
 * app showed the moment it mounted (its footer is the first live element; the snapshot has
 * none). */
async function visitor(locale) {
  const context = await (await launchBrowser()).newContext({ ...CONTEXT, locale });
  const page = await context.newPage();
  const packs = [];
  page.on('request', (request) => { if (PACK.test(new URL(request.url()).pathname)) packs.push(new URL(request.url()).pathname); });
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const footer = document.querySelector('footer.site-footer');
      if (!footer) return;
      window.__firstLive = { footer: footer.textContent, lang: document.documentElement.lang, heading: document.querySelector('.skip-link')?.textContent };
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.clock.install({ time: NOW });
  return { page, packs, close: () => context.browser().close() };
}

for (const [name, prefix, dist] of [['site root', '/', DIST], ['sub-path', '/beacon/', process.env.BEACON_DIST_SUB ?? 'target/dist-sub']]) {
  test(`${name}: a German visitor's first live paint is German, with only the German pack fetched`, async () => {
    const site = prefix === '/' ? server : await serve(dist, prefix);
    const { page, packs, close } = await visitor('de-DE');
    const errors = watchErrors(page);
    try {
      await page.goto(`${site.url}emea`);
      // The snapshot's heading is German too (its inline script): wait for the live app.
      await page.getByTestId('components').waitFor();
      await page.getByRole('heading', { name: 'Komponenten' }).waitFor();
      const first = await page.evaluate(() => window.__firstLive);
      assert.ok(first, 'the live app mounted (and was seen mounting)');
      assert.match(first.footer, /Bereitgestellt von Beacon/, 'the first live footer is German');
      assert.equal(first.heading, 'Zum Inhalt springen');
      assert.equal(first.lang, 'de');
      assert.ok(packs.length >= 1, `the German pack was fetched: ${packs.join(', ')}`);
      assert.deepEqual(packs.filter((path) => !new RegExp(`^${prefix}i18n/de\\.[0-9a-f]{16}\\.json$`).test(path)), [], `only the German pack: ${packs.join(', ')}`);
      assert.equal(await page.getByTestId('lang-notice').count(), 0);
      // The SLA calculator is a separate app: it loads the same pack before it mounts.
      packs.length = 0;
      await page.goto(`${site.url}sla`);
      await page.getByText('Erste Reaktion').first().waitFor();
      assert.match((await page.evaluate(() => window.__firstLive)).footer, /Bereitgestellt von Beacon/);
      assert.ok(packs.every((path) => /\/i18n\/de\./.test(path)), `the calculator: ${packs.join(', ')}`);
      assert.deepEqual(errors, []);
    } finally {
      await close();
      if (site !== server) await site.close();
    }
  });
}

test('an English visitor fetches no language pack', async () => {
  const { page, packs, close } = await visitor('en-GB');
  try {
    await page.goto(`${server.url}emea`);
    await page.getByTestId('components').waitFor();
    assert.match((await page.evaluate(() => window.__firstLive)).footer, /Powered by Beacon/);
    await page.goto(`${server.url}sla`);
    await page.getByText('First response').first().waitFor();
    await page.waitForTimeout(300);
    assert.match((await page.evaluate(() => window.__firstLive)).footer, /Powered by Beacon/);
    assert.deepEqual(packs, []);
  } finally {
    await close();
  }
});

test('a pack that cannot be loaded or read: a notice naming the file and why, the page in English, nothing lost', async () => {
  for (const [broken, why] of [
    [{ status: 200, contentType: 'application/json', body: '{"Components": "Komp' }, /not valid JSON/],
    [{ status: 404, contentType: 'text/plain', body: 'not found' }, /HTTP 404/],
    [{ status: 200, contentType: 'application/json', body: '["Komponenten"]' }, /not a language pack/],
  ]) {
    const { page, packs, close } = await visitor('de-DE');
    try {
      await page.route(/\/i18n\/de\.[^/]+\.json$/, (route) => route.fulfill(broken));
      await page.goto(`${server.url}emea`);
      const notice = page.getByTestId('lang-notice');
      await notice.waitFor();
      const text = await notice.textContent();
      assert.match(text, /Deutsch \(de\)/, text);
      assert.match(text, /i18n\/de\.[0-9a-f]{16}\.json/, text);
      assert.match(text, why, text);
      await page.getByRole('heading', { name: 'Components' }).waitFor();
      assert.match((await page.evaluate(() => window.__firstLive)).footer, /Powered by Beacon/);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      assert.ok(await page.locator('[data-testid=component]').count() > 0, 'the status is shown');
      assert.equal(packs.length, 1);
      // Nothing lost: another language still loads, and the notice goes.
      await page.getByTestId('lang-switch').selectOption('fr');
      await page.getByRole('heading', { name: 'Composants' }).waitFor();
      assert.equal(await notice.count(), 0);
    } finally {
      await close();
    }
  }
});

test('a pack missing keys shows English for those keys only', async () => {
  const { page, close } = await visitor('de-DE');
  try {
    await page.route(PACK, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"Components": "Komponenten (Teil)", "Footer": 7}' }));
    await page.goto(`${server.url}emea`);
    await page.getByRole('heading', { name: 'Komponenten (Teil)' }).waitFor();
    assert.match(await page.locator('footer').textContent(), /Powered by Beacon/, 'a text that is not a string reads in English');
    assert.equal(await page.locator('.skip-link').textContent(), 'Skip to content');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'de');
    assert.equal(await page.getByTestId('lang-notice').count(), 0);
  } finally {
    await close();
  }
});
