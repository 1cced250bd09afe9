// Plays a live channel in the management page's preview player in Debian's headless Chromium:
// node preview-test.mjs PAGE_URL CHANNEL_ID [native|hlsjs]
// hlsjs hides the browser's own HLS, as in Firefox and older Chrome, so the page must use hls.js.
// Prints which player the page used and how far playback went; exits non-zero if it did not advance.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, id, mode = 'native'] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'swarmtv-preview-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required'],
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(20000);
  if (mode === 'hlsjs') {
    await page.addInitScript(() => {
      const real = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type) {
        return /mpegurl/i.test(type) ? '' : real.call(this, type);
      };
    });
  }
  page.on('pageerror', e => console.error('page error: ' + e.message));
  await page.goto(url);
  const row = page.locator(`li.channel[data-id="${id}"]`);
  await row.waitFor();
  const native = await page.evaluate(() => document.querySelector('#player').canPlayType('application/vnd.apple.mpegurl'));
  console.log('browser claims native HLS: ' + (native || 'no'));
  if ((mode === 'hlsjs') !== !native) throw new Error(`asked for ${mode}, the browser offers native HLS: "${native}"`);
  await row.locator('button.play').click();
  await page.waitForFunction(() => document.querySelector('#player').src !== '', null, { timeout: 20000 });
  // hls.js feeds the element a Media Source (a blob: URL); native HLS gets the playlist's URL.
  const used = await page.evaluate(() => document.querySelector('#player').src.startsWith('blob:') ? 'hls.js' : 'native HLS');
  console.log('player: ' + used);
  await page.waitForFunction(() => document.querySelector('#player').currentTime > 1, null, { timeout: 90000 });
  const t1 = await page.evaluate(() => document.querySelector('#player').currentTime);
  await page.waitForFunction(t => document.querySelector('#player').currentTime > t + 1, t1, { timeout: 30000 });
  const t2 = await page.evaluate(() => document.querySelector('#player').currentTime);
  console.log(`played: currentTime ${t1.toFixed(2)} -> ${t2.toFixed(2)} s`);
  const viewers = await row.locator('.viewers').textContent();
  console.log('viewers shown: ' + viewers);
} catch (e) {
  console.error(e.message);
  try {
    const page = context.pages()[0];
    console.error('video: ' + JSON.stringify(await page.evaluate(() => {
      const v = document.querySelector('#player');
      return { src: v.currentSrc, time: v.currentTime, readyState: v.readyState, networkState: v.networkState,
        error: v.error && { code: v.error.code, message: v.error.message } };
    })));
  } catch (ignored) { /* the page is gone */ }
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
