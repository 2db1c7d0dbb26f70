import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { startApp, type AppProcess } from '../helpers/appProcess.js';
import { startWebChatHost, type WebChatHost } from '../helpers/webChatHost.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

// Microsoft's Web Chat 4.18 (the botframework-webchat npm package, never a CDN) on a partner's site, a
// second loopback origin, against our Direct Line 3.0-compatible API: CORS, tokens, WebSocket streaming
// and its polling fallback, locale, Markdown, suggested actions, uploads, typing, delete my data.
const BOT = '.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content';
/** 1×1 PNG: Web Chat makes a thumbnail of images before sending, so it must decode. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let app: AppProcess;
let host: WebChatHost;
let browser: Browser;

beforeAll(async () => {
  // Typing indicators at once, so every turn shows one.
  app = await startApp({ WEBCHAT_TYPING_DELAY_MS: '0' });
  host = await startWebChatHost();
  browser = await launchChromium();
}, afterAppStarts(1, 30_000));

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await app?.stop();
});

/** Opens the partner page and records what Web Chat's Direct Line receives and how it connects. */
async function openWebChat(options: { locale: string; webSocket: boolean }) {
  const page = await browser.newPage({ locale: options.locale });
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await page.goto(host.pageUrl({ api: `${app.url}/v3/directline`, locale: options.locale, webSocket: options.webSocket }));
  await page.waitForFunction(() => Boolean((window as unknown as { directLine?: unknown }).directLine), null, { timeout: 20_000 });
  await page.evaluate(() => {
    const w = window as unknown as { directLine: { activity$: { subscribe(f: (a: { type: string; from: { role?: string } }) => void): void } }; received: string[] };
    w.received = [];
    w.directLine.activity$.subscribe((a) => w.received.push(`${a.type}:${a.from.role ?? ''}`));
  });
  await page.waitForSelector(BOT, { timeout: 20_000 });
  return { page, sockets, failed };
}

async function botCount(page: Page) {
  return page.locator(BOT).count();
}

async function nextBotReply(page: Page, before: number) {
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel as string).length > (n as number), [BOT, before] as const, { timeout: 20_000 });
  return page.locator(BOT).nth(before);
}

async function say(page: Page, text: string) {
  const before = await botCount(page);
  await page.fill('[data-id="webchat-sendbox-input"]', text);
  await page.click('.webchat__send-button');
  return nextBotReply(page, before);
}

describe("Microsoft's Web Chat on a partner's site", { timeout: 120_000 }, () => {
  it('talks in French and Arabic over the WebSocket stream, with lists, buttons, typing and uploads', async () => {
    const { page, sockets, failed } = await openWebChat({ locale: 'en-US', webSocket: true });
    // The greeting follows Web Chat's locale, before the user writes anything.
    expect(await page.locator(BOT).first().innerText()).toMatch(/^Hello/);

    const french = await say(page, 'qui peut bénéficier du retour volontaire ?');
    expect(await french.innerText()).toMatch(/migrants/);
    // The content's "•" lines are a real list, its *bold* bold (not italics).
    expect(await french.locator('li').count()).toBe(3);
    expect(await french.locator('strong').count()).toBeGreaterThan(0);
    expect(await french.locator('em').count()).toBe(0);

    const arabic = await say(page, 'مرحبا');
    expect(await arabic.innerText()).toMatch(/[\u0600-\u06FF]/);

    const before = await botCount(page);
    await page.locator('.webchat__suggested-action').first().click();
    expect(await (await nextBotReply(page, before)).innerText()).toMatch(/[\u0600-\u06FF]{3}/);

    // A photo: accepted (no 415), never kept, answered kindly with a person offered.
    const beforeUpload = await botCount(page);
    await page.setInputFiles('.webchat__upload-button--file-input', { name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await page.waitForSelector('.webchat__attachment-icon--checked');
    const uploaded = page.waitForResponse((r) => r.url().includes('/upload'));
    await page.click('.webchat__send-button');
    expect((await uploaded).status()).toBe(200);
    expect(await (await nextBotReply(page, beforeUpload)).innerText()).toMatch(/🖼️/);
    await page.waitForFunction(() => [...document.querySelectorAll('.webchat__suggested-action')].some((b) => /🙋/.test(b.textContent ?? '')));

    const received = await page.evaluate(() => (window as unknown as { received: string[] }).received);
    expect(received).toContain('typing:bot');
    expect(sockets.some((url) => url.includes('/v3/directline/conversations/') && url.includes('/stream'))).toBe(true);
    expect(failed.filter((url) => url.includes('/v3/directline'))).toEqual([]);
    expect(await page.locator('text=Send failed').count()).toBe(0);
    await page.close();
  });

  it('falls back to polling, greets in Arabic for ar-SA, and keeps answering after "delete my data"', async () => {
    const { page, sockets } = await openWebChat({ locale: 'ar-SA', webSocket: false });
    expect(await page.locator(BOT).first().innerText()).toMatch(/^مرحبا/);

    expect(await (await say(page, 'bonjour')).innerText()).toMatch(/Bonjour|aider/);
    expect(await (await say(page, 'supprimer mes données')).innerText()).toMatch(/effacer/);
    const before = await botCount(page);
    await page.locator('.webchat__suggested-action', { hasText: 'Oui, effacer' }).click();
    expect(await (await nextBotReply(page, before)).innerText()).toMatch(/effacées/);
    // The conversation goes on: the next message is sent and answered (no "Sending" for ever).
    expect(await (await say(page, 'bonjour')).innerText()).toBeTruthy();
    expect(await page.locator('text=Send failed').count()).toBe(0);
    expect(sockets).toEqual([]);
    await page.close();
  });
});
