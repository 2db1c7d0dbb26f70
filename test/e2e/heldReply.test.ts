import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { HandoffQueue } from '../../src/domain/handoff/handoffQueue.js';
import { RedisHandoffStore } from '../../src/stores/redis/redisHandoffStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisOutbox } from '../../src/stores/redis/redisOutbox.js';
import { startApp, waitFor, type AppProcess } from '../helpers/appProcess.js';
import { addStaff, ConsoleClient } from '../helpers/consoleClient.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, postWebhook, waText, webhook } from '../channels/whatsapp/webhookFixtures.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

const PASSWORD = 'correct horse battery';
const prefix = uniquePrefix('held');
let fake: FakeGraphServer;
let redis: Redis;
let app: AppProcess;
let queue: HandoffQueue;

beforeAll(async () => {
  fake = await startFakeGraphServer();
  redis = new Redis(inject('redisUrl'));
  await addStaff(redis, prefix, [{ username: 'amina', password: PASSWORD }]);
  app = await startApp({
    REDIS_URL: inject('redisUrl'),
    KEY_PREFIX: prefix,
    HANDOFF_OFFICE_HOURS: '',
    WHATSAPP_API_URL: fake.url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
  });
  queue = new HandoffQueue({ store: new RedisHandoffStore(redis, redisKeys(prefix)) });
}, afterAppStarts(1, 30_000));

afterAll(async () => {
  await app?.stop();
  await queue?.shutdown();
  await fake?.stop();
  redis?.disconnect();
});

const textsTo = (waId: string) => fake.sentMessages().filter((m) => m.to === waId).map((m) => (m.text as { body?: string } | undefined)?.body).filter(Boolean);

describe('caseworker replies held by a closed WhatsApp window', { timeout: 90_000 }, () => {
  it('go out once, in order, as soon as the user writes again; the console shows them sent only then', async () => {
    // A WhatsApp user whose window is closed (no message from them in 24 hours: here, none on record).
    const waId = '212600000888';
    const { ticket } = await queue.open({ channel: 'whatsapp', userId: waId, conversationId: waId, language: 'fr', priority: 'normal', reason: 'asked' });
    const amina = new ConsoleClient(app.url);
    expect((await amina.login('amina', PASSWORD)).status).toBe(200);
    expect((await amina.json('POST', `/handoffs/${ticket.id}/claim`, {})).status).toBe(200);

    for (const text of ['Bonjour, ici Amina.', 'Pouvez-vous me dire votre ville ?']) {
      const res = await amina.json<{ delivery: string }>('POST', `/handoffs/${ticket.id}/messages`, { text });
      expect(res).toMatchObject({ status: 200, body: { delivery: 'held' } });
    }
    const view = () => amina.json<{ transcript: Array<{ from: string; text?: string; delivery?: string }> }>('GET', `/handoffs/${ticket.id}`);
    const replies = async () => (await view()).body.transcript.filter((l) => l.from === 'caseworker').map((l) => [l.text, l.delivery]);
    expect(await replies()).toEqual([['Bonjour, ici Amina.', 'held'], ['Pouvez-vous me dire votre ville ?', 'held']]);
    expect(textsTo(waId)).toEqual([]); // not sent, and not shown as sent
    // The "a person is reading" notice of the claim was held too, and says so.
    expect((await view()).body.transcript.filter((l) => l.from === 'bot').map((l) => l.delivery)).toEqual(['held']);

    // The user writes: the window reopens and the held replies go out, oldest first.
    expect((await postWebhook(app.url, webhook([waText(waId, 'Je suis là')]))).status).toBe(200);
    await waitFor(() => textsTo(waId).length >= 2, 20_000, 'the held replies on WhatsApp');
    expect(textsTo(waId)).toEqual(['Bonjour, ici Amina.', 'Pouvez-vous me dire votre ville ?']);
    await waitFor(async () => (await replies()).every(([, d]) => d === 'sent'), 10_000, 'the console to show them sent');
    expect((await view()).body.transcript.map((l) => `${l.from}:${l.text}`)).toContain('user:Je suis là');

    // Once: a further message from the user sends nothing again.
    expect((await postWebhook(app.url, webhook([waText(waId, 'Casablanca')]))).status).toBe(200);
    await waitFor(async () => (await queue.transcript(ticket.id)).some((l) => l.text === 'Casablanca'), 20_000, 'the second user message');
    expect(textsTo(waId)).toEqual(['Bonjour, ici Amina.', 'Pouvez-vous me dire votre ville ?']);
    // And the held list no longer has them (staff would otherwise replay them by hand).
    const stillHeld = (await new RedisOutbox(redis, redisKeys(prefix)).list('held')).map((e) => (e.message.text as { body: string }).body);
    expect(stillHeld).not.toContain('Bonjour, ici Amina.');
    expect(stillHeld).not.toContain('Pouvez-vous me dire votre ville ?');
  });
});
