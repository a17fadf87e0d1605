// A plain static file server for the built site, as any static host would serve it: files by
// path under a mount prefix, and the single-page-app fallback (unknown paths without a file
// extension get index.html) that the README documents for nginx and other hosts; like nginx,
// every file carries an ETag and Last-Modified, and a conditional request for an unchanged
// file (If-None-Match, else If-Modified-Since) is answered 304 Not Modified without a body.
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

/** The Content-Security-Policy docs/hosting.md prescribes for the site, with the sign-up
 * service's origin (if any) added to `connect-src`. */
export function strictCsp(signupOrigin = '') {
  return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
    + `connect-src 'self'${signupOrigin ? ` ${signupOrigin}` : ''}`;
}

/** The validators nginx gives a file: an ETag of its modification time and size, and its
 * Last-Modified. */
function validators(mtime, size) {
  return { etag: `"${Math.floor(mtime.getTime() / 1000).toString(16)}-${size.toString(16)}"`, lastModified: mtime.toUTCString() };
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
 * those paths instead of the folder, with an ETag of their contents, brotli-compressed to a
 * client that accepts it (as nginx serves the twins the build writes), and may be changed
 * while serving. `requests` counts the answers: `bytes` (status line, headers and body as sent) and
 * `notModified` by path under the site. */
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
    // What goes over the wire both ways: the request line and headers, the status line, the
    // response headers as written and the body.
    const asked = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`.length
      + req.rawHeaders.reduce((sum, part) => sum + Buffer.byteLength(part) + 2, 0) + 2; // ': ' and CRLF; the blank line
    const send = (status, headers, body) => {
      res.writeHead(status, { ...headers, ...policy });
      res.end(body);
      counted.bytes += asked + Buffer.byteLength(res._header ?? '') + (body?.length ?? 0);
      if (status === 304) counted.notModified += 1;
    };
    const answer = (body, type, { etag, lastModified }, encoded = {}) => {
      const headers = { 'content-type': type, 'cache-control': 'no-cache', etag, 'last-modified': lastModified, ...encoded };
      if (notModified(req, { etag, lastModified })) send(304, { 'cache-control': 'no-cache', etag, 'last-modified': lastModified });
      else send(200, headers, req.method === 'HEAD' ? undefined : body);
    };
    const given = files.get(relative);
    if (given !== undefined) {
      const body = Buffer.from(given);
      const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
      // Modified when these contents were first served.
      if (!firstServed.has(etag)) firstServed.set(etag, new Date().toUTCString());
      const type = TYPES[extname(relative)] ?? 'application/octet-stream';
      // As the build's brotli twin (quality 9 for data) would be served by nginx's brotli_static.
      if (/\bbr\b/.test(req.headers['accept-encoding'] ?? '') && body.length >= 1024) {
        if (!twins.has(etag)) {
          twins.set(etag, brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        }
        answer(twins.get(etag), type, { etag, lastModified: firstServed.get(etag) }, { 'content-encoding': 'br', vary: 'Accept-Encoding' });
        return;
      }
      answer(body, type, { etag, lastModified: firstServed.get(etag) });
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
      const [body, info] = await Promise.all([readFile(file), stat(file)]);
      answer(body, TYPES[extname(file)] ?? 'application/octet-stream', validators(info.mtime, info.size));
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
// strict Content-Security-Policy header, with config.json's sign-up origin.
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
    csp = strictCsp(signup ? new URL(signup).origin : '');
  }
  const site = await serve(root, option('--prefix', '/'), { port: Number(option('--port', '8080')), csp });
  console.log(`serving ${root} on ${site.url}`);
}
