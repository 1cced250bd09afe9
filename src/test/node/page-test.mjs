// Drives the gateway's management page in Debian's headless Chromium, as a user would:
// node page-test.mjs PAGE_URL BAD_LINK EXPECTED_ERROR GOOD_LINK CHANNEL_ID
// Prints one line per step; exits non-zero with the reason when a step fails.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [url, badLink, expectedError, goodLink, id] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'swarmtv-page-'));
const timeout = 15000;
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(timeout);
  const problems = [];
  page.on('pageerror', e => problems.push('page error: ' + e.message));
  page.on('dialog', d => d.accept());
  await page.goto(url);
  await page.locator('#connection', { hasText: 'live' }).waitFor();
  console.log('live updates connected');

  await page.fill('#add-link', badLink);
  await page.click('#add-form button[type=submit]');
  await page.locator('#add-error', { hasText: expectedError }).waitFor();
  const shown = await page.textContent('#add-error');
  if (shown !== expectedError) throw new Error(`error shown "${shown}", expected "${expectedError}"`);
  console.log('bad link: ' + shown);

  await page.fill('#add-link', goodLink);
  await page.fill('#add-name', 'Page channel');
  await page.click('#add-form button[type=submit]');
  const row = page.locator(`li.channel[data-id="${id}"]`);
  await row.locator('.name', { hasText: 'Page channel' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#add-error').textContent === '');
  const hls = await row.locator('a.hls').getAttribute('href');
  if (hls !== new URL(url).origin + `/hls/${id}/index.m3u8`) throw new Error('HLS link ' + hls);
  console.log('added: ' + hls);

  await row.locator('button.rename').click();
  await row.locator('.rename-input').fill('Renamed on the page');
  await row.locator('.rename-form button[type=submit]').click();
  await row.locator('.name', { hasText: 'Renamed on the page' }).waitFor();
  await row.locator('.rename-form').waitFor({ state: 'hidden' });
  console.log('renamed');

  await row.locator('button.pin').click();
  await row.locator('.badges span', { hasText: 'pinned' }).waitFor();
  console.log('pinned');

  await row.locator('details.links summary').click();
  const qrOk = await row.locator('img.qr').evaluate(img => img.complete && img.naturalWidth > 0);
  if (!qrOk) throw new Error('the QR code did not load');
  console.log('qr shown');
  if (process.env.SWARMTV_SCREENSHOT) {
    // For a person to look at the layout: desktop, then a phone-sized viewport.
    await page.screenshot({ path: process.env.SWARMTV_SCREENSHOT + '-desktop.png', fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: process.env.SWARMTV_SCREENSHOT + '-phone.png', fullPage: true });
  }

  const video = await page.locator('#player').evaluate(v => ({
    airplay: v.getAttribute('x-webkit-airplay'), disabled: v.disableRemotePlayback,
  }));
  if (video.airplay !== 'allow' || video.disabled) throw new Error('AirPlay not allowed: ' + JSON.stringify(video));

  await row.locator('button.remove').click();
  await row.waitFor({ state: 'detached' });
  await page.locator('#no-channels').waitFor({ state: 'visible' });
  console.log('removed');
  if (problems.length) throw new Error(problems.join('; '));
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
} finally {
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
