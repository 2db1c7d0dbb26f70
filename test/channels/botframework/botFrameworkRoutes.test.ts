import { networkInterfaces } from 'node:os';
import { ActivityHandler } from 'botbuilder';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLocalRequest, isLoopbackAddress, isLoopbackUrl } from '../../../src/channels/botframework/loopbackOnly.js';
import { registerBotFrameworkRoutes } from '../../../src/channels/botframework/botFrameworkRoutes.js';
import { createHttpServer, type HttpServer } from '../../../src/http/createHttpServer.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';

let http: HttpServer;
let url: string;

beforeAll(async () => {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
    await next();
  });
  http = createHttpServer({ logger: pino({ level: 'silent' }), readiness: [] });
  registerBotFrameworkRoutes(http.server, {
    config: { MicrosoftAppId: undefined, MicrosoftAppPassword: undefined, MicrosoftAppTenantId: undefined, MicrosoftAppType: 'MultiTenant', MAX_BODY_BYTES: 1024 },
    bot,
    onTurnError: async () => {},
    logger: pino({ level: 'silent' }),
  });
  url = await listenOnLoopback(http.server);
});
afterAll(() => http.close());

const activity = (serviceUrl: string) => ({
  type: 'message',
  id: 'a1',
  text: 'bonjour',
  channelId: 'emulator',
  serviceUrl,
  deliveryMode: 'expectReplies',
  from: { id: 'u1' },
  recipient: { id: 'bot' },
  conversation: { id: 'c1' },
});

describe('POST /api/messages without credentials', () => {
  it('runs the bot for a local caller (Emulator) and returns the replies', async () => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity('http://localhost:55555')) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<{ text: string }> };
    expect(body.activities[0]?.text).toBe('echo: bonjour');
  });

  it('sends replies in Markdown: *bold* as **bold**, single-line items as a list', async () => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity('http://localhost:55555'), text: '*gras* :\n• un\n• deux' }) });
    const body = (await res.json()) as { activities: Array<{ text: string; textFormat: string }> };
    expect(body.activities[0]).toMatchObject({ text: 'echo: **gras** :\n\n- un\n- deux', textFormat: 'markdown' });
  });

  it('refuses a serviceUrl outside this machine', async () => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity('https://example.org/')) });
    expect(res.status).toBe(403);
  });

  it.each([
    ['X-Forwarded-For', { 'x-forwarded-for': '203.0.113.7' }],
    ['Forwarded', { forwarded: 'for=203.0.113.7;proto=https' }],
    ['X-Real-IP', { 'x-real-ip': '203.0.113.7' }],
  ])('refuses a caller behind a reverse proxy on this host (%s), though its peer is 127.0.0.1', async (_name, headers) => {
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity('http://localhost:55555')) });
    expect(res.status).toBe(403);
  });

  it('answers 400 to an activity without a serviceUrl', async () => {
    const { serviceUrl: _omitted, ...withoutServiceUrl } = activity('http://localhost:1');
    const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(withoutServiceUrl) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('serviceUrl');
  });

  it('rejects a body that is not an activity, and one over the size limit', async () => {
    const bad = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"hello":1}' });
    expect(bad.status).toBe(400);
    const huge = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...activity('http://localhost:1'), text: 'x'.repeat(5000) }) });
    expect(huge.status).toBe(413);
  });
});

/** An address of this machine that is not loopback (so a request to it arrives from a non-loopback peer). */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

describe('POST /api/messages without credentials, from another machine', () => {
  it.skipIf(!externalAddress)('refuses a caller whose address is not loopback, even with a loopback serviceUrl', async () => {
    const bot = new ActivityHandler();
    let ran = false;
    bot.onMessage(async (_context, next) => {
      ran = true;
      await next();
    });
    const remote = createHttpServer({ logger: pino({ level: 'silent' }), readiness: [] });
    registerBotFrameworkRoutes(remote.server, {
      config: { MicrosoftAppId: undefined, MicrosoftAppPassword: undefined, MicrosoftAppTenantId: undefined, MicrosoftAppType: 'MultiTenant', MAX_BODY_BYTES: 1024 },
      bot,
      onTurnError: async () => {},
      logger: pino({ level: 'silent' }),
    });
    await new Promise<void>((resolve) => remote.server.listen(0, externalAddress!, () => resolve()));
    try {
      const res = await fetch(`http://${externalAddress}:${remote.server.address().port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity('http://localhost:55555')),
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: 'Forbidden' } });
      expect(ran).toBe(false);
    } finally {
      await remote.close();
    }
  });
});

describe('loopback checks', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:192.168.1.1', false],
    [undefined, false],
  ])('isLoopbackAddress(%s) is %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it.each([
    ['http://localhost:3978', true],
    ['http://127.0.0.1:1', true],
    ['http://[::1]:8080', true],
    ['http://localhost.evil.com', false],
    ['not a url', false],
  ])('isLoopbackUrl(%s) is %s', (value, expected) => {
    expect(isLoopbackUrl(value)).toBe(expected);
  });

  it('isLocalRequest needs a loopback peer and no proxy header', () => {
    expect(isLocalRequest('127.0.0.1', {})).toBe(true);
    expect(isLocalRequest('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).toBe(false);
    expect(isLocalRequest('::1', { forwarded: 'for=127.0.0.1' })).toBe(false);
    expect(isLocalRequest('127.0.0.1', { 'x-real-ip': '10.0.0.1' })).toBe(false);
    expect(isLocalRequest('10.0.0.1', {})).toBe(false);
  });
});
