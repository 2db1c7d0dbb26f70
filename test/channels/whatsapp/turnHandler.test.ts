import type { Activity, TurnContext } from 'botbuilder';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsappAdapter.js';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAssistantBot } from '../../../src/bot/createAssistantBot.js';
import { startFakeGraphServer, type FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { createMenuMemory } from '../../../src/channels/whatsapp/menuMemory.js';
import { createWhatsAppChannel } from '../../../src/channels/whatsapp/whatsappChannel.js';
import { createWhatsAppOutbound } from '../../../src/channels/whatsapp/whatsappOutbound.js';
import { createWhatsAppTurnHandler } from '../../../src/channels/whatsapp/whatsappTurnHandler.js';
import type { WhatsAppInbound } from '../../../src/channels/whatsapp/inboundActivity.js';
import { ConfigSchema } from '../../../src/config/config.js';
import { createContentStore } from '../../../src/domain/content/contentRepository.js';
import { createHttpServer } from '../../../src/http/createHttpServer.js';
import { createTranslator, type Translator } from '../../../src/i18n/i18n.js';
import { PermanentTurnError, TurnWorker } from '../../../src/pipeline/turnWorker.js';
import { MemoryInboundQueue } from '../../../src/stores/memory/memoryInboundQueue.js';
import { MemoryMenuMemory } from '../../../src/stores/memory/memoryMenuMemory.js';
import { MemoryStateStorage } from '../../../src/stores/memory/memoryStateStorage.js';
import { MemoryWhatsAppContacts } from '../../../src/stores/memory/memoryWhatsAppContacts.js';
import type { InboundLease, InboundMessage } from '../../../src/stores/types.js';
import { createWhatsAppNumberChange, type WhatsAppNumberChange } from '../../../src/channels/whatsapp/whatsappNumberChange.js';
import { MemoryWhatsAppIdentityLinks } from '../../../src/stores/memory/memoryWhatsAppIdentityLinks.js';
import { MemoryWhatsAppUserMove } from '../../../src/stores/memory/memoryWhatsAppUserMove.js';
import { composedWhatsAppArrivals } from '../../../src/stores/whatsappArrivals.js';
import { waitFor } from '../../helpers/appProcess.js';
import { runAndDeliver, turnParts } from '../../helpers/turnParts.js';
import { APP_SECRET, outboundTestConfig, PHONE_NUMBER_ID, VERIFY_TOKEN } from './webhookFixtures.js';

const USER = '212600000001';
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

function queued(inbound: Partial<WhatsAppInbound>): InboundMessage {
  const full: WhatsAppInbound = { messageId: 'wamid.T1', waId: USER, phoneNumberId: PHONE_NUMBER_ID, sentAt: Date.now(), kind: 'text', text: 'hi', ...inbound };
  return { id: full.messageId, conversationKey: `whatsapp:${USER}`, channel: 'whatsapp', payload: JSON.stringify(full) };
}

const lease = (message: InboundMessage): InboundLease => ({ message, leaseId: 'l', redeliveries: 0 });

/** The real adapter and sender (createWhatsAppOutbound) against the fake Graph server, with a recording bot. */
async function setup(options: { botError?: Error; numberChange?: (contacts: MemoryWhatsAppContacts) => WhatsAppNumberChange } = {}) {
  fake = await startFakeGraphServer();
  cleanups.push(() => fake.stop());
  const seen: Partial<Activity>[] = [];
  const contacts = new MemoryWhatsAppContacts();
  const outbound = createWhatsAppOutbound({ config: outboundTestConfig(fake.url), backend: {}, contacts, translator, logger });
  const menuMemory = createMenuMemory(new MemoryMenuMemory());
  const bot = {
    run: async (context: TurnContext) => {
      if (options.botError) throw options.botError;
      seen.push(context.activity);
      await context.sendActivity({ type: 'message', text: `echo:${context.activity.text}`, locale: 'fr' });
    },
  };
  const numberChange = options.numberChange?.(contacts);
  const handler = createWhatsAppTurnHandler({ ...turnParts(), adapter: new WhatsAppAdapter(outbound.adapterOptions), bot, menuMemory, contacts, sender: outbound.sender, logger, ...(numberChange ? { numberChange } : {}) });
  const replies = () => fake.sentMessages().map((m) => (m.text as { body: string }).body);
  const reads = () => fake.requests.filter((r) => (r.json as { status?: string }).status === 'read').map((r) => (r.json as { message_id: string }).message_id);
  return { handler, seen, replies, reads, menuMemory, contacts };
}

describe('createWhatsAppTurnHandler', () => {
  it('finishes a number change a crash cut short before it answers a message from the old number', async () => {
    const state = new MemoryStateStorage(3600);
    const menus = new MemoryMenuMemory();
    let userMove: MemoryWhatsAppUserMove | undefined;
    const { handler, seen, contacts } = await setup({
      numberChange: (contacts) => {
        userMove = new MemoryWhatsAppUserMove({ state, contacts, menus });
        const stateKeysOf = (channel: string, id: string) => [`${channel}/conversations/${id}/`, `${channel}/users/${id}/`];
        return createWhatsAppNumberChange({ userMove, links: new MemoryWhatsAppIdentityLinks(), stateKeysOf, steps: [], logger });
      },
    });
    const NEW = '212600000099';
    await state.write({ [`whatsapp/users/${USER}/`]: { profile: { language: 'en' } } });
    await contacts.recordInbound(USER, 1_000);
    await userMove!.begin(USER, NEW); // the notice's move stopped right after its marker
    const message = queued({ text: 'hello' });
    await handler.run(message, lease(message));
    expect(await userMove!.pendingTarget(USER)).toBeUndefined();
    expect(await state.read([`whatsapp/users/${USER}/`])).toEqual({});
    expect((await state.read([`whatsapp/users/${NEW}/`]))[`whatsapp/users/${NEW}/`]).toMatchObject({ profile: { language: 'en' } });
    expect(await contacts.lastInboundAt(NEW)).toBe(1_000);
    expect(seen).toHaveLength(1);
  });

  it('marks the message read, records the inbound time, runs the bot and sends its reply', async () => {
    const { handler, seen, replies, reads, contacts } = await setup();
    const message = queued({ text: 'combien ça coûte', sentAt: Date.now() - 1000 });
    await runAndDeliver(handler, message, lease(message));
    expect(reads()).toEqual(['wamid.T1']);
    expect(seen[0]).toMatchObject({ id: 'wamid.T1', channelId: 'whatsapp', text: 'combien ça coûte', from: { id: USER, role: 'user' } });
    expect(replies()).toEqual(['echo:combien ça coûte']);
    expect(await contacts.lastInboundAt(USER)).toBe(JSON.parse(message.payload).sentAt);
  });

  it('resolves a number answering the last numbered menu, in Latin or Arabic-Indic digits', async () => {
    const { handler, seen, menuMemory } = await setup();
    await menuMemory.remember(USER, ['faq:avrr.cost', 'intent.book', 'menu', 'lang:ar']);
    for (const [id, text] of [['wamid.T2', ' 2 '], ['wamid.T3', '٤'], ['wamid.T4', '9']] as const) {
      const message = queued({ messageId: id, text });
      await runAndDeliver(handler, message, lease(message));
    }
    expect(seen.map((a) => [a.text, a.value])).toEqual([
      ['intent.book', { command: 'intent.book' }],
      ['lang:ar', { command: 'lang:ar' }],
      ['9', undefined],
    ]);
  });

  it('still runs the turn when the read receipt fails', async () => {
    const { handler, replies } = await setup();
    fake.failNext(1, { status: 500 });
    const message = queued({ text: 'hello' });
    await runAndDeliver(handler, message, lease(message));
    expect(replies()).toEqual(['echo:hello']);
  });

  it('sends a stored reply once when the same turn is delivered again (crash before the ack)', async () => {
    const { handler, replies, seen } = await setup();
    const message = queued({ text: 'once' });
    await runAndDeliver(handler, message, lease(message));
    await runAndDeliver(handler, message, { ...lease(message), redeliveries: 1 });
    expect(seen).toHaveLength(1);
    expect(replies()).toEqual(['echo:once']);
  });

  it('rejects a payload that can never be read with a PermanentTurnError (dead letter at once)', async () => {
    const { handler, seen } = await setup();
    const bad = (payload: string): InboundMessage => ({ id: 'x', conversationKey: 'whatsapp:1', channel: 'whatsapp', payload });
    await expect(handler.run(bad('{"not":"ours"}'), lease(bad('')))).rejects.toBeInstanceOf(PermanentTurnError);
    await expect(handler.run(bad('not json'), lease(bad('')))).rejects.toBeInstanceOf(PermanentTurnError);
    expect(seen).toEqual([]);
  });
});

describe('the WhatsApp channel as wired by createWhatsAppChannel', () => {
  /** The channel exactly as src/index.ts builds it, with the real bot whose dialog throws on every message. */
  async function wiredChannel() {
    fake = await startFakeGraphServer();
    cleanups.push(() => fake.stop());
    const config = ConfigSchema.parse({
      WHATSAPP_API_URL: fake.url,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_ACCESS_TOKEN: 'token',
    });
    const content = createContentStore({ localesDir: 'locales', logger });
    cleanups.push(async () => content.close());
    const inner = new MemoryStateStorage(3600);
    const parts = turnParts({ storage: inner });
    const assistant = createAssistantBot({
      storage: parts.state,
      translator,
      understander: () => {
        throw new TypeError('the matcher broke');
      },
      content: content.repository,
      defaultLanguage: 'fr',
      logger,
    });
    const http = createHttpServer({ logger, readiness: [] });
    cleanups.push(() => http.close());
    const queue = new MemoryInboundQueue({ maxDepth: 100 });
    const channel = createWhatsAppChannel({
      config,
      backend: { stateStorage: inner },
      queue,
      translator,
      bot: assistant.bot,
      turns: { ...parts, apologise: assistant.apologise },
      server: http.server,
      logger,
      stateKeysOf: assistant.stateKeysOf,
      turnAdapter: (options) => new WhatsAppAdapter(options),
    });
    return { channel, queue };
  }

  it('rejects when the real bot turn fails, so the worker retries it (no onTurnError swallows it)', async () => {
    const { channel } = await wiredChannel();
    const message = queued({ text: 'Bonjour' });
    await expect(channel.handleTurn!.run(message, lease(message))).rejects.toThrow('the matcher broke');
    expect(fake.sentMessages()).toEqual([]);
  });

  it('retries a failing turn, then dead-letters it with the error name and apologises exactly once', async () => {
    const { channel, queue } = await wiredChannel();
    const worker = new TurnWorker({ queue, handlers: { whatsapp: channel.handleTurn! }, workerId: 'w', logger, maxDeliveries: 3, retryDelayMs: 5, idleWaitMs: 20 });
    cleanups.push(() => worker.stop());
    const failed: number[] = [];
    worker.on('failed', (l) => failed.push(l.redeliveries));
    const dead = new Promise((resolve) => worker.once('deadLettered', resolve));
    worker.start();
    await queue.enqueue(queued({ text: 'Bonjour' }));
    await dead;
    await waitFor(() => fake.sentMessages().length > 0, 10_000, 'the apology');
    // Anything sent after the apology would come with the next requests: wait for one more, which never comes.
    await expect(fake.waitForRequests(fake.requests.length + 1, 300)).rejects.toThrow();
    expect(failed).toEqual([0, 1, 2]);
    const letters = await queue.deadLetters();
    expect(letters.map((l) => [l.message.id, l.reason, l.error, l.deliveries])).toEqual([['wamid.T1', 'maxDeliveries', 'DialogContextError', 3]]);
    const apologies = fake.sentMessages();
    expect(apologies).toHaveLength(1);
    expect(apologies[0]).toMatchObject({ to: USER, text: { body: translator.forLanguage('fr')('error.apology') } });
  });
});

describe('createWhatsAppTurnHandler with the one-step arrival check (whatsappArrivals.ts)', () => {
  const stateKeysOf = (channel: string, id: string) => [`${channel}/conversations/${id}/`, `${channel}/users/${id}/`];

  async function setupAhead() {
    fake = await startFakeGraphServer();
    cleanups.push(() => fake.stop());
    const inner = new MemoryStateStorage(3600);
    const innerReads: string[][] = [];
    const counted = Object.assign(Object.create(inner) as MemoryStateStorage, {
      read: (keys: string[]) => (innerReads.push(keys), inner.read(keys)),
    });
    const parts = turnParts({ storage: counted });
    const contacts = new MemoryWhatsAppContacts();
    const links = new MemoryWhatsAppIdentityLinks();
    const userMove = new MemoryWhatsAppUserMove({ state: inner, contacts, menus: new MemoryMenuMemory() });
    const numberChange = createWhatsAppNumberChange({ userMove, links, stateKeysOf, steps: [], logger });
    const outbound = createWhatsAppOutbound({ config: outboundTestConfig(fake.url), backend: {}, contacts, translator, logger });
    const seenProfiles: unknown[] = [];
    const bot = {
      run: async (context: TurnContext) => {
        // As botbuilder does: one state read after the other, inside the turn.
        const key = `whatsapp/users/${context.activity.from.id}/`;
        await parts.state.read([`whatsapp/conversations/${context.activity.from.id}/`]);
        seenProfiles.push((await parts.state.read([key]))[key]?.profile);
        await context.sendActivity({ type: 'message', text: 'ok', locale: 'fr' });
      },
    };
    const handler = createWhatsAppTurnHandler({
      ...parts, adapter: new WhatsAppAdapter(outbound.adapterOptions), bot, menuMemory: createMenuMemory(new MemoryMenuMemory()), contacts, sender: outbound.sender, logger,
      numberChange, arrivals: composedWhatsAppArrivals({ links, userMove, contacts }), stateKeysOf,
    });
    return { handler, inner, innerReads, seenProfiles, contacts, userMove };
  }

  it('reads both states once, ahead of the turn, and records the inbound time', async () => {
    const { handler, inner, innerReads, seenProfiles, contacts } = await setupAhead();
    await inner.write({ [`whatsapp/users/${USER}/`]: { profile: { language: 'en' } } });
    const message = queued({ text: 'hello', sentAt: 7_000 });
    await runAndDeliver(handler, message, lease(message));
    expect(innerReads).toEqual([stateKeysOf('whatsapp', USER)]);
    expect(seenProfiles).toEqual([{ language: 'en' }]);
    expect(await contacts.lastInboundAt(USER)).toBe(7_000);
  });

  it('reads the state again after finishing a number change cut short: the old number is someone else now', async () => {
    const { handler, inner, seenProfiles, contacts, userMove } = await setupAhead();
    const NEW = '212600000099';
    await inner.write({ [`whatsapp/users/${USER}/`]: { profile: { language: 'en' } } });
    await userMove.begin(USER, NEW);
    const message = queued({ text: 'hello', sentAt: 8_000 });
    await runAndDeliver(handler, message, lease(message));
    expect(await userMove.pendingTarget(USER)).toBeUndefined();
    expect(seenProfiles).toEqual([undefined]);
    expect((await inner.read([`whatsapp/users/${NEW}/`]))[`whatsapp/users/${NEW}/`]).toMatchObject({ profile: { language: 'en' } });
    expect(await contacts.lastInboundAt(USER)).toBe(8_000);
  });
});
