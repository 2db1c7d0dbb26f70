import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { startApp, type AppProcess } from '../helpers/appProcess.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  // Two activities a minute: the third message of a conversation is over the limit.
  app = await startApp({ LIMIT_MESSAGES_PER_CONVERSATION_PER_MINUTE: '2' });
  browser = await launchChromium();
}, afterAppStarts(1, 30_000));
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('web chat page over a flood limit', { timeout: 90_000 }, () => {
  it('tells the user politely to wait, in their language, instead of failing silently', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(`${app.url}/?lang=en`);
    await page.waitForSelector('.msg.bot', { timeout: 15_000 });
    for (const text of ['hello', 'hello again', 'and again']) {
      await page.fill('#input', text);
      await page.click('#send');
    }
    const note = page.locator('.msg.user.failed .note');
    await note.waitFor({ timeout: 15_000 });
    expect(await note.textContent()).toBe('That was a lot of messages in a short time. Please wait a moment, then tap the message to send it again.');
    await page.close();
  });
});
