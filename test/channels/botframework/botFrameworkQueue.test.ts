import { ActivityHandler, ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { BotFrameworkQueueAdapter } from '../../../src/channels/botframework/botFrameworkAdapter.js';
import { registerBotFrameworkRoutes } from '../../../src/channels/botframework/botFrameworkRoutes.js';
import { createBotFrameworkDispatcher, createBotFrameworkTurnHandler } from '../../../src/channels/botframework/botFrameworkTurns.js';
import { createHttpServer } from '../../../src/http/createHttpServer.js';
import { TurnWorker } from '../../../src/pipeline/turnWorker.js';
import { createTurnErrorHandler } from '../../../src/bot/turnErrorHandler.js';
import { createTranslator } from '../../../src/i18n/i18n.js';
import { MemoryInboundQueue } from '../../../src/stores/memory/memoryInboundQueue.js';
import { MemoryReplyMarks } from '../../../src/stores/memory/memoryReplyMarks.js';
import { waitFor } from '../../helpers/appProcess.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';
import { startFakeConnector } from '../../helpers/fakeConnector.js';
import { turnParts } from '../../helpers/turnParts.js';

const logger = pino({ level: 'silent' });
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** An `onTurnError` that must never run for a queued turn (it throws, so a call would fail the delivery loudly). */
const notForQueuedTurns = async () => {
  throw new Error('a queued turn must not reach the direct turn error handler');
};

/** The bot's own `onTurnError`, as the app sets it on the Bot Framework adapter for direct turns. */
async function shippedTurnErrorHandler() {
  return createTurnErrorHandler({ translator: await createTranslator('locales'), conversationState: new ConversationState(new MemoryStorage()), logger, defaultLanguage: 'fr' });
}

/** The route, the queue and a worker running the bot, as src/index.ts wires them (memory stores). */
async function assistant(bot: ActivityHandler, resends: string[] = [], marks = new MemoryReplyMarks(), onTurnError: (context: TurnContext, error: Error) => Promise<void> = notForQueuedTurns) {
  const queue = new MemoryInboundQueue({ maxDepth: 100 });
  const http = createHttpServer({ logger, readiness: [] });
  const cloud = registerBotFrameworkRoutes(http.server, {
    config: { MicrosoftAppId: undefined, MicrosoftAppPassword: undefined, MicrosoftAppTenantId: undefined, MicrosoftAppType: 'MultiTenant', MAX_BODY_BYTES: 4096 },
    bot,
    onTurnError,
    logger,
    dispatch: createBotFrameworkDispatcher(queue),
  });
  const adapter = new BotFrameworkQueueAdapter({ cloud: await cloud(), appId: '', marks, markTtlMs: 60_000, onAmbiguousResend: (cause) => resends.push(cause) });
  const handler = createBotFrameworkTurnHandler({
    ...turnParts(),
    adapter,
    bot,
    apologise: async (context: TurnContext) => {
      await context.sendActivity('sorry, a technical problem');
    },
  });
  const worker = new TurnWorker({ queue, handlers: { botframework: handler }, workerId: 'w1', logger, retryDelayMs: 5, maxDeliveries: 3, idleWaitMs: 50 });
  worker.start();
  const url = await listenOnLoopback(http.server);
  cleanups.push(() => http.close());
  cleanups.push(() => worker.stop());
  return { url, queue, worker };
}

const post = (url: string, serviceUrl: string, id: string, text: string, conversationId = 'c1') =>
  fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', id, text, channelId: 'emulator', serviceUrl, from: { id: 'u1' }, recipient: { id: 'bot' }, conversation: { id: conversationId } }),
  });

/** An echo bot whose turn throws for "boom" every time and for "flaky" the first time. */
function echoBot() {
  const attempts = new Map<string, number>();
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    const text = context.activity.text ?? '';
    const n = (attempts.get(text) ?? 0) + 1;
    attempts.set(text, n);
    if (text === 'boom' || (text === 'flaky' && n === 1)) throw new TypeError('the turn broke');
    await context.sendActivity(`echo: *${text}*`);
    if (text === 'two') await context.sendActivity('second reply');
    await next();
  });
  return { bot, attempts };
}

