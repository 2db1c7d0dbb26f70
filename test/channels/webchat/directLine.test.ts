import { ActivityHandler, MessageFactory } from 'botbuilder';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { registerDirectLineRoutes } from '../../../src/channels/webchat/directLineRoutes.js';
import { attachDirectLineStream } from '../../../src/channels/webchat/directLineStream.js';
import { DirectLineTokens } from '../../../src/channels/webchat/directLineTokens.js';
import { WebChatAdapter } from '../../../src/channels/webchat/webChatAdapter.js';
import { createWebChatDispatcher, createWebChatTurnHandler } from '../../../src/channels/webchat/webChatTurns.js';
import { TurnWorker } from '../../../src/pipeline/turnWorker.js';
import { MemoryInboundQueue } from '../../../src/stores/memory/memoryInboundQueue.js';
import { createHttpServer, type HttpServer } from '../../../src/http/createHttpServer.js';
import { MemoryConversationLog } from '../../../src/stores/memory/memoryConversationLog.js';
import { waitFor } from '../../helpers/appProcess.js';
import { turnParts } from '../../helpers/turnParts.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';

let http: HttpServer;
let url: string;
let closeStream: () => void;
let worker: TurnWorker;

beforeAll(async () => {
  const logger = pino({ level: 'silent' });
  const log = new MemoryConversationLog(3600);
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(MessageFactory.suggestedActions(['Oui'], `echo: ${context.activity.text}`));
    await next();
  });
  bot.onMembersAdded(async (context, next) => {
    await context.sendActivity(context.activity.locale ? `welcome ${context.activity.locale}` : 'welcome');
    await next();
  });
  const queue = new MemoryInboundQueue({ maxDepth: 100 });
  worker = new TurnWorker({ queue, handlers: { webchat: createWebChatTurnHandler({ ...turnParts(), adapter: new WebChatAdapter(log), bot }) }, workerId: 'test', logger });
  worker.start();
  http = createHttpServer({ logger, readiness: [] });
  const tokens = new DirectLineTokens('a-test-secret-that-is-long-enough-1234');
  registerDirectLineRoutes(http.server, { log, tokens, dispatch: createWebChatDispatcher(queue), maxBodyBytes: 8192, logger });
  closeStream = attachDirectLineStream(http.server, { log, tokens, logger });
  url = await listenOnLoopback(http.server);
});
afterAll(async () => {
  await worker.stop();
  closeStream();
  await http.close();
});

