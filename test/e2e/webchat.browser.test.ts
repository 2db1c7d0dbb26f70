import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../helpers/appProcess.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: run npm test, which installs Debian's chromium`);
  app = await startApp();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Playwright gives the browser a fresh temporary profile; background networking is off because this
    // machine has no outside network.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Sends a message through the page and waits for a new bot bubble. */
async function say(page: Page, text: string) {
  const before = await page.locator('.msg.bot').count();
  await page.fill('#input', text);
  await page.click('#send');
  await page.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, before, { timeout: 15_000 });
  return page.locator('.msg.bot').last();
}

describe('web chat page in Chromium', { timeout: 90_000 }, () => {
  it('answers "bonjour" in French and "مرحبا" in Arabic, laid out right to left', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(app.url);
    await page.waitForSelector('.msg.bot', { timeout: 15_000 }); // the welcome

    const french = await say(page, 'bonjour');
    expect(await french.textContent()).toMatch(/Bonjour|aider/);
    expect(await french.getAttribute('dir')).toBe('ltr');

    const arabic = await say(page, 'مرحبا');
    expect(await arabic.textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getAttribute('#input', 'placeholder')).toBe('اكتب رسالتك…');

    // Buttons are big tap targets and send their value.
    const button = page.locator('.actions button').first();
    const box = await button.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(48);
    await page.screenshot({ path: join(tmpdir(), 'tdu-webchat.png') });
    await page.close();
  });
});
