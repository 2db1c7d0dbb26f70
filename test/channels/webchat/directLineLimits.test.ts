import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { registerDirectLineRoutes } from '../../../src/channels/webchat/directLineRoutes.js';
import { attachDirectLineStream } from '../../../src/channels/webchat/directLineStream.js';
import { registerDirectLineUpload } from '../../../src/channels/webchat/directLineUpload.js';
import { DirectLineTokens } from '../../../src/channels/webchat/directLineTokens.js';
import { createAbuseLimits, type LimitName, type LimitRule } from '../../../src/http/abuseLimits.js';
import { createHttpServer } from '../../../src/http/createHttpServer.js';
import { MemoryConversationLog } from '../../../src/stores/memory/memoryConversationLog.js';
import { MemoryStreamLeases } from '../../../src/stores/memory/memoryStreamLeases.js';
import { RedisStreamLeases } from '../../../src/stores/redis/redisStreamLeases.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';
import { waitFor } from '../../helpers/appProcess.js';

const logger = pino({ level: 'silent' });
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const RULES: Record<LimitName, LimitRule> = {
  conversations: { points: 3, durationSeconds: 60 },
  tokens: { points: 3, durationSeconds: 60 },
  messages: { points: 2, durationSeconds: 60 },
};

/** One instance of the Direct Line API with small limits; instances given the same Redis prefix share them. */
async function instance(options: { redisPrefix?: string; secret?: string; log?: MemoryConversationLog } = {}) {
  const log = options.log ?? new MemoryConversationLog(3600);
  const tokens = new DirectLineTokens(options.secret ?? 'a-test-secret-that-is-long-enough-1234');
  let redis: { client: Redis; keyPrefix: (l: LimitName) => string } | undefined;
  let leases: RedisStreamLeases | undefined;
  if (options.redisPrefix) {
    const client = new Redis(inject('redisUrl'));
    cleanups.push(() => client.quit());
    redis = { client, keyPrefix: redisKeys(options.redisPrefix).rateLimit };
    leases = new RedisStreamLeases(client, redisKeys(options.redisPrefix), new MemoryStreamLeases());
  }
  const limited: string[] = [];
  const limits = createAbuseLimits({ redis, rules: RULES, onLimited: (l) => limited.push(l) });
  const http = createHttpServer({ logger, readiness: [] });
  registerDirectLineRoutes(http.server, { log, tokens, dispatch: async () => {}, maxBodyBytes: 8192, logger, limits, maxTextChars: 20 });
  registerDirectLineUpload(http.server, { log, tokens, dispatch: async () => {}, maxUploadBytes: 100_000, logger, limits });
  const streamsLimited: string[] = [];
  const closeStreams = attachDirectLineStream(http.server, { log, tokens, logger, maxStreamsPerConversation: 1, leases, onLimited: () => streamsLimited.push('streams') });
  const url = await listenOnLoopback(http.server);
  cleanups.push(() => http.close());
  cleanups.push(closeStreams);
  return { url, limited, log, streamsLimited };
}

