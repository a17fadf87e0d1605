// Writes the README's screenshots from a release build: `node tests/e2e/screenshots.mjs [dist]`.
// Not a test (it asserts nothing); run it after `trunk build --release` when the UI changes.
import { launch } from './browser.mjs';
import { serve } from './server.mjs';

const dist = process.argv[2] ?? 'dist';
const shots = [
  { path: 'emea', file: 'region-desktop.png', width: 1100, height: 900 },
  { path: 'emea', file: 'region-phone.png', width: 360, height: 740 },
  { path: 'emea', file: 'region-desktop-dark.png', width: 1100, height: 900, scheme: 'dark' },
  { path: 'emea', file: 'region-phone-dark.png', width: 360, height: 740, scheme: 'dark' },
  { path: 'sla?policy=model-a-black-duck&plan=standard&severity=critical&at=2026-11-20T16:30&centre=us', file: 'sla-desktop.png', width: 1100, height: 900 },
];
const server = await serve(dist, '/');
const browser = await launch();
for (const shot of shots) {
  const page = await browser.newPage();
  await page.clock.install({ time: new Date('2026-11-21T12:00:00Z') });
  await page.setViewportSize({ width: shot.width, height: shot.height });
  await page.emulateMedia({ colorScheme: shot.scheme ?? 'light' });
  await page.goto(server.url + shot.path);
  await page.locator('main h1').waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: new URL(`./screenshots/${shot.file}`, import.meta.url).pathname });
  await page.close();
}
await browser.close();
await server.close();
