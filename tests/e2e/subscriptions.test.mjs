// End-to-end: a visitor subscribes by e-mail on /emea against the real subscription service
// (target/debug/beacon-subscriptions, SQLite in a scratch folder) with a real SMTP server
// (.ci/mailsink.py on aiosmtpd), confirms through the link in the mail, an operator opens an
// incident with the real CLI (target/debug/beacon-ops), the incident mail arrives with the
// operator's text, and its one-click unsubscribe (RFC 8058) ends the subscription.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './server.mjs';
import { launch, routeConfig } from './browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = process.env.BEACON_DIST ?? 'dist';
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target');
const SERVICE = path.join(TARGET, 'debug', 'beacon-subscriptions');
const OPS = path.join(TARGET, 'debug', 'beacon-ops');

let browser;
let site;
let scratch;
const children = [];

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a child process and resolves with the first stdout line matching `ready`. */
function start(command, args, ready, env = {}) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start:\n${output}`)), 60_000);
    const look = (chunk) => {
      output += chunk;
      const found = output.match(ready);
      if (found) { clearTimeout(timer); resolve(found); }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${command} exited with ${code}:\n${output}`)); });
  });
}

/** Polls `check` until it returns a value, or fails naming `what`. */
async function until(what, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let mail;
let service;
let data;
let database;

before(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'beacon-subscriptions-e2e-'));
  data = path.join(scratch, 'public');
  await cp(path.join(ROOT, 'public'), data, { recursive: true });
  const [, smtp, http] = await start('python3', ['.ci/mailsink.py', '--smtp', '127.0.0.1:0', '--http', '127.0.0.1:0', '--dir', path.join(scratch, 'mail')],
    /mailsink: smtp (\S+) http (\S+)/);
  mail = `http://${http}/`;
  browser = await launch();
  site = await serve(DIST, '/');
  const port = await freePort();
  service = `http://127.0.0.1:${port}/`;
  database = `sqlite://${path.join(scratch, 'subscriptions.db')}`;
  const serviceProcess = spawn(SERVICE, ['serve', '--public', data, '--site-url', site.url, '--public-url', service,
    '--listen', `127.0.0.1:${port}`, '--database-url', database, '--watch-seconds', '1'], {
    cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, BEACON_SMTP_URL: `smtp://${smtp}`, BEACON_WEBHOOK_SECRET: 'e2e-secret', BEACON_MAIL_FROM: 'Beacon status <status@beacon.test>' },
  });
  children.push(serviceProcess);
  await until('the subscription service', async () => (await fetch(`${service}healthz`).catch(() => null))?.ok);
});

after(async () => {
  await browser?.close();
  await site?.close();
  for (const child of children) child.kill();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const messages = async () => (await fetch(`${mail}api/messages`)).json();
const message = async (id) => (await fetch(`${mail}api/messages/${id}`)).json();
const header = (full, name) => full.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

test('subscribe on /emea, confirm by mail, get the operator\'s incident by mail, unsubscribe in one click', async () => {
  const address = 'visitor@example.com';
  const page = await browser.newPage();
  const config = JSON.parse(await readFile(path.resolve(ROOT, DIST, 'config.json'), 'utf8'));
  config.subscriptions = { signup_url: `${service}api/subscribe`, methods: ['email', 'webhook'] };
  await routeConfig(page, config);
  await page.goto(`${site.url}emea/`);
  await page.getByTestId('components').waitFor();
  await page.getByRole('button', { name: 'Get updates' }).click();
  const dialog = page.getByRole('dialog', { name: 'Get updates for EMEA' });
  await dialog.waitFor();
  await dialog.getByRole('radio', { name: 'E-mail' }).check();
  await dialog.getByLabel('E-mail address').fill(address);
  await dialog.getByRole('button', { name: 'Sign up' }).click();
  await dialog.getByTestId('signup-result').waitFor();
  assert.doesNotMatch(await dialog.getByTestId('signup-result').textContent(), /HTTP \d/);

  const confirmation = await until('the confirmation mail', async () => (await messages()).find((m) => m.to.includes(address)));
  const confirmationText = (await message(confirmation.id)).text;
  const link = confirmationText.match(/https?:\/\/\S+\/confirm\/[A-Za-z0-9_-]+/)?.[0];
  assert.ok(link, `a confirmation link in:\n${confirmationText}`);
  const confirmed = await page.goto(link);
  assert.equal(confirmed.ok(), true, `the confirmation page answered ${confirmed.status()}`);
  const counted = execFileSync(SERVICE, ['subscribers', 'count', '--database-url', database], { encoding: 'utf8' });
  assert.match(counted, /emea\tem-backups\t1/);

  const title = 'Backups to Frankfurt are delayed';
  const text = 'Backups queue & retry <script>alert(1)</script>; we are on it.';
  execFileSync(OPS, ['incident', 'open', '--public', data, '--region', 'emea', '--name', title, '--impact', 'minor',
    '--status', 'investigating', '--message', text, '--components', 'em-backups'], { encoding: 'utf8' });
  // One message: the new incident (the status change of Backups it made comes with it).
  const full = await until('the incident mail', async () => {
    for (const m of (await messages()).filter((m) => m.id > confirmation.id && m.to.includes(address))) {
      const candidate = await message(m.id);
      if (candidate.text.includes('we are on it')) return candidate;
    }
    return null;
  });
  assert.match(full.text, /Backups queue & retry/, 'the operator\'s text in the text part');
  assert.match(full.html, /Backups queue &amp; retry/, 'and escaped in the HTML part');
  assert.doesNotMatch(full.html, /<script/i, 'no markup of the operator\'s runs in a mail client');
  assert.match(full.text, /\/emea\/incidents\//, 'a link to the incident page');
  assert.equal(header(full, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
  const unsubscribe = header(full, 'List-Unsubscribe').match(/<(https?:[^>]+)>/)[1];
  const oneClick = await fetch(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  assert.equal(oneClick.ok, true, `one-click unsubscribe answered ${oneClick.status}`);
  const after = execFileSync(SERVICE, ['subscribers', 'count', '--database-url', database], { encoding: 'utf8' });
  assert.doesNotMatch(after, /emea\tem-backups\t1/, 'no longer counted as a subscriber');
  await page.close();
});
