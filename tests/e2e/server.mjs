// A plain static file server for the built site, as docs/hosting.md has nginx serve it: files by
// path under a mount prefix, the single-page-app fallback (unknown paths without a file
// extension get index.html), the build's pre-compressed twins (`.br`, `.gz`) for browsers that
// accept them, an ETag on every answer (a matching If-None-Match gets 304), `no-cache` for files
// whose names stay and a year for content-hashed ones.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.png': 'image/png',
};

/** The Content-Security-Policy the build wrote for the site in `root` (its `_headers`, see
 * docs/hosting.md: no 'unsafe-inline', the pages' own inline scripts and styles allowed by their
 * hashes), with `connect-src` allowing the sign-up service at `signupOrigin` (if any) instead of
 * the one config.json names. */
export async function strictCsp(root, signupOrigin = '') {
  const headers = await readFile(join(root, '_headers'), 'utf8');
  const policy = headers.match(/^\s*Content-Security-Policy:\s*(.+)$/m)?.[1];
  if (!policy) throw new Error(`${root}/_headers names no Content-Security-Policy`);
  return policy.split(';').map((d) => d.trim())
    .map((d) => (d.startsWith('connect-src ') ? `connect-src 'self'${signupOrigin ? ` ${signupOrigin}` : ''}` : d))
    .join('; ');
}

/** Content-hashed names (Trunk's files, the moved scripts, the language packs): cached for good. */
const IMMUTABLE = /(-[0-9a-f]{16}(_bg)?\.(wasm|js|css)|\/i18n\/[a-zA-Z-]+\.[0-9a-f]{16}\.json)$/;

/** The twin of `file` to send for `acceptEncoding` (brotli first, then gzip), or the file. */
async function chooseEncoding(file, acceptEncoding = '') {
  const accepted = new Set(acceptEncoding.split(',').map((e) => e.split(';')[0].trim().toLowerCase()));
  for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!accepted.has(encoding)) continue;
    try {
      const twin = await stat(file + ext);
      if (twin.isFile()) return { path: file + ext, encoding, info: twin };
    } catch { /* no twin */ }
  }
  return { path: file, encoding: '', info: await stat(file) };
}

/** Serves `root` under `prefix` (e.g. "/" or "/beacon/") on 127.0.0.1 and a free port; with
 * `fallback: false`, as a host without the single-page-app rule (unknown paths are 404); with
 * `csp`, every answer carries that `Content-Security-Policy` header (see `strictCsp`). */
export async function serve(root, prefix = '/', { fallback = true, port = 0, csp = '' } = {}) {
  const policy = csp ? { 'content-security-policy': csp } : {};
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(prefix) && url.pathname + '/' !== prefix) {
      res.writeHead(404).end('outside the site');
      return;
    }
    const relative = normalize(decodeURIComponent(url.pathname.slice(prefix.length))).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, relative);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
    } catch {
      if (extname(relative) || !fallback) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      file = join(root, 'index.html');
    }
    try {
      const chosen = await chooseEncoding(file, req.headers['accept-encoding']);
      const etag = `"${chosen.info.size.toString(16)}-${Math.floor(chosen.info.mtimeMs).toString(16)}${chosen.encoding ? `-${chosen.encoding}` : ''}"`;
      const headers = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': IMMUTABLE.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
        vary: 'accept-encoding',
        ...(chosen.encoding ? { 'content-encoding': chosen.encoding } : {}),
        ...policy,
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      const body = await readFile(chosen.path);
      res.writeHead(200, { ...headers, 'content-length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = server.address().port;
  return { url: `http://127.0.0.1:${listening}${prefix}`, close: () => new Promise((r) => server.close(r)) };
}

// As a command: `node tests/e2e/server.mjs DIR [--port N] [--prefix /path/] [--strict-csp]` serves
// DIR until stopped (the serve command uses it for the built site); `--strict-csp` adds the
// Content-Security-Policy the build wrote (DIR/_headers), with config.json's sign-up origin.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
  };
  const root = args[0];
  if (!root || root.startsWith('--')) {
    console.error('usage: node tests/e2e/server.mjs DIR [--port N] [--prefix /path/] [--strict-csp]');
    process.exit(2);
  }
  let csp = '';
  if (args.includes('--strict-csp')) {
    const signup = JSON.parse(await readFile(join(root, 'config.json'), 'utf8')).subscriptions?.signup_url;
    csp = await strictCsp(root, signup ? new URL(signup).origin : '');
  }
  const site = await serve(root, option('--prefix', '/'), { port: Number(option('--port', '8080')), csp });
  console.log(`serving ${root} on ${site.url}`);
}
