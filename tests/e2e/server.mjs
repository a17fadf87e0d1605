// A plain static file server for the built site, as any static host would serve it: files by
// path under a mount prefix, and the single-page-app fallback (unknown paths without a file
// extension get index.html) that the README documents for nginx and other hosts.
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

/** The Content-Security-Policy docs/hosting.md prescribes for the site, with the sign-up
 * service's origin (if any) added to `connect-src`. */
export function strictCsp(signupOrigin = '') {
  return "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; "
    + `connect-src 'self'${signupOrigin ? ` ${signupOrigin}` : ''}`;
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
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...policy });
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