const dl = (path: string, init: { method?: string; token?: string; body?: unknown; raw?: string } = {}) =>
  fetch(`${url}/v3/directline${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });

async function start() {
  const res = await dl('/conversations', { method: 'POST' });
  expect(res.status).toBe(201);
  return (await res.json()) as { conversationId: string; token: string; streamUrl: string; expires_in: number };
}

async function activitiesAfter(conversationId: string, token: string, watermark: string | number, count: number) {
  let body: { activities: Array<Record<string, any>>; watermark: string } = { activities: [], watermark: String(watermark) };
  await waitFor(async () => {
    body = (await (await dl(`/conversations/${conversationId}/activities?watermark=${watermark}`, { token })).json()) as typeof body;
    return body.activities.length >= count;
  }, 5000, `${count} activities`);
  return body;
}

describe('Direct Line API', () => {
  it('starts a conversation with a token, a stream URL and a welcome from the bot', async () => {
    const c = await start();
    expect(c.expires_in).toBe(3600);
    expect(c.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${c.conversationId}/stream\\?t=`));
    const page = await activitiesAfter(c.conversationId, c.token, 0, 1);
    expect(page.activities[0]).toMatchObject({ type: 'message', text: 'welcome', from: { role: 'bot' } });
  });

  it('posts an activity, echoes it with its id and clientActivityID, and returns replies after the watermark', async () => {
    const c = await start();
    const welcome = await activitiesAfter(c.conversationId, c.token, 0, 1);
    const posted = await dl(`/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      token: c.token,
      body: { type: 'message', text: 'bonjour', from: { id: 'spoofed', name: 'Awa Traoré' }, channelData: { clientActivityID: 'abc' } },
    });
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    expect(id.startsWith(`${c.conversationId}|`)).toBe(true);
    const page = await activitiesAfter(c.conversationId, c.token, welcome.watermark, 2);
    const [echo, reply] = page.activities;
    expect(echo).toMatchObject({ id, text: 'bonjour', from: { role: 'user' }, channelData: { clientActivityID: 'abc' } });
    expect(echo?.from.id).not.toBe('spoofed');
    expect(echo?.from.name).toBeUndefined();
    expect(reply).toMatchObject({ text: 'echo: bonjour', replyToId: id, from: { role: 'bot' } });
    expect(reply?.suggestedActions.actions[0]).toMatchObject({ title: 'Oui' });
    expect(Number(page.watermark)).toBe(Number(welcome.watermark) + 2);
  });

  it.each([
    ['the start body (Web Chat conversationStartProperties)', { body: { user: { id: 'x' }, locale: 'ar-SA' } }, 'welcome ar-SA'],
    ['Accept-Language, first language we speak', { headers: { 'accept-language': 'de-DE, en-US;q=0.8, fr;q=0.5' } }, 'welcome en-US'],
    ['nothing usable', { body: { locale: '<script>' }, headers: { 'accept-language': '*' } }, 'welcome'],
  ])('gives the bot the client locale from %s before the user writes', async (_what, init: { body?: unknown; headers?: Record<string, string> }, expected) => {
    const res = await fetch(`${url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    expect(res.status).toBe(201);
    const c = (await res.json()) as { conversationId: string; token: string };
    const page = await activitiesAfter(c.conversationId, c.token, 0, 1);
    expect(page.activities[0]?.text).toBe(expected);
  });

  it('stores bot replies in Markdown (Web Chat renders it): *bold* becomes **bold**, items a list', async () => {
    const c = await start();
    const welcome = await activitiesAfter(c.conversationId, c.token, 0, 1);
    await dl(`/conversations/${c.conversationId}/activities`, { method: 'POST', token: c.token, body: { type: 'message', text: '*vite*\n1. a\n2. b' } });
    const page = await activitiesAfter(c.conversationId, c.token, welcome.watermark, 2);
    expect(page.activities[1]).toMatchObject({ text: 'echo: **vite**\n\n1. a\n2. b', textFormat: 'markdown' });
  });

  it("keeps only the client's own channelData keys: a client cannot pose as media from another channel", async () => {
    const c = await start();
    const welcome = await activitiesAfter(c.conversationId, c.token, 0, 1);
    await dl(`/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      token: c.token,
      body: { type: 'message', text: 'x', channelData: { clientActivityID: 'k1', clientTimestamp: 't', messageKind: 'voice', mediaId: 'graph-id' } },
    });
    const page = await activitiesAfter(c.conversationId, c.token, welcome.watermark, 1);
    expect(page.activities[0]?.channelData).toEqual({ clientActivityID: 'k1', clientTimestamp: 't' });
  });

  it('generates and refreshes tokens for the same conversation', async () => {
    const generated = (await (await dl('/tokens/generate', { method: 'POST' })).json()) as { conversationId: string; token: string };
    const started = await dl('/conversations', { method: 'POST', token: generated.token });
    expect(((await started.json()) as { conversationId: string }).conversationId).toBe(generated.conversationId);
    const refreshed = (await (await dl('/tokens/refresh', { method: 'POST', token: generated.token })).json()) as { conversationId: string; token: string };
    expect(refreshed.conversationId).toBe(generated.conversationId);
    expect((await dl(`/conversations/${generated.conversationId}/activities`, { token: refreshed.token })).status).toBe(200);
  });

  it('reconnects to an existing conversation with a fresh stream URL', async () => {
    const c = await start();
    const res = await dl(`/conversations/${c.conversationId}?watermark=1`, { token: c.token });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { streamUrl: string }).streamUrl).toContain('watermark=1');
  });

  it('answers 403 to a missing, forged or other-conversation token', async () => {
    const a = await start();
    const b = await start();
    expect((await dl(`/conversations/${a.conversationId}/activities`)).status).toBe(403);
    expect((await dl(`/conversations/${a.conversationId}/activities`, { token: `${a.token}x` })).status).toBe(403);
    expect((await dl(`/conversations/${a.conversationId}/activities`, { token: b.token })).status).toBe(403);
    const post = await dl(`/conversations/${a.conversationId}/activities`, { method: 'POST', token: b.token, body: { type: 'message', text: 'hi' } });
    expect(post.status).toBe(403);
    expect((await dl('/tokens/refresh', { method: 'POST', token: 'garbage' })).status).toBe(403);
  });

  it('answers 400 to a malformed body and 413 to a huge one, storing nothing', async () => {
    const c = await start();
    await activitiesAfter(c.conversationId, c.token, 0, 1);
    const path = `/conversations/${c.conversationId}/activities`;
    expect((await dl(path, { method: 'POST', token: c.token, raw: '{not json' })).status).toBe(400);
    expect((await dl(path, { method: 'POST', token: c.token, body: { type: 'nonsense' } })).status).toBe(400);
    expect((await dl(path, { method: 'POST', token: c.token, body: { type: 'message', text: 42 } })).status).toBe(400);
    expect((await dl(path, { method: 'POST', token: c.token, body: { type: 'message', text: 'x'.repeat(20_000) } })).status).toBe(413);
    const page = (await (await dl(`${path}?watermark=0`, { token: c.token })).json()) as { activities: unknown[] };
    expect(page.activities).toHaveLength(1);
  });

  it('streams the bot replies over a WebSocket, and refuses a wrong token', async () => {
    const c = await start();
    const ws = new WebSocket(c.streamUrl);
    const texts: string[] = [];
    ws.on('message', (data) => {
      const set = JSON.parse(String(data)) as { activities: Array<{ text?: string }> };
      for (const a of set.activities) if (a.text) texts.push(a.text);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    await dl(`/conversations/${c.conversationId}/activities`, { method: 'POST', token: c.token, body: { type: 'message', text: 'salut' } });
    await waitFor(() => texts.includes('echo: salut'), 5000, 'the streamed reply');
    expect(texts).toEqual(['welcome', 'salut', 'echo: salut']);
    ws.close();

    const other = await start();
    const refused = new WebSocket(c.streamUrl.replace(c.conversationId, other.conversationId));
    const status = await new Promise<number>((resolve) => refused.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });
});

describe('Direct Line API when the queue is full', () => {
  it('answers 503 so the client retries later', async () => {
    const logger = pino({ level: 'silent' });
    const log = new MemoryConversationLog(60);
    const queue = new MemoryInboundQueue({ maxDepth: 1 }); // no worker: the welcome fills it
    const server = createHttpServer({ logger, readiness: [] });
    const tokens = new DirectLineTokens(undefined);
    registerDirectLineRoutes(server.server, { log, tokens, dispatch: createWebChatDispatcher(queue), maxBodyBytes: 8192, logger });
    const base = await listenOnLoopback(server.server);
    try {
      const c = (await (await fetch(`${base}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
      const res = await fetch(`${base}/v3/directline/conversations/${c.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
        body: JSON.stringify({ type: 'message', text: 'hi' }),
      });
      expect(res.status).toBe(503);
    } finally {
      await server.close();
    }
  });
});

describe('Direct Line stream after "delete my data"', () => {
  it('pages past more erased places than one read returns and delivers what comes next', async () => {
    const logger = pino({ level: 'silent' });
    const log = new MemoryConversationLog(60);
    const server = createHttpServer({ logger, readiness: [] });
    const tokens = new DirectLineTokens(undefined);
    const close = attachDirectLineStream(server.server, { log, tokens, logger });
    const base = await listenOnLoopback(server.server);
    try {
      await log.create('long');
      for (let i = 0; i < 150; i++) await log.append('long', { type: 'message', text: `old ${i}` });
      await log.erase('long', 150);
      const ws = new WebSocket(`${base.replace('http', 'ws')}/v3/directline/conversations/long/stream?t=${tokens.issue('long').token}`);
      const sets: Array<{ activities: Array<{ text: string; id: string }>; watermark: string }> = [];
      ws.on('message', (data) => sets.push(JSON.parse(String(data)) as (typeof sets)[number]));
      await new Promise((resolve) => ws.once('open', resolve));
      await log.append('long', { type: 'message', text: 'new' });
      await waitFor(() => sets.length > 0, 5000, 'the new activity');
      expect(sets).toEqual([{ activities: [expect.objectContaining({ text: 'new', id: 'long|0000150' })], watermark: '151' }]);
      ws.close();
    } finally {
      close();
      await server.close();
    }
  });
});

describe('Direct Line stream with a list of allowed origins', () => {
  it('refuses a page from another origin, and accepts allowed ones and our own page', async () => {
    const logger = pino({ level: 'silent' });
    const log = new MemoryConversationLog(60);
    const server = createHttpServer({ logger, readiness: [] });
    const tokens = new DirectLineTokens(undefined);
    const close = attachDirectLineStream(server.server, { log, tokens, logger, allowOrigin: (origin) => origin === 'https://partner.example.org' });
    const base = await listenOnLoopback(server.server);
    const streamUrl = `${base.replace('http', 'ws')}/v3/directline/conversations/c/stream?t=${tokens.issue('c').token}`;
    const outcome = (origin: string) =>
      new Promise<number | 'open'>((resolve) => {
        const ws = new WebSocket(streamUrl, { origin });
        ws.once('open', () => {
          ws.close();
          resolve('open');
        });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      });
    try {
      expect(await outcome('https://evil.example.com')).toBe(403);
      expect(await outcome('https://partner.example.org')).toBe('open');
      expect(await outcome(base)).toBe('open');
    } finally {
      close();
      await server.close();
    }
  });
});
