// Prints what a visitor downloads before any data — the HTML, JS, wasm and CSS of a page —
// raw, gzip and brotli per file, for the status page and for the SLA embed separately, and
// checks the embed against its budget (exit 1 on a miss). The status page's bytes are reported
// without a byte budget: its Leptos shell alone is about 132 KB gzip, and what a visitor feels is
// when the statuses appear (the load-time budgets of tests/e2e/loadtime.mjs). Modules a page
// loads only on demand (named by `<meta name="beacon-module:…">`, see crates/browser/src/lazy.rs:
// the status page's "Get updates" dialog, the embed's "If you filed now" due times) are not part
// of that and are printed apart. The embed's due-time module is what an embed asked for `due=1`
// downloads on top: that total is printed and checked against a budget of its own, so the 80 KB
// is never read as the whole story. Usage: node tests/e2e/sizes.mjs [dist] (a build for the site
// root, as `.ci/bench` makes).
import { readFile } from 'node:fs/promises';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { dirname, join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const PAGES = [
  { name: 'status page', html: 'index.html' },
  {
    name: 'embed',
    html: 'embed/sla/index.html',
    budget: 80 * 1024,
    // The embed with `due=1`: everything above plus the filed-now module (the calendar engine).
    withModule: { module: 'filed-now', name: 'embed with due=1', budget: 160 * 1024 },
  },
];
const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);

const LAZY = /<meta\s+name="?beacon-module:([\w-]+)"?\s+content="?([^"\s>]+)"?\s+data-wasm="?([^"\s>]+)"?(?:\s+data-css="?([^"\s>]+)"?)?\s*\/?>/g;

/** The files a page loads before data — itself and the JS, wasm and CSS it names — and the
 * modules it loads on demand (name and files), which are not among the first. */
async function filesOf(page) {
  const html = await readFile(join(dist, page), 'utf8');
  const lazy = [...html.matchAll(LAZY)].map(([, name, ...files]) => ({ name, files: files.filter(Boolean).map((f) => join(dirname(page), f)) }));
  const assets = [...html.replace(LAZY, '').matchAll(/(?:href|src|from|module_or_path:)\s*=?\s*['"]?([^'" >]+\.(?:js|wasm|css))(?=['" >])/g)]
    .map((m) => m[1])
    .map((path) => (path.startsWith('/') ? path.slice(1) : join(dirname(page), path)));
  const files = [page, ...new Set(assets)];
  const counted = lazy.flatMap((m) => m.files).filter((f) => files.includes(f));
  if (counted.length) throw new Error(`${page} loads the on-demand files ${counted.join(', ')} at start`);
  return { files, lazy };
}

/** Raw, gzip and brotli bytes of a file of the build. */
async function measure(file) {
  const body = await readFile(join(dist, file));
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

let failed = false;
for (const { name, html, budget, withModule } of PAGES) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  console.log(`${name}: bytes before data (${dist})`);
  console.log(`  ${'file'.padEnd(50)}${'raw'.padStart(10)}${'gzip'.padStart(10)}${'brotli'.padStart(10)}`);
  const { files, lazy } = await filesOf(html);
  for (const file of files) {
    const row = await measure(file);
    for (const k of Object.keys(total)) total[k] += row[k];
    console.log(`  ${file.padEnd(50)}${kb(row.raw)}${kb(row.gzip)}${kb(row.brotli)}`);
  }
  console.log(`  ${'total'.padEnd(50)}${kb(total.raw)}${kb(total.gzip)}${kb(total.brotli)}`);
  if (budget) {
    const pass = total.gzip <= budget;
    failed ||= !pass;
    console.log(`${name} budget: ${kb(total.gzip).trim()} gzip against ${kb(budget).trim()}: ${pass ? 'PASS' : 'FAIL'}`);
  }
  for (const module of lazy) {
    const sum = { raw: 0, gzip: 0, brotli: 0 };
    console.log(`  loaded on demand, not counted above: the ${module.name} module`);
    for (const file of module.files) {
      const row = await measure(file);
      for (const k of Object.keys(sum)) sum[k] += row[k];
      console.log(`    ${file.padEnd(48)}${kb(row.raw)}${kb(row.gzip)}${kb(row.brotli)}`);
    }
    console.log(`    ${`${module.name} module total`.padEnd(48)}${kb(sum.raw)}${kb(sum.gzip)}${kb(sum.brotli)}`);
    if (withModule?.module === module.name) {
      const gzip = total.gzip + sum.gzip;
      const pass = gzip <= withModule.budget;
      failed ||= !pass;
      console.log(`${withModule.name}: ${kb(total.raw + sum.raw).trim()} raw, ${kb(gzip).trim()} gzip, `
        + `${kb(total.brotli + sum.brotli).trim()} brotli in all; budget ${kb(withModule.budget).trim()} gzip: ${pass ? 'PASS' : 'FAIL'}`);
    }
  }
  if (withModule && !lazy.some((m) => m.name === withModule.module)) {
    failed = true;
    console.log(`${html} names no ${withModule.module} module: ${withModule.name} cannot be measured: FAIL`);
  }
  console.log('');
}
process.exitCode = failed ? 1 : 0;
