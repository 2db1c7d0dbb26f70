import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { registerWhatsAppRoutes } from '../../../src/channels/whatsapp/whatsappWebhook.js';
import { WhatsAppInbound } from '../../../src/channels/whatsapp/inboundActivity.js';
import { ConfigSchema } from '../../../src/config/config.js';
import { createHttpServer, type HttpServer } from '../../../src/http/createHttpServer.js';
import { createLogger } from '../../../src/observability/logger.js';
import { MemoryInboundQueue } from '../../../src/stores/memory/memoryInboundQueue.js';
import { MemoryWhatsAppContacts } from '../../../src/stores/memory/memoryWhatsAppContacts.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisInboundQueue } from '../../../src/stores/redis/redisInboundQueue.js';
import type { InboundMessage, InboundQueue } from '../../../src/stores/types.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, postWebhook, waMessage, waText, webhook } from './webhookFixtures.js';
import { signWebhookBody } from '../../../src/channels/whatsapp/webhookSignature.js';

const servers: HttpServer[] = [];
const clients: Redis[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(async () => {
  for (const c of clients) await c.quit();
});

/** Drains a queue (claim + ack) and returns what it held, in claim order. */
async function drain(queue: InboundQueue): Promise<InboundMessage[]> {
  const out: InboundMessage[] = [];
  for (;;) {
    const lease = await queue.claim('test', 10_000);
    if (!lease) return out;
    out.push(lease.message);
    await queue.ack(lease);
  }
}

async function start(options: { queue?: InboundQueue; maxBodyBytes?: number; logLines?: string[] } = {}) {
  const queue = options.queue ?? new MemoryInboundQueue({ maxDepth: 1000 });
  const contacts = new MemoryWhatsAppContacts();
  const lines = options.logLines ?? [];
  const logger = createLogger({ level: 'debug' }, new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));
  const config = ConfigSchema.parse({
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_APP_SECRET: APP_SECRET,
    ...(options.maxBodyBytes ? { WHATSAPP_MAX_BODY_BYTES: String(options.maxBodyBytes) } : {}),
  });
  const http = createHttpServer({ logger, readiness: [] });
  servers.push(http);
  registerWhatsAppRoutes(http.server, { config, queue, contacts, logger });
  const url = await listenOnLoopback(http.server);
  return { url, queue, contacts, lines };
}

