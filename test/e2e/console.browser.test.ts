import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.js';
import { startApp, waitFor, type AppProcess } from '../helpers/appProcess.js';
import { addStaff, ConsoleClient } from '../helpers/consoleClient.js';
import { HandoffQueue } from '../../src/domain/handoff/handoffQueue.js';
import { RedisHandoffStore } from '../../src/stores/redis/redisHandoffStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

const PASSWORD = 'correct horse battery';

let app: AppProcess;
let browser: Browser;
let redis: Redis;
const prefix = uniquePrefix('cb');

beforeAll(async () => {
  redis = new Redis(inject('redisUrl'));
  await addStaff(redis, prefix, [{ username: 'amina', password: PASSWORD }]);
  app = await startApp({ REDIS_URL: inject('redisUrl'), KEY_PREFIX: prefix, HANDOFF_OFFICE_HOURS: '' });
  browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
}, afterAppStarts(1, 30_000));

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  redis?.disconnect();
});

/** Sends a message in the web chat and waits for a bot bubble matching `pattern`. */
async function say(page: Page, text: string, pattern: RegExp) {
  await page.fill('#input', text);
  await page.click('#send');
  await waitForBot(page, pattern);
}

async function waitForBot(page: Page, pattern: RegExp) {
  await page.waitForFunction(
    (source) => [...document.querySelectorAll('.msg.bot')].some((el) => new RegExp(source).test(el.textContent ?? '')),
    pattern.source,
    { timeout: 20_000 },
  );
}

describe('caseworker console in Chromium', { timeout: 120_000 }, () => {
  it('logs in, sees an urgent ticket appear live, claims, replies to the web chat user, closes; the bot answers again', async () => {
    const consolePage = await browser.newPage({ locale: 'fr-FR' });
    await consolePage.goto(`${app.url}/console`);
    await consolePage.fill('#username', 'amina');
    await consolePage.fill('#password', PASSWORD);
    await consolePage.click('#login-form button[type=submit]');
    await consolePage.waitForSelector('#desk:not([hidden])');
    expect(await consolePage.textContent('#who')).toContain('amina');

    const chat = await browser.newPage({ locale: 'fr-FR' });
    await chat.goto(app.url);
    await chat.waitForSelector('.msg.bot', { timeout: 15_000 });
    await say(chat, 'bonjour', /Bonjour/);
    await say(chat, 'il a été poignardé', /urgent/);

    // Live: the urgent ticket appears without reloading, with a title badge.
    await consolePage.waitForSelector('#tickets li.urgent', { timeout: 15_000 });
    await consolePage.waitForFunction(() => document.title.startsWith('(1)'));
    expect(await consolePage.textContent('#counts')).toMatch(/Urgent: 1/);

    await consolePage.click('#tickets li.urgent');
    await consolePage.waitForSelector('#claim:not([hidden])');
    await consolePage.click('#claim');
    await consolePage.waitForSelector('#reply-form:not([hidden])');
    await waitForBot(chat, /membre de l'équipe/);

    await consolePage.fill('#reply', "Je suis Amina, de l'équipe. Êtes-vous en sécurité ?");
    await consolePage.click('#reply-form button[type=submit]');
    await waitForBot(chat, /Je suis Amina/);
    // The caseworker's message is marked as a person's, apart from the assistant's notices.
    const reply = chat.locator('.msg.bot.caseworker', { hasText: 'Je suis Amina' });
    expect(await reply.locator('.who').textContent()).toBe("Membre de l'équipe");
    expect(await chat.locator('.msg.bot:not(.caseworker)', { hasText: "membre de l'équipe lit" }).count()).toBe(1);
    const look = (selector: string) => chat.locator(selector).last().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await look('.msg.bot.caseworker')).not.toBe(await look('.msg.bot:not(.caseworker)'));
    expect(await reply.evaluate((el) => getComputedStyle(el).borderLeftWidth)).toBe('4px');

    await chat.fill('#input', 'Oui, merci');
    await chat.click('#send');
    await consolePage.waitForFunction(() => [...document.querySelectorAll('#transcript li.user')].some((li) => li.textContent?.includes('Oui, merci')), undefined, { timeout: 15_000 });

    await consolePage.selectOption('#outcome', 'referred');
    await consolePage.click('#close-form button[type=submit]');
    await waitForBot(chat, /conversation avec l'équipe est terminée/);
    const bubbles = await chat.locator('.msg.bot').count();
    await chat.fill('#input', 'bonjour');
    await chat.click('#send');
    // The bot's greeting among the bubbles after the closing notice (not merely the next bubble, nor whichever is
    // last at the moment it is read: a bubble of the closing still on its way would be either).
    await chat.waitForFunction((n) => [...document.querySelectorAll('.msg.bot')].slice(n).some((el) => /^Bonjour/.test(el.textContent ?? '')), bubbles, { timeout: 15_000 });
    await consolePage.close();
    await chat.close();
  });

  it('marks caseworker messages in Arabic too, on the right-to-left side', async () => {
    const chat = await browser.newPage({ locale: 'ar' });
    await chat.goto(`${app.url}/?lang=ar`);
    await chat.waitForSelector('.msg.bot', { timeout: 15_000 });
    const start = await chat.locator('.msg.bot').count();
    await chat.fill('#input', 'intent.human');
    await chat.click('#send');
    await chat.waitForFunction((n) => document.querySelectorAll('.msg.bot').length > n, start, { timeout: 20_000 });
    const queue = new HandoffQueue({ store: new RedisHandoffStore(redis, redisKeys(prefix)) });
    await waitFor(async () => (await queue.waiting()).some((t) => t.language === 'ar'), 15_000, 'the Arabic ticket');
    const ticket = (await queue.waiting()).find((t) => t.language === 'ar')!;
    const amina = new ConsoleClient(app.url);
    expect((await amina.login('amina', PASSWORD)).status).toBe(200);
    expect((await amina.json('POST', `/handoffs/${ticket.id}/claim`, {})).status).toBe(200);
    expect((await amina.json('POST', `/handoffs/${ticket.id}/messages`, { text: 'مرحبا، أنا أمينة من الفريق.' })).body).toMatchObject({ delivery: 'sent' });
    const reply = chat.locator('.msg.bot.caseworker', { hasText: 'أنا أمينة' });
    await reply.waitFor({ timeout: 15_000 });
    expect(await reply.locator('.who').textContent()).toBe('عضو في الفريق');
    expect(await reply.getAttribute('dir')).toBe('rtl');
    // The mark sits on the start side of the text: the right in Arabic.
    expect(await reply.evaluate((el) => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth])).toEqual(['4px', '0px']);
    expect((await amina.json('POST', `/handoffs/${ticket.id}/close`, { outcome: 'answered' })).status).toBe(200);
    await queue.shutdown();
    await chat.close();
  });
});
