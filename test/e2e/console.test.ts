import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { HandoffQueue } from '../../src/domain/handoff/handoffQueue.js';
import { RedisHandoffStore } from '../../src/stores/redis/redisHandoffStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisAuditLog } from '../../src/stores/redis/redisStaffStore.js';
import { startApp, waitFor, type AppProcess } from '../helpers/appProcess.js';
import { addStaff, ConsoleClient } from '../helpers/consoleClient.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, postWebhook, waMessage, waText, webhook } from '../channels/whatsapp/webhookFixtures.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

const PASSWORD = 'correct horse battery';
const prefix = uniquePrefix('console');
let fake: FakeGraphServer;
let redis: Redis;
let appA: AppProcess;
let appB: AppProcess;
let queue: HandoffQueue;

beforeAll(async () => {
  fake = await startFakeGraphServer();
  redis = new Redis(inject('redisUrl'));
  await addStaff(redis, prefix, [
    { username: 'amina', password: PASSWORD },
    { username: 'karim', password: PASSWORD },
    { username: 'chef', password: PASSWORD, role: 'admin' },
    { username: 'parti', password: PASSWORD, disabled: true },
    { username: 'limited', password: PASSWORD },
    ...Array.from({ length: 10 }, (_, i) => ({ username: `cw${i}`, password: PASSWORD })),
  ]);
  const env = appEnv();
  [appA, appB] = await Promise.all([startApp(env), startApp(env)]);
  queue = new HandoffQueue({ store: new RedisHandoffStore(redis, redisKeys(prefix)) });
}, afterAppStarts(1, 30_000));

afterAll(async () => {
  await Promise.all([appA?.stop(), appB?.stop()]);
  await queue?.shutdown();
  await fake?.stop();
  redis?.disconnect();
});