describe('registerWhatsAppRoutes', () => {
  describe('GET /api/whatsapp (verification handshake)', () => {
    it('answers the challenge as text/plain when mode and token match', async () => {
      const { url } = await start();
      const res = await fetch(`${url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await res.text()).toBe('1158201444');
    });

    it.each([
      ['a wrong token', `hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`],
      ['another mode', `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`],
      ['no parameters', ''],
    ])('refuses %s with 403', async (_name, query) => {
      const { url } = await start();
      const res = await fetch(`${url}/api/whatsapp?${query}`);
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('1');
    });
  });

  describe('POST /api/whatsapp (signature)', () => {
    it('accepts a valid signature and enqueues the message', async () => {
      const { url, queue } = await start();
      const res = await postWebhook(url, webhook([waText('212600000001', 'salam', 'wamid.sig.ok')]));
      expect(res.status).toBe(200);
      const [message] = await drain(queue);
      expect(message).toMatchObject({ id: 'wamid.sig.ok', conversationKey: 'whatsapp:212600000001', channel: 'whatsapp' });
      expect(WhatsAppInbound.parse(JSON.parse(message!.payload))).toMatchObject({ kind: 'text', text: 'salam', phoneNumberId: PHONE_NUMBER_ID });
    });

    const body = JSON.stringify(webhook([waText('212600000001', 'salam')]));
    const good = signWebhookBody(body, APP_SECRET);
    it.each([
      ['missing', null],
      ['signed with another secret', signWebhookBody(body, 'other-secret')],
      ['one hex digit changed', good.slice(0, -1) + (good.endsWith('0') ? '1' : '0')],
      ['too short', good.slice(0, -2)],
      ['too long', `${good}00`],
      ['without the sha256= prefix', good.slice('sha256='.length)],
      ['sha1', `sha1=${good.slice(7, 47)}`],
      ['not hex', `sha256=${'z'.repeat(64)}`],
    ])('answers 401 and stores nothing when the signature is %s', async (_name, signature) => {
      const { url, queue, contacts } = await start();
      const res = await postWebhook(url, body, { signature });
      expect(res.status).toBe(401);
      expect(await queue.depth()).toBe(0);
      expect(await contacts.lastInboundAt('212600000001')).toBeUndefined();
    });

    it('checks the exact bytes: the same JSON re-serialised differently is refused', async () => {
      const { url, queue } = await start();
      const res = await postWebhook(url, JSON.stringify(JSON.parse(body), null, 1), { signature: good });
      expect(res.status).toBe(401);
      expect(await queue.depth()).toBe(0);
    });
  });

  describe('POST /api/whatsapp (payloads)', () => {
    it('answers 400 to a well-signed body that is not JSON', async () => {
      const { url, queue } = await start();
      expect((await postWebhook(url, '{"object": ')).status).toBe(400);
      expect(await queue.depth()).toBe(0);
    });

    it('acknowledges (200) and logs a well-signed payload it does not understand', async () => {
      const lines: string[] = [];
      const { url, queue } = await start({ logLines: lines });
      const res = await postWebhook(url, { object: 'page', entry: [{ messaging: [] }] });
      expect(res.status).toBe(200);
      expect(await queue.depth()).toBe(0);
      expect(lines.join('')).toContain('signed webhook not understood');
    });

    it('enqueues every message of a batch and records every status', async () => {
      const { url, queue, contacts } = await start();
      for (const waId of ['212600000009', '212600000008']) await contacts.recordInbound(waId, 1);
      await contacts.recordOutbound('212600000009', 'wamid.out.9', 1);
      await contacts.recordOutbound('212600000008', 'wamid.out.8', 1);
      const body = webhook(
        [waText('212600000001', 'a'), waText('212600000002', 'b'), waText('212600000001', 'c'), waMessage('212600000003', 'image', { image: { id: 'media-1', mime_type: 'image/jpeg' } })],
        [
          { id: 'wamid.out.9', status: 'delivered', timestamp: '1750000100', recipient_id: '212600000009' },
          { id: 'wamid.out.8', status: 'failed', timestamp: '1750000101', recipient_id: '212600000008', errors: [{ code: 131047, title: 'Re-engagement message' }] },
        ],
      );
      // A second entry in the same request, as Meta batches them.
      body.entry.push({ id: 'waba-2', changes: [{ field: 'messages', value: { metadata: { phone_number_id: PHONE_NUMBER_ID }, messages: [waText('212600000004', 'd')] } }] });
      expect((await postWebhook(url, body)).status).toBe(200);
      const stored = await drain(queue);
      expect(stored).toHaveLength(5);
      const texts = (key: string) => stored.filter((m) => m.conversationKey === key).map((m) => JSON.parse(m.payload).text);
      expect(texts('whatsapp:212600000001')).toEqual(['a', 'c']);
      expect(texts('whatsapp:212600000004')).toEqual(['d']);
      expect(await contacts.lastInboundAt('212600000001')).toBeGreaterThan(1_750_000_000_000);
      expect(await contacts.lastStatus('212600000009')).toMatchObject({ status: 'delivered', at: 1_750_000_100_000 });
      expect(await contacts.lastStatus('212600000008')).toMatchObject({ status: 'failed', errorCode: 131047 });
    });

    it('matches statuses that name the user by business-scoped user id (recipient_user_id), alone or beside the number', async () => {
      const { url, contacts } = await start();
      // Our replies only update a record the user's own message created (see recordOutbound).
      for (const id of ['US.13491208655302741918', 'US.777']) await contacts.recordInbound(id, 1);
      await contacts.recordOutbound('US.13491208655302741918', 'wamid.out.u1', 1);
      await contacts.recordOutbound('US.777', 'wamid.out.u2', 1);
      const body = webhook([], [
        { id: 'wamid.out.u1', status: 'delivered', timestamp: '1750000200', recipient_user_id: 'US.13491208655302741918' },
        // Keyed by BSUID, but Meta also names the phone number it still knows.
        { id: 'wamid.out.u2', status: 'read', timestamp: '1750000201', recipient_id: '212600000077', recipient_user_id: 'US.777' },
      ]);
      expect((await postWebhook(url, body)).status).toBe(200);
      expect(await contacts.lastStatus('US.13491208655302741918')).toMatchObject({ status: 'delivered' });
      expect(await contacts.lastStatus('US.777')).toMatchObject({ status: 'read' });
    });

    it('skips one malformed message without losing the rest of the batch', async () => {
      const { url, queue } = await start();
      const res = await postWebhook(url, webhook([{ id: 'no-from', type: 'text' }, waText('212600000001', 'kept')]));
      expect(res.status).toBe(200);
      expect((await drain(queue)).map((m) => JSON.parse(m.payload).text)).toEqual(['kept']);
    });

    it('enqueues a message delivered twice only once', async () => {
      const { url, queue } = await start();
      const body = webhook([waText('212600000001', 'once', 'wamid.dup.1')]);
      expect((await postWebhook(url, body)).status).toBe(200);
      expect((await postWebhook(url, body)).status).toBe(200);
      expect(await drain(queue)).toHaveLength(1);
    });

    it('answers 503 when the queue is full, and stores the rest when Meta retries', async () => {
      const queue = new MemoryInboundQueue({ maxDepth: 2 });
      const { url } = await start({ queue });
      const body = webhook([waText('212600000001', '1'), waText('212600000001', '2'), waText('212600000001', '3')]);
      expect((await postWebhook(url, body)).status).toBe(503);
      expect(await queue.depth()).toBe(2);
      const lease = await queue.claim('w', 10_000);
      await queue.ack(lease!);
      expect((await postWebhook(url, body)).status).toBe(200);
      expect((await drain(queue)).map((m) => JSON.parse(m.payload).text)).toEqual(['2', '3']);
    });

    it('answers 503 when the store fails, so Meta retries', async () => {
      const failing: InboundQueue = Object.assign(new MemoryInboundQueue({ maxDepth: 10 }), {
        enqueue: async () => {
          throw new Error('connection lost');
        },
      });
      const { url } = await start({ queue: failing });
      expect((await postWebhook(url, webhook([waText('212600000001', 'x')]))).status).toBe(503);
    });

    it('answers 413 to a body over WHATSAPP_MAX_BODY_BYTES and stores nothing', async () => {
      const { url, queue } = await start({ maxBodyBytes: 2048 });
      const res = await postWebhook(url, webhook([waText('212600000001', 'x'.repeat(4000))]));
      expect(res.status).toBe(413);
      expect(await queue.depth()).toBe(0);
    });

    it('answers 413 to a chunked body (no Content-Length) once it passes the limit', async () => {
      const { url, queue } = await start({ maxBodyBytes: 2048 });
      const raw = JSON.stringify(webhook([waText('212600000001', 'x'.repeat(4000))]));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(raw);
          for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
          controller.close();
        },
      });
      const res = await fetch(`${url}/api/whatsapp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(raw, APP_SECRET) },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(await queue.depth()).toBe(0);
    });

    it('answers within 250 ms at the median on a real Redis queue', async () => {
      const client = new Redis(inject('redisUrl'));
      clients.push(client);
      const queue = new RedisInboundQueue({ client, keys: redisKeys(uniquePrefix('wh')), maxDepth: 10_000 });
      const { url } = await start({ queue });
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        const started = performance.now();
        const res = await postWebhook(url, webhook([waText(`21260000${String(i % 5).padStart(4, '0')}`, `m${i}`), waText('212600009999', `n${i}`)]));
        times.push(performance.now() - started);
        expect(res.status).toBe(200);
      }
      times.sort((a, b) => a - b);
      expect(times[15]).toBeLessThan(250);
      expect(await queue.depth()).toBe(60);
    });

    it('accepts a batch of about 3 MB (hundreds of messages) on a real Redis queue', async () => {
      const client = new Redis(inject('redisUrl'));
      clients.push(client);
      const queue = new RedisInboundQueue({ client, keys: redisKeys(uniquePrefix('wh')), maxDepth: 10_000 });
      const { url } = await start({ queue });
      const messages = Array.from({ length: 600 }, (_, i) => waText(`2126000${String(i % 50).padStart(5, '0')}`, `m${i} ${'é'.repeat(2400)}`));
      const body = JSON.stringify(webhook(messages));
      expect(Buffer.byteLength(body)).toBeGreaterThan(2_800_000);
      const res = await postWebhook(url, body);
      expect(res.status).toBe(200);
      expect(await queue.depth()).toBe(600);
    });

    it('never logs message text or phone numbers', async () => {
      const lines: string[] = [];
      const { url } = await start({ logLines: lines });
      await postWebhook(url, webhook([waText('212611223344', 'my secret words')]));
      await postWebhook(url, webhook([waText('212611223344', 'again')]), { signature: null });
      const log = lines.join('');
      expect(log).toContain('whatsapp message stored');
      expect(log).not.toContain('212611223344');
      expect(log).not.toContain('secret words');
    });
  });
});
