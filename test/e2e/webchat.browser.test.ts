import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { startApp, type AppProcess } from '../helpers/appProcess.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';


let app: AppProcess;
let browser: Browser;

beforeAll(async () => {
  // Typing indicators at once, so the page's indicator can be seen.
  app = await startApp({ WEBCHAT_TYPING_DELAY_MS: '0' });
  browser = await launchChromium();
}, afterAppStarts(1, 30_000));

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/**
 * Sends a message through the page and waits for the bot's answer to it: the first bot bubble placed after the
 * user's message in the conversation (data-index, the log position). Not "a new bubble" nor "the last one": a
 * bubble of the welcome or of the previous answer still on its way on a loaded machine would be either.
 */
async function say(page: Page, text: string) {
  await page.fill('#input', text);
  await page.click('#send');
  const handle = await page.waitForFunction(() => {
    // The message just sent is the last user bubble; it gets its place once the server has it.
    const users = document.querySelectorAll('.msg.user');
    const mine = Number(users[users.length - 1]?.getAttribute('data-index') ?? NaN);
    if (Number.isNaN(mine)) return 0;
    const bots = [...document.querySelectorAll('.msg.bot')];
    const after = bots.map((el, i) => [Number(el.getAttribute('data-index') ?? NaN), i] as const).filter(([at]) => at > mine);
    return after.length ? after.reduce((a, b) => (b[0] < a[0] ? b : a))[1] + 1 : 0;
  }, undefined, { timeout: 15_000 });
  return page.locator('.msg.bot').nth((await handle.jsonValue()) - 1);
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

  it.each([
    ['ar-SA', '/', /^مرحبا/],
    ['fr-FR', '/?lang=en', /^Hello/],
  ])('greets a %s browser on %s in the page language before the user writes', async (locale, path, greeting) => {
    const page = await browser.newPage({ locale });
    await page.goto(`${app.url}${path}`);
    await page.waitForSelector('.msg.bot', { timeout: 15_000 });
    expect((await page.locator('.msg.bot').first().textContent()) ?? '').toMatch(greeting);
    await page.close();
  });

  it('opens a long welcome on a phone at its top, not hidden under the header', async () => {
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true });
    await page.goto(app.url);
    await page.waitForSelector('.actions button', { state: 'attached', timeout: 15_000 });
    const header = await page.locator('header').boundingBox();
    const welcome = await page.locator('.msg.bot').first().boundingBox();
    expect(welcome!.y).toBeGreaterThanOrEqual(header!.y + header!.height);
    await page.screenshot({ path: join(tmpdir(), 'tdu-webchat-phone.png') });
    await page.close();
  });

  it('keeps bubbles and buttons in a comfortable column on a laptop, with a favicon', async () => {
    const page = await browser.newPage({ locale: 'fr-FR', viewport: { width: 1366, height: 768 } });
    const missing: string[] = [];
    page.on('response', (r) => r.status() >= 400 && missing.push(r.url()));
    await page.goto(app.url);
    await page.waitForSelector('.actions button', { timeout: 15_000 });
    const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.msg, .actions')].map((el) => el.getBoundingClientRect().width)));
    expect(widest).toBeLessThanOrEqual(48 * 16);
    const input = await page.locator('#input').boundingBox();
    expect(input!.width).toBeLessThanOrEqual(48 * 16);
    expect(await page.getAttribute('link[rel=icon]', 'href')).toBe('favicon.svg');
    const icon = await page.request.get(`${app.url}/favicon.ico`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    expect(missing).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'tdu-webchat-laptop.png') });
    await page.close();
  });

  it('shows lists and 📍 lines on their own lines, "typing" while the bot answers, and bold not as stars', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(app.url);
    await page.waitForSelector('.msg.bot', { timeout: 15_000 });
    await page.evaluate(() => {
      const w = window as unknown as { typingSeen: boolean };
      w.typingSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('.typing')) w.typingSeen = true;
      }).observe(document.getElementById('log')!, { childList: true });
    });
    const list = await say(page, 'qui peut bénéficier du retour volontaire ?');
    expect(await list.locator('li').count()).toBe(3);
    expect(await list.textContent()).not.toContain('*');
    expect(await page.evaluate(() => (window as unknown as { typingSeen: boolean }).typingSeen)).toBe(true);
    expect(await page.locator('.typing').count()).toBe(0);
    const places = await say(page, "où sont les points d'orientation ?");
    const lines = (await places.innerText()).split('\n').filter((l) => l.includes('📍'));
    expect(lines).toHaveLength(3);
    await page.close();
  });

  it('keeps working after "delete my data": the confirmation arrives and the next message is answered', async () => {
    const page = await browser.newPage({ locale: 'fr-FR' });
    await page.goto(app.url);
    await page.waitForSelector('.msg.bot', { timeout: 15_000 });
    await say(page, 'bonjour');
    expect(await (await say(page, 'supprimer mes données')).textContent()).toMatch(/effacer/);
    await page.locator('.actions button', { hasText: 'Oui, effacer' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('.msg.bot')].some((el) => /effacées/.test(el.textContent ?? '')), null, { timeout: 15_000 });
    // What was erased leaves the screen too; the confirmation stays.
    await page.waitForFunction(() => ![...document.querySelectorAll('.msg.user')].some((el) => /supprimer/.test(el.textContent ?? '')));
    expect(await page.locator('.msg').first().textContent()).toMatch(/effacées/);
    expect(await (await say(page, 'bonjour')).textContent()).toBeTruthy();
    expect(await page.locator('.msg.user.pending, .msg.user.failed').count()).toBe(0);
    await page.close();
  });
});
