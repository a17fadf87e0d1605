// A plain static file server for the built site, as docs/hosting.md has nginx serve it: files by
// path under a mount prefix, the single-page-app fallback (unknown paths without a file
// extension get index.html), the build's pre-compressed twins (`.br`, `.gz`) for browsers that
// accept them, an ETag and Last-Modified on every answer (a request whose If-None-Match lists
// the ETag, or without one whose If-Modified-Since is not older, gets 304 Not Modified without a
// body), `no-cache` for files whose names stay and a year for content-hashed ones.
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import zlib, { brotliCompressSync } from 'node:zlib';
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

/** True when the request's conditions say its copy (`etag`, `lastModified`) is current:
 * If-None-Match lists the ETag (or `*`; weak comparison, as nginx), else If-Modified-Since is
 * not before the modification time. */
function notModified(req, { etag, lastModified }) {
  const match = req.headers['if-none-match'];
  if (match !== undefined) {
    return match.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
  }
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && since >= Date.parse(lastModified);
}

/** Serves `root` under `prefix` (e.g. "/" or "/beacon/") on 127.0.0.1 and a free port; with
 * `fallback: false`, as a host without the single-page-app rule (unknown paths are 404); with
 * `csp`, every answer carries that `Content-Security-Policy` header (see `strictCsp`); `files`
 * (a Map from a path under the site, e.g. `data/emea/summary.json`, to its contents) answers
 * those paths instead of the folder, with an ETag of their contents, brotli-compressed (quality
 * 9, as the build's twins of data files) to a browser that accepts it, and may be changed while
 * serving. `requests` counts the answers by path under the site: `answers`, `notModified`, and
 * `bytes` both ways (request line and headers, status line, response headers and body). */
export async function serve(root, prefix = '/', { fallback = true, port = 0, csp = '', files = new Map() } = {}) {
  const policy = csp ? { 'content-security-policy': csp } : {};
  const firstServed = new Map();
  const twins = new Map();
  const requests = new Map();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(prefix) && url.pathname + '/' !== prefix) {
      res.writeHead(404).end('outside the site');
      return;
    }
    const relative = normalize(decodeURIComponent(url.pathname.slice(prefix.length))).replace(/^(\.\.[/\\])+/, '');
    const counted = requests.get(relative) ?? { answers: 0, notModified: 0, bytes: 0 };
    requests.set(relative, counted);
    counted.answers += 1;
    const asked = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`.length
      + req.rawHeaders.reduce((sum, part) => sum + Buffer.byteLength(part) + 2, 0) + 2; // ': ' and CRLF; the blank line
    /** Answers 304 when the request's copy is current, else 200 with `body`. */
    const answer = (headers, validators, body) => {
      const unchanged = notModified(req, validators);
      const all = { ...headers, etag: validators.etag, 'last-modified': validators.lastModified, ...policy };
      if (unchanged) res.writeHead(304, all).end();
      else res.writeHead(200, { ...all, 'content-length': body.length }).end(req.method === 'HEAD' ? undefined : body);
      counted.bytes += asked + Buffer.byteLength(res._header ?? '') + (unchanged || req.method === 'HEAD' ? 0 : body.length);
      if (unchanged) counted.notModified += 1;
    };
    const given = files.get(relative);
    if (given !== undefined) {
      const plain = Buffer.from(given);
      const hash = createHash('sha1').update(plain).digest('hex').slice(0, 16);
      // Modified when these contents were first served.
      if (!firstServed.has(hash)) firstServed.set(hash, new Date().toUTCString());
      const brotli = /\bbr\b/.test(req.headers['accept-encoding'] ?? '') && plain.length >= 1024;
      if (brotli && !twins.has(hash)) {
        twins.set(hash, brotliCompressSync(plain, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length } }));
      }
      answer(
        { 'content-type': TYPES[extname(relative)] ?? 'application/octet-stream', 'cache-control': 'no-cache', vary: 'accept-encoding', ...(brotli ? { 'content-encoding': 'br' } : {}) },
        { etag: `"${hash}${brotli ? '-br' : ''}"`, lastModified: firstServed.get(hash) },
        brotli ? twins.get(hash) : plain,
      );
      return;
    }
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
        vary: 'accept-encoding',
        ...(chosen.encoding ? { 'content-encoding': chosen.encoding } : {}),
      };
      const lastModified = new Date(Math.floor(chosen.info.mtimeMs / 1000) * 1000).toUTCString();
      answer(headers, { etag, lastModified }, await readFile(chosen.path));
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const listening = server.address().port;
  return { url: `http://127.0.0.1:${listening}${prefix}`, requests, close: () => new Promise((r) => server.close(r)) };
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