/** A web chat user talking to `app` through the Direct Line API. */
async function webChatUser(app: AppProcess) {
  const dl = (path: string, init: { method?: string; token?: string; body?: unknown } = {}) =>
    fetch(`${app.url}/v3/directline${path}`, {
      method: init.method ?? 'GET',
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const started = (await (await dl('/conversations', { method: 'POST' })).json()) as { conversationId: string; token: string };
  const { conversationId, token } = started;
  let watermark = 0;
  const botTexts: string[] = [];
  return {
    conversationId,
    say: (text: string) => dl(`/conversations/${conversationId}/activities`, { method: 'POST', token, body: { type: 'message', text, locale: 'fr' } }),
    /** Waits for a bot message matching `pattern`; returns every bot text so far. */
    async waitForBot(pattern: RegExp): Promise<string[]> {
      await waitFor(async () => {
        const page = (await (await dl(`/conversations/${conversationId}/activities?watermark=${watermark}`, { token })).json()) as {
          activities: Array<{ text?: string; from: { role?: string } }>;
          watermark: string;
        };
        watermark = Number(page.watermark);
        for (const a of page.activities) if (a.from.role === 'bot' && a.text) botTexts.push(a.text);
        return botTexts.some((t) => pattern.test(t));
      }, 20_000, `a bot message matching ${pattern}`);
      return botTexts;
    },
    botTexts,
  };
}

async function signedIn(app: AppProcess, username: string): Promise<ConsoleClient> {
  const client = new ConsoleClient(app.url);
  expect((await client.login(username, PASSWORD)).status).toBe(200);
  return client;
}

describe('console auth', { timeout: 60_000 }, () => {
  it('answers 401 on every route without a session', async () => {
    const anonymous = new ConsoleClient(appA.url);
    for (const [method, path] of [
      ['GET', '/handoffs?status=waiting'],
      ['GET', '/handoffs/h1'],
      ['POST', '/handoffs/h1/claim'],
      ['POST', '/handoffs/h1/messages'],
      ['POST', '/handoffs/h1/notes'],
      ['POST', '/handoffs/h1/release'],
      ['POST', '/handoffs/h1/transfer'],
      ['POST', '/handoffs/h1/close'],
      ['GET', '/events'],
      ['GET', '/bookings?point=casablanca&date=2026-12-10'],
      ['GET', '/slots?point=casablanca&date=2026-12-10'],
      ['GET', '/no-shows?from=2026-12-01&to=2026-12-31'],
      ['POST', '/bookings/ACD347/status'],
      ['POST', '/logout'],
      ['GET', '/me'],
    ] as const) {
      const res = await anonymous.request(method, path, method === 'POST' ? {} : undefined);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie; refuses wrong passwords, unknown and disabled accounts alike', async () => {
    const client = new ConsoleClient(appA.url);
    for (const [user, password] of [['amina', 'wrong password!'], ['nobody', PASSWORD], ['parti', PASSWORD]]) {
      const res = await new ConsoleClient(appA.url).login(user!, password!);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'invalid_credentials' });
    }
    const ok = await client.login('amina', PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/^tdu_staff=[\w-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    // The session lives in the store: the other instance knows it.
    expect((await new ConsoleClient(appB.url).shareSession(client).json('GET', '/me')).body).toEqual({ username: 'amina', role: 'caseworker' });
    expect((await client.json('POST', '/logout', {})).status).toBe(200);
    expect((await client.json('GET', '/me')).status).toBe(401);
  });

  it('serves the staff booking views behind the same login', async () => {
    const client = await signedIn(appA, 'chef');
    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const slots = await client.json<unknown[]>('GET', `/slots?point=casablanca&date=${day}`);
    expect(slots.status).toBe(200);
    expect(Array.isArray(slots.body)).toBe(true);
    expect((await client.json('GET', `/bookings?point=casablanca&date=${day}`)).status).toBe(200);
    expect((await client.json('GET', `/slots?point=nowhere&date=${day}`)).status).toBe(404);
  });

  it('refuses a foreign Origin and non-JSON bodies (CSRF)', async () => {
    const foreign = await new ConsoleClient(appA.url).login('amina', PASSWORD, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const client = await signedIn(appA, 'karim');
    expect((await client.request('POST', '/handoffs/h1/claim', {}, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await client.request('POST', '/handoffs/h1/claim', {}, { origin: '' })).status).toBe(403);
    expect((await client.request('POST', '/handoffs/h1/claim', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('rate-limits login attempts per account, even with the right password afterwards', async () => {
    for (let i = 0; i < 3; i++) expect((await new ConsoleClient(appB.url).login('limited', 'wrong password!')).status).toBe(401);
    const blocked = await new ConsoleClient(appA.url).login('limited', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('claims across two instances', { timeout: 120_000 }, () => {
  it('gives each ticket to exactly one of 10 caseworkers clicking at once, 100 rounds, two servers on one Redis', async () => {
    const onA = await Promise.all(Array.from({ length: 10 }, (_, i) => signedIn(appA, `cw${i}`)));
    const onB = onA.map((c) => new ConsoleClient(appB.url).shareSession(c));
    for (let round = 0; round < 100; round++) {
      const { ticket } = await queue.open({ channel: 'webchat', userId: `claim-${round}`, conversationId: `gone-${round}`, language: 'fr', priority: 'normal', reason: 'asked' });
      const results = await Promise.all(onA.map((_, i) => (i % 2 ? onB[i]! : onA[i]!).json('POST', `/handoffs/${ticket.id}/claim`, {})));
      const winners = results.flatMap((r, i) => (r.status === 200 ? [i] : []));
      expect(winners, `round ${round}`).toHaveLength(1);
      expect(results.filter((r) => r.status === 409 && r.body.error === 'taken')).toHaveLength(9);
      expect((await onA[winners[0]!]!.json('POST', `/handoffs/${ticket.id}/close`, { outcome: 'answered' })).status).toBe(200);
    }
  });
});

describe('relay', { timeout: 90_000 }, () => {
  it('web chat: the user asks for a person, a caseworker claims, replies, reads, closes; the bot answers again', async () => {
    const user = await webChatUser(appA);
    await user.say('bonjour');
    await user.waitForBot(/Bonjour/);
    await user.say('intent.human');
    await user.waitForBot(/numéro \d+ dans la file/);

    const amina = await signedIn(appB, 'amina');
    const waiting = await amina.json<{ tickets: Array<{ id: string; channel: string }> }>('GET', '/handoffs?status=waiting');
    const ticket = (await queue.openTicketOf('webchat', (await findWebChatUser(user.conversationId))!))!;
    expect(waiting.body.tickets.map((t) => t.id)).toContain(ticket.id);
    expect(JSON.stringify(waiting.body)).not.toContain(ticket.userId); // no user id in the console

    expect((await amina.json('POST', `/handoffs/${ticket.id}/claim`, {})).status).toBe(200);
    await user.waitForBot(/membre de l'équipe lit/);
    const sent = await amina.json('POST', `/handoffs/${ticket.id}/messages`, { text: 'Bonjour, je suis Amina. Comment puis-je vous aider ?' });
    expect(sent).toMatchObject({ status: 200, body: { delivery: 'sent' } });
    await user.waitForBot(/je suis Amina/);

    const before = user.botTexts.length;
    await user.say('Je veux rentrer au Sénégal');
    await waitFor(async () => (await queue.transcript(ticket.id)).some((l) => l.text === 'Je veux rentrer au Sénégal'), 10_000, 'the user message in the transcript');
    const view = await amina.json<{ transcript: Array<{ from: string; text?: string }> }>('GET', `/handoffs/${ticket.id}`);
    expect(view.body.transcript.map((l) => l.from)).toEqual(expect.arrayContaining(['user', 'caseworker', 'bot']));
    expect(user.botTexts.length).toBe(before); // the bot stayed quiet

    const audit = await new RedisAuditLog(redis, redisKeys(prefix)).list(0, Date.now() + 1000);
    expect(audit.filter((e) => e.ticketId === ticket.id).map((e) => `${e.actor}:${e.action}`)).toEqual(
      expect.arrayContaining(['amina:claim', 'amina:message', 'amina:view_transcript']),
    );

    expect((await amina.json('POST', `/handoffs/${ticket.id}/close`, { outcome: 'answered' })).status).toBe(200);
    await user.waitForBot(/conversation avec l'équipe est terminée/);
    await user.say('bonjour');
    await waitFor(async () => (await user.waitForBot(/./)).slice(-1)[0]!.startsWith('Bonjour'), 15_000, 'the bot greeting again');
  });

  it('an emergency opens an urgent ticket at the head of the queue, announced live', async () => {
    const admin = await signedIn(appA, 'chef');
    const events = await fetch(`${appA.url}/console/api/events`, { headers: { cookie: admin.sessionCookie } });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const reader = events.body!.getReader();
    let stream = '';
    const user = await webChatUser(appB);
    await user.say('bonjour');
    await user.waitForBot(/Bonjour/);
    await user.say('intent.emergency');
    await user.waitForBot(/urgent/);
    const userId = (await findWebChatUser(user.conversationId))!;
    const ticket = (await queue.openTicketOf('webchat', userId))!;
    expect(ticket.priority).toBe('urgent');
    expect((await queue.waiting())[0]?.id).toBe(ticket.id);
    while (!stream.includes(`"id":"${ticket.id}"`)) stream += new TextDecoder().decode((await reader.read()).value);
    expect(stream).toMatch(/event: ticket\ndata: \{[^\n]*"priority":"urgent"/);
    await reader.cancel();
  });

  it('WhatsApp: a voice note reaches a caseworker who plays it through the server and answers on WhatsApp', async () => {
    const waId = '212600000777';
    fake.addMedia('media-voice-1', { mimeType: 'audio/ogg', data: Buffer.from('OggS fake voice note') });
    expect((await postWebhook(appA.url, webhook([waMessage(waId, 'audio', { audio: { id: 'media-voice-1', mime_type: 'audio/ogg', voice: true } })]))).status).toBe(200);
    await waitFor(async () => (await queue.openTicketOf('whatsapp', waId)) !== undefined, 20_000, 'the WhatsApp ticket');
    const ticket = (await queue.openTicketOf('whatsapp', waId))!;
    expect(ticket).toMatchObject({ reasons: ['media'], media: [{ kind: 'voice', mediaId: 'media-voice-1' }] });

    const karim = await signedIn(appB, 'karim');
    expect((await karim.json('POST', `/handoffs/${ticket.id}/claim`, {})).status).toBe(200);
    const detail = await karim.json<{ ticket: { windowRemainingMs: number } }>('GET', `/handoffs/${ticket.id}`);
    expect(detail.body.ticket.windowRemainingMs).toBeGreaterThan(23 * 3600_000);
    const media = await karim.request('GET', `/handoffs/${ticket.id}/media/media-voice-1`);
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('audio/ogg');
    expect(media.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await media.arrayBuffer()).toString()).toBe('OggS fake voice note');
    expect((await karim.request('GET', `/handoffs/${ticket.id}/media/other-media`)).status).toBe(404);

    expect((await karim.json('POST', `/handoffs/${ticket.id}/messages`, { text: "J'ai écouté votre message." })).body).toMatchObject({ delivery: 'sent' });
    await waitFor(() => fake.sentMessages().some((m) => m.to === waId && (m.text as { body?: string } | undefined)?.body === "J'ai écouté votre message."), 10_000, 'the reply on WhatsApp');
    expect((await postWebhook(appB.url, webhook([waText(waId, 'Merci beaucoup')]))).status).toBe(200);
    await waitFor(async () => (await queue.transcript(ticket.id)).some((l) => l.from === 'user' && l.text === 'Merci beaucoup'), 20_000, 'the answer in the transcript');
  });

  it('loses nothing when an instance restarts in the middle of a handoff', async () => {
    const { ticket } = await queue.open({ channel: 'webchat', userId: 'restart-user', conversationId: 'restart-conv', language: 'en', priority: 'vulnerable', reason: 'vulnerable' });
    await queue.recordUserMessage(ticket.id, { text: 'I need help' });
    const amina = await signedIn(appA, 'amina');
    expect((await amina.json('POST', `/handoffs/${ticket.id}/claim`, {})).status).toBe(200);
    await appA.stop();
    appA = await startApp({ ...appEnv() });
    const again = new ConsoleClient(appA.url).shareSession(amina);
    const view = await again.json<{ ticket: { status: string; assignee: string; priority: string }; transcript: Array<{ text?: string }> }>('GET', `/handoffs/${ticket.id}`);
    expect(view.status).toBe(200);
    expect(view.body.ticket).toMatchObject({ status: 'assigned', assignee: 'amina', priority: 'vulnerable' });
    expect(view.body.transcript.map((l) => l.text)).toContain('I need help');
  }, afterAppStarts(1, 30_000));
});

function appEnv(): Record<string, string> {
  return {
    REDIS_URL: inject('redisUrl'),
    KEY_PREFIX: prefix,
    HANDOFF_OFFICE_HOURS: '',
    CONSOLE_LOGIN_ATTEMPTS_PER_ACCOUNT: '3',
    WHATSAPP_API_URL: fake.url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
  };
}

/** The web chat user id of a conversation (the Direct Line server assigns it), read from the open tickets. */
async function findWebChatUser(conversationId: string): Promise<string | undefined> {
  const open = await queue.list('all', '');
  return open.find((t) => t.conversationId === conversationId)?.userId;
}