const startConversation = (url: string) => fetch(`${url}/v3/directline/conversations`, { method: 'POST' });
const post = (url: string, c: { conversationId: string; token: string }, text: string) =>
  fetch(`${url}/v3/directline/conversations/${c.conversationId}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
    body: JSON.stringify({ type: 'message', text }),
  });

async function expectTooMany(res: Response) {
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('TooManyRequests');
  expect(body.error.message.length).toBeGreaterThan(10);
}

describe('Direct Line flood limits', () => {
  it('limits new conversations per client address (POST /conversations and /tokens/generate together)', async () => {
    const { url, limited } = await instance();
    for (let i = 0; i < 2; i++) expect((await startConversation(url)).status).toBe(201);
    expect((await fetch(`${url}/v3/directline/tokens/generate`, { method: 'POST' })).status).toBe(200);
    await expectTooMany(await startConversation(url));
    await expectTooMany(await fetch(`${url}/v3/directline/tokens/generate`, { method: 'POST' }));
    expect(limited).toContain('conversations');
  });

  it('limits token refreshes and reconnections per client address', async () => {
    const { url } = await instance();
    const c = (await (await startConversation(url)).json()) as { conversationId: string; token: string };
    const auth = { authorization: `Bearer ${c.token}` };
    expect((await fetch(`${url}/v3/directline/tokens/refresh`, { method: 'POST', headers: auth })).status).toBe(200);
    expect((await fetch(`${url}/v3/directline/conversations/${c.conversationId}`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: auth })).status).toBe(201);
    await expectTooMany(await fetch(`${url}/v3/directline/tokens/refresh`, { method: 'POST', headers: auth }));
  });

  it('limits messages per conversation, not per address', async () => {
    const { url } = await instance();
    const a = (await (await startConversation(url)).json()) as { conversationId: string; token: string };
    const b = (await (await startConversation(url)).json()) as { conversationId: string; token: string };
    expect((await post(url, a, 'un')).status).toBe(200);
    expect((await post(url, a, 'deux')).status).toBe(200);
    await expectTooMany(await post(url, a, 'trois'));
    expect((await post(url, b, 'un')).status).toBe(200);
  });

  it('counts uploads as activities of the conversation', async () => {
    const { url } = await instance();
    const c = (await (await startConversation(url)).json()) as { conversationId: string; token: string };
    const upload = () => {
      const form = new FormData();
      form.append('activity', new Blob([JSON.stringify({ type: 'message' })], { type: 'application/vnd.microsoft.activity' }));
      form.append('file', new Blob(['x'], { type: 'image/png' }), 'a.png');
      return fetch(`${url}/v3/directline/conversations/${c.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${c.token}` }, body: form });
    };
    expect((await post(url, c, 'un')).status).toBe(200);
    expect((await upload()).status).toBe(200);
    await expectTooMany(await upload());
  });

  it('refuses a text over the length limit with 413 and a reason', async () => {
    const { url } = await instance();
    const c = (await (await startConversation(url)).json()) as { conversationId: string; token: string };
    const res = await post(url, c, 'x'.repeat(21));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'TextTooLong', maxChars: 20 } });
    expect((await post(url, c, 'x'.repeat(20))).status).toBe(200);
  });

  it('limits open WebSocket streams per conversation', async () => {
    const { url } = await instance();
    const c = (await (await startConversation(url)).json()) as { streamUrl: string };
    const first = new WebSocket(c.streamUrl);
    await new Promise((resolve, reject) => first.once('open', resolve).once('error', reject));
    const second = new WebSocket(c.streamUrl);
    const status = await new Promise<number>((resolve) => second.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(429);
    first.close();
    await new Promise((resolve) => first.once('close', resolve));
    // The slot is free again once the first stream closed.
    const third = new WebSocket(c.streamUrl);
    await new Promise((resolve, reject) => third.once('open', resolve).once('error', reject));
    third.close();
  });

  it('holds a limit across two instances sharing Redis', async () => {
    const prefix = uniquePrefix('rl');
    const one = await instance({ redisPrefix: prefix });
    const two = await instance({ redisPrefix: prefix });
    expect((await startConversation(one.url)).status).toBe(201);
    expect((await startConversation(two.url)).status).toBe(201);
    expect((await startConversation(one.url)).status).toBe(201);
    await expectTooMany(await startConversation(two.url));
  });

  it('limits open WebSocket streams per conversation across two instances sharing Redis', async () => {
    const prefix = uniquePrefix('rl');
    // Same token secret and conversation log: a conversation started on one instance streams from either.
    const log = new MemoryConversationLog(3600);
    const one = await instance({ redisPrefix: prefix, log });
    const two = await instance({ redisPrefix: prefix, log });
    const c = (await (await startConversation(one.url)).json()) as { conversationId: string; token: string; streamUrl: string };
    const streamOn = (url: string) => new WebSocket(`${url.replace(/^http/, 'ws')}/v3/directline/conversations/${c.conversationId}/stream?t=${encodeURIComponent(c.token)}`);
    const first = streamOn(one.url);
    await new Promise((resolve, reject) => first.once('open', resolve).once('error', reject));
    const second = streamOn(two.url);
    const status = await new Promise<number>((resolve) => second.once('open', () => resolve(101)).once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(429);
    expect(two.streamsLimited).toEqual(['streams']);
    first.close();
    await new Promise((resolve) => first.once('close', resolve));
    // The place is given back on close; instance two may take it (the release reaches Redis just after the close).
    await waitFor(async () => {
      const third = streamOn(two.url);
      const opened = await new Promise<boolean>((resolve) => third.once('open', () => resolve(true)).once('unexpected-response', () => resolve(false)));
      third.close();
      return opened;
    }, 5_000, 'the place to be free again');
  });
});