describe('POST /api/messages through the inbound queue', () => {
  it('answers 202 at once, then the worker posts the reply to the serviceUrl, in Markdown, as a reply to the activity', async () => {
    const connector = await startFakeConnector(cleanups);
    const { url } = await assistant(echoBot().bot);
    const res = await post(url, connector.serviceUrl, 'a1', 'bonjour');
    expect(res.status).toBe(202);
    await waitFor(() => connector.posted.length === 1, 10_000, 'the reply');
    expect(connector.posted[0]).toMatchObject({
      path: '/v3/conversations/c1/activities/a1',
      activity: { type: 'message', text: 'echo: **bonjour**', textFormat: 'markdown', replyToId: 'a1', conversation: { id: 'c1' } },
    });
  });

  it('retries a turn that throws, and answers it once it succeeds, without an apology', async () => {
    const connector = await startFakeConnector(cleanups);
    const { bot, attempts } = echoBot();
    const { url } = await assistant(bot);
    expect((await post(url, connector.serviceUrl, 'a1', 'flaky')).status).toBe(202);
    await waitFor(() => connector.posted.length === 1, 10_000, 'the reply');
    expect(attempts.get('flaky')).toBe(2);
    expect(connector.posted.map((p) => p.activity.text)).toEqual(['echo: **flaky**']);
  });

  it('dead-letters a turn that throws on every attempt, tells the user once, and the conversation goes on', async () => {
    const connector = await startFakeConnector(cleanups);
    const { bot, attempts } = echoBot();
    const { url, queue } = await assistant(bot);
    expect((await post(url, connector.serviceUrl, 'a1', 'boom')).status).toBe(202);
    expect((await post(url, connector.serviceUrl, 'a2', 'after')).status).toBe(202);
    await waitFor(() => connector.posted.length === 2, 10_000, 'the apology and the next reply');
    expect(attempts.get('boom')).toBe(3);
    expect(connector.posted.map((p) => p.activity.text)).toEqual(['sorry, a technical problem', 'echo: **after**']);
    expect(connector.posted[0]!.path).toBe('/v3/conversations/c1/activities/a1');
    const [dead] = await queue.deadLetters();
    expect(dead).toMatchObject({ reason: 'maxDeliveries', error: 'TypeError', deliveries: 3 });
    expect(dead!.message.id).toBe('botframework:c1:a1');
  });

  it('re-delivers a stored outcome after the connector failed, without repeating a reply it already accepted', async () => {
    const connector = await startFakeConnector(cleanups, { failFirst: (activity) => activity.text === 'second reply' });
    const { url, worker } = await assistant(echoBot().bot);
    const failures: unknown[] = [];
    worker.on('failed', (_lease, error) => failures.push(error));
    expect((await post(url, connector.serviceUrl, 'a1', 'two')).status).toBe(202);
    await waitFor(() => connector.posted.length === 2, 10_000, 'both replies');
    expect(connector.posted.map((p) => p.activity.text)).toEqual(['echo: **two**', 'second reply']);
    // The connector's refusal failed the delivery (no retry hidden in the client): the worker re-delivered the outcome.
    expect(failures.length).toBe(1);
  });

  it("retries a reply the connector refused even with the app's own onTurnError on the adapter (which logs and returns)", async () => {
    // As shipped, the adapter that posts queued replies also runs direct turns, so it carries the bot's onTurnError:
    // botbuilder hands that handler any error of a continuation, and this one swallows it (it apologises instead).
    const connector = await startFakeConnector(cleanups, { failFirst: (activity) => activity.text === 'echo: **hello**' });
    const onTurnError = await shippedTurnErrorHandler();
    const marks = new MemoryReplyMarks();
    const { url, worker } = await assistant(echoBot().bot, [], marks, onTurnError);
    const failures: unknown[] = [];
    worker.on('failed', (_lease, error) => failures.push(error));
    const processed = new Promise((resolve) => worker.once('processed', resolve));
    expect((await post(url, connector.serviceUrl, 'a1', 'hello')).status).toBe(202);
    await processed;
    // The refused post failed the delivery, the worker delivered the stored outcome again, and no apology went out.
    expect(failures.length).toBe(1);
    expect(connector.posted.map((p) => p.activity.text)).toEqual(['echo: **hello**']);
    expect(await marks.get('botframework:c1:a1#0')).toBe('sent');
  });

  it('dead-letters a turn whose reply the connector refuses every time (never acked as delivered)', async () => {
    const connector = await startFakeConnector(cleanups, { failAlways: (activity) => activity.text === 'echo: **never**' });
    const onTurnError = await shippedTurnErrorHandler();
    const { url, worker, queue } = await assistant(echoBot().bot, [], new MemoryReplyMarks(), onTurnError);
    const settled = new Promise((resolve) => {
      worker.once('deadLettered', () => resolve('dead-lettered'));
      worker.once('processed', () => resolve('acked as delivered'));
    });
    expect((await post(url, connector.serviceUrl, 'a1', 'never')).status).toBe(202);
    expect(await settled).toBe('dead-lettered');
    expect((await queue.deadLetters()).map((d) => d.message.id)).toEqual(['botframework:c1:a1']);
  });

  it('re-sends a reply whose post got no answer (the connector may have it) and counts that re-send', async () => {
    const connector = await startFakeConnector(cleanups, { acceptThenDrop: (activity) => activity.text === 'echo: **lost**' });
    const resends: string[] = [];
    const { url } = await assistant(echoBot().bot, resends);
    expect((await post(url, connector.serviceUrl, 'a1', 'lost')).status).toBe(202);
    await waitFor(() => connector.posted.length === 2, 10_000, 'the reply and its re-send');
    expect(connector.posted.map((p) => p.activity.text)).toEqual(['echo: **lost**', 'echo: **lost**']);
    expect(resends).toEqual(['timeout']);
  });

  it('counts the re-send of a reply whose attempt was cut short by a crash (attempted, never marked sent)', async () => {
    const connector = await startFakeConnector(cleanups);
    const resends: string[] = [];
    const marks = new MemoryReplyMarks();
    // What a worker killed between the connector's answer and the sent mark leaves behind.
    await marks.set('botframework:c1:a1#0', 'attempted', 60_000);
    const { url } = await assistant(echoBot().bot, resends, marks);
    expect((await post(url, connector.serviceUrl, 'a1', 'again')).status).toBe(202);
    await waitFor(() => connector.posted.length === 1, 10_000, 'the reply');
    expect(resends).toEqual(['interrupted']);
    expect(await marks.get('botframework:c1:a1#0')).toBe('sent');
  });

  it('takes a connector retry of the same activity as a duplicate', async () => {
    const connector = await startFakeConnector(cleanups);
    const { url, worker } = await assistant(echoBot().bot);
    const processed = new Promise((resolve) => worker.once('processed', resolve));
    expect((await post(url, connector.serviceUrl, 'a1', 'hello')).status).toBe(202);
    expect((await post(url, connector.serviceUrl, 'a1', 'hello')).status).toBe(202);
    await processed;
    expect((await post(url, connector.serviceUrl, 'a2', 'done')).status).toBe(202);
    await waitFor(() => connector.posted.some((p) => p.activity.text === 'echo: **done**'), 10_000, 'the last reply');
    expect(connector.posted.map((p) => p.activity.text)).toEqual(['echo: **hello**', 'echo: **done**']);
  });

  it('still answers expectReplies in the response (the caller waits for the replies there)', async () => {
    const connector = await startFakeConnector(cleanups);
    const { url } = await assistant(echoBot().bot);
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: 'e1', text: 'sync', channelId: 'emulator', serviceUrl: connector.serviceUrl, deliveryMode: 'expectReplies', from: { id: 'u1' }, recipient: { id: 'bot' }, conversation: { id: 'c9' } }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { activities: Array<{ text: string }> }).activities[0]?.text).toBe('echo: **sync**');
    expect(connector.posted).toEqual([]);
  });

  it('refuses an activity without a conversation id', async () => {
    const connector = await startFakeConnector(cleanups);
    const { url } = await assistant(echoBot().bot);
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: 'x', text: 'hi', serviceUrl: connector.serviceUrl }),
    });
    expect(res.status).toBe(400);
  });
});
