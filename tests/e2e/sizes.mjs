// Prints what a visitor downloads before any data — the HTML, JS, wasm and CSS of a page —
// raw, gzip and brotli per file, for the status page and for the SLA embed separately, and
// checks each against its budget (exit 1 on a miss). Usage: node tests/e2e/sizes.mjs [dist]
// (a build for the site root, as `.ci/bench` makes).
import { readFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { dirname, join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const PAGES = [
  { name: 'status page', html: 'index.html', budget: 150 * 1024 },
  { name: 'embed', html: 'embed/sla/index.html', budget: 80 * 1024 },
];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);

/** The files a page loads before data: itself and the JS, wasm and CSS it names. */
async function filesOf(page) {
  const html = await readFile(join(dist, page), 'utf8');
  const assets = [...html.matchAll(/(?:href|src|from|module_or_path:)\s*=?\s*['"]?([^'" >]+\.(?:js|wasm|css))(?=['" >])/g)]
    .map((m) => m[1])
    .map((path) => (path.startsWith('/') ? path.slice(1) : join(dirname(page), path)));
  return [page, ...new Set(assets)];
}

let failed = false;
for (const { name, html, budget } of PAGES) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  console.log(`${name}: bytes before data (${dist})`);
  console.log(`  ${'file'.padEnd(50)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
  for (const file of await filesOf(html)) {
    const body = await readFile(join(dist, file));
    const row = {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    for (const k of Object.keys(total)) total[k] += row[k];
    console.log(`  ${file.padEnd(50)}${kb(row.raw)}${kb(row.gzip)}${kb(row.brotli)}`);
  }
  console.log(`  ${'total'.padEnd(50)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
  const pass = total.gzip <= budget;
  failed ||= !pass;
  console.log(`${name} budget: ${kb(total.gzip).trim()} gzip against ${kb(budget).trim()}: ${pass ? 'PASS' : 'FAIL'}\n`);
}
process.exitCode = failed ? 1 : 0;
