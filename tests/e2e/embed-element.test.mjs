// The <beacon-sla> custom element on a host page of another origin whose CSS is hostile: the
// widget renders inside the element's shadow root, sizes itself to its content, and follows
// attribute changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { serve } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';

const DIST = process.env.BEACON_DIST ?? 'dist';
let browser;
let site;
before(async () => { browser = await launch(); site = await serve(DIST, '/'); });
after(async () => { await browser?.close(); await site?.close(); });

const HOSTILE_CSS = `
  * { font-size: 3px !important; color: red !important; background: yellow !important; }
  iframe { display: none !important; height: 0 !important; }
  div, p, span, strong, h1, h2, h3 { display: none !important; }
  beacon-sla * { visibility: hidden !important; }
`;

async function hostPage(body) {
  const html = `<!doctype html><html><head><style>${HOSTILE_CSS}</style>
    <script src="${site.url}embed/beacon-sla.js" defer></script></head><body>${body}</body></html>`;
  const server = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => { server.close(r); server.closeAllConnections(); }) };
}

test('<beacon-sla> renders the widget in its shadow root, unaffected by hostile host CSS', async () => {
  const host = await hostPage('<h1>Plans</h1><beacon-sla policy="model-b-zmanda" plans="standard,premium" severity="P1"></beacon-sla><p>after</p>');
  const page = await browser.newPage();
  const errors = watchErrors(page);
  try {
    await page.goto(host.url);
    const frameElement = page.locator('beacon-sla iframe');
    await frameElement.waitFor({ state: 'attached' });
    const src = new URL(await frameElement.getAttribute('src'));
    assert.equal(src.origin + '/', new URL(site.url).origin + '/');
    assert.equal(src.pathname, '/embed/sla/');
    assert.equal(src.searchParams.get('policy'), 'model-b-zmanda');
    assert.equal(src.searchParams.get('plans'), 'standard,premium');
    const frame = page.frameLocator('beacon-sla iframe');
    const premium = frame.getByTestId('embed-plan-premium');
    await premium.waitFor();
    assert.match(await premium.getByTestId('embed-first-response').textContent(), /15 business minutes/);
    let outer; let inner;
    for (let i = 0; i < 50; i += 1) {
      outer = Math.round(await frameElement.evaluate((f) => f.getBoundingClientRect().height));
      inner = await frame.getByTestId('sla-embed').evaluate((m) => m.offsetHeight);
      if (outer === inner) break;
      await page.waitForTimeout(100);
    }
    assert.equal(outer, inner, 'the frame is as tall as the widget despite `iframe { height: 0 }`');
    assert.ok(outer > 100);
    assert.equal(await frameElement.evaluate((f) => getComputedStyle(f).display), 'block');
    const fontSize = await frame.getByTestId('sla-embed').evaluate((m) => getComputedStyle(m).fontSize);
    assert.notEqual(fontSize, '3px', 'host CSS does not reach the widget');
    // A forged height message from the host page itself is ignored.
    await page.evaluate(() => window.postMessage({ type: 'beacon-sla:height', height: 7 }, '*'));
    await page.waitForTimeout(200);
    assert.equal(Math.round(await frameElement.evaluate((f) => f.getBoundingClientRect().height)), outer);
    // Changing an attribute updates the widget.
    await page.evaluate(() => document.querySelector('beacon-sla').setAttribute('plans', 'premium'));
    await page.waitForFunction(() => new URL(document.querySelector('beacon-sla').shadowRoot.querySelector('iframe').src).searchParams.get('plans') === 'premium');
    await frame.getByTestId('embed-plan-premium').waitFor();
    assert.equal(await frame.getByTestId('embed-plan-standard').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await host.close();
  }
});
