import type { TurnContext } from 'botbuilder';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { GraphClient } from '../../../src/channels/whatsapp/graphClient.js';
import { createMenuMemory } from '../../../src/channels/whatsapp/menuMemory.js';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsappAdapter.js';
import { WhatsAppSender } from '../../../src/channels/whatsapp/whatsappSender.js';
import { createWhatsAppTurnHandler } from '../../../src/channels/whatsapp/whatsappTurnHandler.js';
import { registerWhatsAppRoutes } from '../../../src/channels/whatsapp/whatsappWebhook.js';
import { ConfigSchema } from '../../../src/config/config.js';
import { createHttpServer, type HttpServer } from '../../../src/http/createHttpServer.js';
import { createTranslator, type Translator } from '../../../src/i18n/i18n.js';
import { TurnWorker } from '../../../src/pipeline/turnWorker.js';
import { MemoryInboundQueue } from '../../../src/stores/memory/memoryInboundQueue.js';
import { MemoryMenuMemory } from '../../../src/stores/memory/memoryMenuMemory.js';
import { MemoryOutbox } from '../../../src/stores/memory/memoryOutbox.js';
import { MemoryWhatsAppContacts } from '../../../src/stores/memory/memoryWhatsAppContacts.js';
import { redisKeys, type RedisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisInboundQueue } from '../../../src/stores/redis/redisInboundQueue.js';
import { RedisMenuMemory } from '../../../src/stores/redis/redisMenuMemory.js';
import { RedisOutbox } from '../../../src/stores/redis/redisOutbox.js';
import { RedisWhatsAppContacts } from '../../../src/stores/redis/redisWhatsAppContacts.js';
import type { InboundQueue } from '../../../src/stores/types.js';
import { startApp, waitFor } from '../../helpers/appProcess.js';
import { turnParts } from '../../helpers/turnParts.js';
import { RedisTurnOutcomes } from '../../../src/stores/redis/redisTurnOutcomes.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, postWebhook, waMessage, waText, webhook } from './webhookFixtures.js';
import { afterAppStarts } from '../../helpers/spawnBudget.js';

const logger = pino({ level: 'silent' });
let translator: Translator;
let fake: FakeGraphServer;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  translator = await createTranslator('locales');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A bot that answers `echo:<text>` to every message, taking a little while as a real turn would. */
const echoBot = {
  run: async (context: TurnContext) => {
    await new Promise((r) => setImmediate(r));
    await context.sendActivity({ type: 'message', text: `echo:${context.activity.text}`, locale: 'fr' });
  },
};

function redisClient(): Redis {
  const client = new Redis(inject('redisUrl'));
  cleanups.push(() => client.quit());
  return client;
}

/** One assistant instance: webhook route + worker + adapter + sender, on a given queue and stores. */
async function instance(options: { queue: InboundQueue; redis?: { client: Redis; keys: RedisKeys }; workerId: string; leaseMs?: number; startWorker?: boolean }) {
  const { redis } = options;
  const contacts = redis ? new RedisWhatsAppContacts({ client: redis.client, keys: redis.keys }) : new MemoryWhatsAppContacts();
  const menuMemory = createMenuMemory(redis ? new RedisMenuMemory(redis.client, redis.keys) : new MemoryMenuMemory());
  const outbox = redis ? new RedisOutbox(redis.client, redis.keys) : new MemoryOutbox();
  const graph = new GraphClient({ apiUrl: fake.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: 'test-token' });
  const sender = new WhatsAppSender({ graph, outbox, contacts, logger, baseDelayMs: 10, maxDelayMs: 50 });
  const adapter = new WhatsAppAdapter({ sender, menuMemory, translator, logger });
  const handler = createWhatsAppTurnHandler({ ...turnParts({ outcomes: redis ? new RedisTurnOutcomes(redis.client, redis.keys) : undefined }), adapter, bot: echoBot, menuMemory, contacts, sender, logger });
  const worker = new TurnWorker({ queue: options.queue, handlers: { whatsapp: handler }, workerId: options.workerId, logger, leaseMs: options.leaseMs ?? 10_000, idleWaitMs: 50, retryDelayMs: 20 });
  if (options.startWorker !== false) worker.start();
  cleanups.push(() => worker.stop());
  const config = ConfigSchema.parse({ WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN, WHATSAPP_APP_SECRET: APP_SECRET });
  const http: HttpServer = createHttpServer({ logger, readiness: [] });
  registerWhatsAppRoutes(http.server, { config, queue: options.queue, contacts, logger });
  const url = await listenOnLoopback(http.server);
  cleanups.push(() => http.close());
  return { url, worker, contacts };
}

async function startFake(): Promise<void> {
  fake = await startFakeGraphServer();
  cleanups.push(() => fake.stop());
}

/** Reply texts the fake Graph API accepted for `waId`, in arrival order. */
function repliesTo(waId: string): string[] {
  return fake
    .sentMessages()
    .filter((m) => m.to === waId)
    .map((m) => (m.text as { body: string } | undefined)?.body ?? JSON.stringify(m));
}

