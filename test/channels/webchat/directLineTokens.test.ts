import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { registerDirectLineRoutes } from '../../../src/channels/webchat/directLineRoutes.js';
import { attachDirectLineStream } from '../../../src/channels/webchat/directLineStream.js';
import { DirectLineTokens } from '../../../src/channels/webchat/directLineTokens.js';
import { createHttpServer } from '../../../src/http/createHttpServer.js';
import { MemoryConversationLog } from '../../../src/stores/memory/memoryConversationLog.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';

const SECRET = 'a-test-secret-that-is-long-enough-1234';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('DirectLineTokens', () => {
  it('accepts a token until its expiry second and refuses it from then on', () => {
    let now = 1_800_000_000;
    const tokens = new DirectLineTokens(SECRET, 60, () => now);
    const { token, expiresIn } = tokens.issue('conv1');
    expect(expiresIn).toBe(60);
    expect(tokens.verify(token)).toEqual({ conversationId: 'conv1', expiresAt: 1_800_000_060 });
    now += 59;
    expect(tokens.verify(token)?.conversationId).toBe('conv1');
    now += 1;
    expect(tokens.verify(token)).toBeUndefined();
  });

  it('refuses a token signed with another secret, or altered', () => {
    const tokens = new DirectLineTokens(SECRET);
    const other = new DirectLineTokens(`${SECRET}-other`);
    const { token } = other.issue('conv1');
    expect(tokens.verify(token)).toBeUndefined();
    const [payload, signature] = tokens.issue('conv1').token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: 'conv2', e: 9_999_999_999, n: '00' })).toString('base64url');
    expect(tokens.verify(`${forged}.${signature}`)).toBeUndefined();
    expect(tokens.verify(`${payload}.${signature}.x`)).toBeUndefined();
  });

  it('makes the Direct Line API and the stream refuse an expired token with 403', async () => {
    let now = Math.floor(Date.now() / 1000);
    const tokens = new DirectLineTokens(SECRET, 60, () => now);
    const logger = pino({ level: 'silent' });
    const log = new MemoryConversationLog(3600);
    const http = createHttpServer({ logger, readiness: [] });
    registerDirectLineRoutes(http.server, { log, tokens, dispatch: async () => {}, maxBodyBytes: 8192, logger });
    cleanups.push(attachDirectLineStream(http.server, { log, tokens, logger }));
    const url = await listenOnLoopback(http.server);
    cleanups.push(() => http.close());
    const c = (await (await fetch(`${url}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string; streamUrl: string };
    const auth = { authorization: `Bearer ${c.token}` };
    expect((await fetch(`${url}/v3/directline/conversations/${c.conversationId}/activities`, { headers: auth })).status).toBe(200);
    now += 61;
    expect((await fetch(`${url}/v3/directline/conversations/${c.conversationId}/activities`, { headers: auth })).status).toBe(403);
    expect((await fetch(`${url}/v3/directline/tokens/refresh`, { method: 'POST', headers: auth })).status).toBe(403);
    const ws = new WebSocket(c.streamUrl);
    const status = await new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(403);
  });
});
