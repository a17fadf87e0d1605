// Prints what a visitor downloads before any data (the HTML, JS, wasm and CSS of a build), raw,
// gzip and brotli, and checks the status-page budget. Usage: node tests/e2e/sizes.mjs [dist]
import { readFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const BUDGET_GZIP = 150 * 1024;
const html = await readFile(join(dist, 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:href|src|from|module_or_path:)\s*=?\s*['"]?([^'" >]+\.(?:js|wasm|css))(?=['" >])/g)]
  .map((m) => m[1].replace(/^.*\//, ''));
const files = ['index.html', ...new Set(assets)];
let total = { raw: 0, gzip: 0, brotli: 0 };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
console.log(`bytes before data (${dist})`);
console.log(`  ${'file'.padEnd(40)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
for (const file of files) {
  const body = await readFile(join(dist, file));
  const row = {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  for (const k of Object.keys(total)) total[k] += row[k];
  console.log(`  ${file.padEnd(40)}${kb(row.raw)}${kb(row.gzip)}${kb(row.brotli)}`);
}
console.log(`  ${'total'.padEnd(40)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
const pass = total.gzip <= BUDGET_GZIP;
console.log(`status page budget: ${kb(total.gzip).trim()} gzip against ${kb(BUDGET_GZIP).trim()}: ${pass ? 'PASS' : 'FAIL'}`);
process.exitCode = pass ? 0 : 1;