function redisQueue(keys: RedisKeys): InboundQueue {
  return new RedisInboundQueue({ client: redisClient(), keys, maxDepth: 10_000, pollIntervalMs: 20 });
}

/** The real assistant (`tsx src/index.ts`) on the test Redis, its WhatsApp channel talking to the fake Graph server. */
async function startWhatsAppApp(keyPrefix: string) {
  const app = await startApp({
    REDIS_URL: inject('redisUrl'),
    KEY_PREFIX: keyPrefix,
    WHATSAPP_API_URL: fake.url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
  });
  cleanups.push(() => app.stop());
  return app;
}

describe('WhatsApp inbound, end to end (webhook → queue → worker → bot → Graph)', () => {
  it('answers a burst of 20 messages from one user once each, in order (Redis queue)', async () => {
    await startFake();
    const keys = redisKeys(uniquePrefix('e2e'));
    const { url } = await instance({ queue: redisQueue(keys), redis: { client: redisClient(), keys }, workerId: 'w1' });
    const user = '212600000101';
    for (let i = 0; i < 20; i++) expect((await postWebhook(url, webhook([waText(user, `m${i}`)]))).status).toBe(200);
    await waitFor(() => repliesTo(user).length >= 20, 15_000, '20 replies');
    expect(repliesTo(user)).toEqual(Array.from({ length: 20 }, (_, i) => `echo:m${i}`));
    // Every message was marked read too.
    expect(fake.requests.filter((r) => (r.json as { status?: string }).status === 'read')).toHaveLength(20);
  });

  it('answers a message Meta delivers twice only once (memory queue)', async () => {
    await startFake();
    const { url } = await instance({ queue: new MemoryInboundQueue({ maxDepth: 100 }), workerId: 'w1' });
    const user = '212600000102';
    const body = webhook([waText(user, 'twice', 'wamid.e2e.dup')]);
    expect((await postWebhook(url, body)).status).toBe(200);
    await waitFor(() => repliesTo(user).length >= 1, 5_000, 'the reply');
    expect((await postWebhook(url, body)).status).toBe(200);
    // A marker message after the duplicate: once it is answered, the duplicate would have been too.
    expect((await postWebhook(url, webhook([waText(user, 'after')]))).status).toBe(200);
    await waitFor(() => repliesTo(user).length >= 2, 5_000, 'the marker reply');
    expect(repliesTo(user)).toEqual(['echo:twice', 'echo:after']);
  });

  it('resolves a numbered answer against the menu remembered in Redis', async () => {
    await startFake();
    const keys = redisKeys(uniquePrefix('e2e'));
    const client = redisClient();
    const { url } = await instance({ queue: redisQueue(keys), redis: { client, keys }, workerId: 'w1' });
    const user = '212600000103';
    await createMenuMemory(new RedisMenuMemory(client, keys)).remember(user, ['faq:avrr.cost', 'intent.book']);
    await postWebhook(url, webhook([waText(user, '٢')]));
    await waitFor(() => repliesTo(user).length >= 1, 5_000, 'the reply');
    expect(repliesTo(user)).toEqual(['echo:intent.book']);
  });

  it('shares the load of two instances on one Redis with no duplicate and no reordering', async () => {
    await startFake();
    const keys = redisKeys(uniquePrefix('e2e'));
    const a = await instance({ queue: redisQueue(keys), redis: { client: redisClient(), keys }, workerId: 'a' });
    const b = await instance({ queue: redisQueue(keys), redis: { client: redisClient(), keys }, workerId: 'b' });
    const processed = { a: 0, b: 0 };
    a.worker.on('processed', () => processed.a++);
    b.worker.on('processed', () => processed.b++);
    const users = Array.from({ length: 6 }, (_, i) => `2126000002${String(i).padStart(2, '0')}`);
    // Each user's messages go alternately to both instances, as a load balancer would send them.
    for (let i = 0; i < 8; i++) {
      await Promise.all(users.map((user, u) => postWebhook((i + u) % 2 === 0 ? a.url : b.url, webhook([waText(user, `m${i}`)]))));
    }
    await waitFor(() => users.every((user) => repliesTo(user).length >= 8), 20_000, 'every reply');
    for (const user of users) expect(repliesTo(user)).toEqual(Array.from({ length: 8 }, (_, i) => `echo:m${i}`));
    // Acks follow the replies: wait for them, then no turn may have run twice.
    await waitFor(() => processed.a + processed.b >= 48, 5_000, 'every ack');
    expect(processed.a + processed.b).toBe(48);
    expect(fake.sentMessages()).toHaveLength(48);
    expect(processed.a).toBeGreaterThan(0);
    expect(processed.b).toBeGreaterThan(0);
  });

  it('answers once a message whose worker died after the ack to Meta, when a new worker takes over', async () => {
    await startFake();
    const keys = redisKeys(uniquePrefix('e2e'));
    const queue = redisQueue(keys);
    const { url, worker } = await instance({ queue, redis: { client: redisClient(), keys }, workerId: 'survivor', leaseMs: 300, startWorker: false });
    const user = '212600000104';
    expect((await postWebhook(url, webhook([waText(user, 'lost?', 'wamid.e2e.crash')]))).status).toBe(200);
    // The first worker claims it and "dies": no ack, no release.
    const dead = await redisQueue(keys).claim('crashed-worker', 300);
    expect(dead?.message.id).toBe('wamid.e2e.crash');
    worker.start();
    await waitFor(() => repliesTo(user).length >= 1, 10_000, 'the reply after the lease ran out');
    // The reply reaches Graph before the worker acks: wait for the ack rather than race it.
    await waitFor(async () => (await queue.depth()) === 0, 10_000, 'the ack');
    expect(repliesTo(user)).toEqual(['echo:lost?']);
  });

  it('works through the real composition root (tsx src/index.ts) with the real bot, on Redis', async () => {
    await startFake();
    const app = await startWhatsAppApp(uniquePrefix('app'));
    const handshake = await fetch(`${app.url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`);
    expect(await handshake.text()).toBe('42');
    const user = '212600000105';
    expect((await postWebhook(app.url, webhook([waText(user, 'Bonjour')]))).status).toBe(200);
    await waitFor(() => repliesTo(user).length >= 1, 20_000, 'a reply from the real bot');
    expect(fake.sentMessages().every((m) => m.to === user)).toBe(true);
    expect(app.output()).not.toContain(user);
  }, afterAppStarts(1, 60_000));

  it('erases the user\'s contact record and dead letters when they delete their data (real app, Redis)', async () => {
    await startFake();
    const prefix = uniquePrefix('erase');
    const app = await startWhatsAppApp(prefix);
    const redis = new Redis(inject('redisUrl'));
    cleanups.push(() => redis.quit());
    const keys = redisKeys(prefix);
    const key = keys.whatsappContact('212600000106');
    const user = '212600000106';
    // An inbound dead letter and an outbound one of this user, and another user's that must stay.
    const queue = new RedisInboundQueue({ client: redis, keys, maxDepth: 100 });
    for (const who of [user, '212600000107']) {
      await queue.enqueue({ id: `wamid.dead.${who}`, conversationKey: `whatsapp:${who}`, channel: 'whatsapp', payload: '{}' });
      await queue.deadLetter((await queue.claim('staff-test', 60_000))!, 'maxDeliveries', 'TypeError');
    }
    const outbox = new RedisOutbox(redis, keys);
    await outbox.park({ id: 'out-1', kind: 'dead', waId: user, message: { type: 'text' }, idempotencyKey: 'k1', reason: 'graph 400', at: Date.now(), attempts: 1 }, 60_000);
    let sent = 0;
    for (const text of ['Bonjour', 'je veux supprimer mes données', 'oui']) {
      expect((await postWebhook(app.url, webhook([waText(user, text)]))).status).toBe(200);
      await waitFor(() => repliesTo(user).length > sent, 20_000, `a reply to "${text}"`);
      sent = repliesTo(user).length;
      if (text === 'Bonjour') expect(await redis.exists(key)).toBe(1);
    }
    // The erasure is steps after one another (contact record, outbox, dead letters, link), which may end after the
    // confirmation went out: wait for all of it, not for the first step, before reading what is left.
    const mine = `whatsapp:${user}`;
    await waitFor(async () => (await redis.exists(key)) === 0 && (await outbox.list('dead')).length === 0 && (await queue.deadLetters()).every((l) => l.message.conversationKey !== mine), 30_000, 'the user\'s data to be erased');
    expect((await queue.deadLetters()).map((l) => l.message.conversationKey)).toEqual(['whatsapp:212600000107']);
    expect(await outbox.list('dead')).toEqual([]);
  }, afterAppStarts(1, 60_000));

  it('answers a username user (BSUID) and counts, without answering, a WhatsApp notice (real app, Redis)', async () => {
    await startFake();
    const prefix = uniquePrefix('bsuid');
    const app = await startWhatsAppApp(prefix);
    const bsuid = 'CI.13491208655302741918';
    const hello = waText('0', 'Bonjour');
    delete hello.from;
    const notice = waMessage('212600000107', 'system', { system: { type: 'customer_identity_changed', body: 'security code changed' } });
    expect((await postWebhook(app.url, webhook([{ ...hello, from_user_id: bsuid }, notice]))).status).toBe(200);
    await waitFor(() => fake.sentMessages().some((m) => m.recipient === bsuid), 20_000, 'a reply addressed to the BSUID');
    expect(fake.sentMessages().every((m) => m.recipient === bsuid && m.to === undefined)).toBe(true);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/tdu_whatsapp_ignored_total\{reason="system"\} 1/);
    expect(app.output()).not.toContain(bsuid);
  }, afterAppStarts(1, 60_000));
});
