import { BufferedStateStorage } from '../../../src/stores/bufferedStateStorage.js';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsappAdapter.js';
import { createTurnOutcomeStore } from '../../../src/stores/createTurnOutcomeStore.js';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { ownButtonValues } from '../../../dialogs/commands.js';
import { createAssistantBot } from '../../../src/bot/createAssistantBot.js';
import { startFakeGraphServer, type FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { createWhatsAppChannel } from '../../../src/channels/whatsapp/whatsappChannel.js';
import { ConfigSchema } from '../../../src/config/config.js';
import { createContentStore } from '../../../src/domain/content/contentRepository.js';
import { createMatcher } from '../../../src/domain/nlu/matcher.js';
import { createHttpServer } from '../../../src/http/createHttpServer.js';
import { createTranslator, type Translator } from '../../../src/i18n/i18n.js';
import { createMetrics } from '../../../src/observability/metrics.js';
import { TurnWorker } from '../../../src/pipeline/turnWorker.js';
import { createStores } from '../../../src/stores/createStores.js';
import { createHandoffStore } from '../../../src/stores/createHandoffStores.js';
import { HandoffQueue } from '../../../src/domain/handoff/handoffQueue.js';
import { createHandoffMessenger } from '../../../src/channels/handoffMessenger.js';
import { createReplaySender } from '../../../src/cli/replaySender.js';
import { RedisOutbox } from '../../../src/stores/redis/redisOutbox.js';
import { MemoryInboundQueue } from '../../../src/stores/memory/memoryInboundQueue.js';
import { RedisInboundQueue } from '../../../src/stores/redis/redisInboundQueue.js';
import { waitFor } from '../../helpers/appProcess.js';
import { listenOnLoopback } from '../../helpers/httpServer.js';
import { everythingStored } from '../../helpers/redisContents.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, postWebhook, waMessage, waText, webhook } from './webhookFixtures.js';

const logger = pino({ level: 'silent' });
let translator: Translator;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

beforeAll(async () => {
  translator = await createTranslator('locales');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The whole WhatsApp channel as index.ts wires it (real bot, real content), on memory or Redis, against a fake Graph. */
async function assistant(backend: 'memory' | 'redis') {
  const fake: FakeGraphServer = await startFakeGraphServer();
  cleanups.push(() => fake.stop());
  const keyPrefix = uniquePrefix('wach');
  const stores = createStores({ redisUrl: backend === 'redis' ? inject('redisUrl') : undefined, keyPrefix, stateTtlSeconds: 3600 });
  cleanups.push(() => stores.close());
  const queue = stores.redis
    ? new RedisInboundQueue({ client: stores.redis.client, keys: stores.redis.keys, maxDepth: 1000, pollIntervalMs: 20 })
    : new MemoryInboundQueue({ maxDepth: 1000 });
  const content = createContentStore({ localesDir: 'locales', logger, watch: false });
  const matcher = createMatcher(content.current(), { defaultLanguage: 'fr' });
  const state = new BufferedStateStorage(stores.stateStorage);
  const bot = createAssistantBot({
    storage: state,
    translator,
    understander: () => matcher,
    content: content.repository,
    defaultLanguage: 'fr',
    logger,
  });
  const config = ConfigSchema.parse({
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
    WHATSAPP_API_URL: fake.url,
  });
  const metrics = createMetrics();
  const handoff = new HandoffQueue({ store: createHandoffStore(stores) });
  const http = createHttpServer({ logger, readiness: [], metrics: metrics.registry });
  const channel = createWhatsAppChannel({
    config,
    backend: stores,
    queue,
    translator,
    bot: bot.bot,
    turns: { outcomes: createTurnOutcomeStore(stores), state, apologise: bot.apologise, outcomeTtlMs: 60_000 },
    server: http.server,
    logger,
    metrics,
    stateKeysOf: bot.stateKeysOf,
    isOwnCommand: ownButtonValues(content.repository),
    userRecordMoves: [(oldId, newId) => handoff.moveUser('whatsapp', oldId, newId)],
    turnAdapter: (options) => new WhatsAppAdapter(options),
  });
  const worker = new TurnWorker({ queue, handlers: { whatsapp: channel.handleTurn! }, workerId: 'w', logger, idleWaitMs: 20, retryDelayMs: 20 });
  worker.start();
  cleanups.push(() => worker.stop());
  const url = await listenOnLoopback(http.server);
  cleanups.push(() => http.close());

  /** Every accepted outbound message addressed to `id` (by `to` or `recipient`). */
  const sentTo = (id: string) => fake.sentMessages().filter((m) => m.to === id || m.recipient === id);
  const texts = (id: string) => sentTo(id).map(bodyText);
  /** Posts messages and waits until `id` has `count` more replies than before. */
  const exchange = async (id: string, messages: Array<Record<string, unknown>>, expectMore = 1) => {
    const before = sentTo(id).length;
    expect((await postWebhook(url, webhook(messages))).status).toBe(200);
    await waitFor(() => sentTo(id).length >= before + expectMore, 15_000, `replies to ${id}`);
    await waitFor(async () => (await queue.depth()) === 0, 5_000, 'an empty queue');
    return sentTo(id).slice(before);
  };
  return { url, fake, sentTo, texts, exchange, queue, metrics, stores, channel, prefix: keyPrefix, handoff, config };
}

/** The visible text of a Graph message (text body or interactive body). */
function bodyText(m: Record<string, unknown>): string {
  const text = (m.text as { body?: string } | undefined)?.body;
  const interactive = (m.interactive as { body?: { text?: string } } | undefined)?.body?.text;
  return text ?? interactive ?? '';
}

/** A message from a user with a username: no `from`, only the business-scoped user id (courier's hello_user_id_only). */
function fromUsername(userId: string, body: string): Record<string, unknown> {
  const m = waText('0', body);
  delete m.from;
  return { ...m, from_user_id: userId, from_parent_user_id: 'US.ENT.11815799212886844830' };
}

describe.each(['memory', 'redis'] as const)('WhatsApp channel (%s)', (backend) => {
  describe('users with a WhatsApp username (business-scoped user id)', () => {
    it('answers a BSUID-only user, addressing the reply with `recipient`, and matches its statuses', async () => {
      const app = await assistant(backend);
      const bsuid = 'US.13491208655302741918';
      const replies = await app.exchange(bsuid, [fromUsername(bsuid, 'Bonjour')]);
      expect(replies.length).toBeGreaterThan(0);
      for (const m of replies) {
        expect(m.recipient).toBe(bsuid);
        expect(m).not.toHaveProperty('to');
      }
      if (app.stores.redis) {
        // Meta reports delivery with recipient_user_id only; it is matched to the user's last message.
        const lastId = `wamid.fake.${app.fake.sentMessages().length}`;
        const status = { id: lastId, status: 'read', timestamp: String(Math.floor(Date.now() / 1000)), recipient_user_id: bsuid };
        expect((await postWebhook(app.url, webhook([], [status]))).status).toBe(200);
        expect(await app.stores.redis.client.hget(app.stores.redis.keys.whatsappContact(bsuid), 'st')).toBe('read');
      }
      // The same user goes on in the same conversation: the second message is not greeted as a first contact.
      const second = await app.exchange(bsuid, [fromUsername(bsuid, 'Bonjour')]);
      expect(second.map(bodyText)).not.toEqual(replies.map(bodyText));
    });

    it('answers a user whose `from` holds the BSUID (courier hello_bsuid_in_from), with `recipient`', async () => {
      const app = await assistant(backend);
      const replies = await app.exchange('US.1234', [{ ...waText('US.1234', 'Hello'), from_user_id: 'US.1234' }]);
      expect(replies.every((m) => m.recipient === 'US.1234' && m.to === undefined)).toBe(true);
    });

    it('keeps phone-number users exactly as before when the BSUID comes along (courier hello_user_id)', async () => {
      const app = await assistant(backend);
      const replies = await app.exchange('212600000301', [{ ...waText('212600000301', 'Bonjour'), from_user_id: 'MA.1234' }]);
      expect(replies.every((m) => m.to === '212600000301' && m.recipient === undefined)).toBe(true);
      expect(app.sentTo('MA.1234')).toHaveLength(0);
    });
  });

  describe('one user seen by phone number and by business-scoped user id', () => {
    const goHome = 'Hello, I want to go back home';
    it('continues the conversation of a user first seen with both ids, then only by BSUID; replies still reach them', async () => {
      const app = await assistant(backend);
      const [phone, bsuid] = ['212600000311', 'MA.31131131131'];
      await app.exchange(phone, [{ ...waText(phone, goHome), from_user_id: bsuid }]);
      // Later Meta withholds the number (a username was adopted): only the BSUID comes.
      const later = await app.exchange(phone, [fromUsername(bsuid, 'ok')]);
      const fresh = await app.exchange('MA.39939939939', [fromUsername('MA.39939939939', 'ok')]);
      expect(later.map(bodyText)).not.toEqual(fresh.map(bodyText));
      expect(later.every((m) => m.to === phone)).toBe(true);
      expect(app.sentTo(bsuid)).toHaveLength(0);
      // "Delete my data" erases the link: the BSUID alone is a stranger again, answered by its own id.
      await app.channel.forget(phone);
      const afterErasure = await app.exchange(bsuid, [fromUsername(bsuid, 'ok')]);
      expect(afterErasure.map(bodyText)).toEqual(fresh.map(bodyText));
    });

    it('continues the conversation of a user first seen by BSUID when their number shows up (courier hello_user_id shape)', async () => {
      const app = await assistant(backend);
      const [phone, bsuid] = ['212600000312', 'MA.31231231231'];
      await app.exchange(bsuid, [fromUsername(bsuid, goHome)]);
      const both = await app.exchange(bsuid, [{ ...waText(phone, 'ok'), from_user_id: bsuid }]);
      const phoneOnly = await app.exchange(bsuid, [waText(phone, 'ok')]);
      const fresh = await app.exchange('212600000313', [waText('212600000313', 'ok')]);
      for (const replies of [both, phoneOnly]) {
        expect(replies.map(bodyText)).not.toEqual(fresh.map(bodyText));
        expect(replies.every((m) => m.recipient === bsuid && m.to === undefined)).toBe(true);
      }
      expect(app.sentTo(phone)).toHaveLength(0);
    });
  });

  describe('notices and messages that need no answer', () => {
    it('answers none of revoke, edit, system notices, group messages and messages to another business number', async () => {
      const app = await assistant(backend);
      const user = '212600000302';
      await app.exchange(user, [waText(user, 'Bonjour')]);
      const before = app.sentTo(user).length;
      const ignored = [
        waMessage(user, 'revoke', { revoke: { original_message_id: 'wamid.old' } }),
        waMessage(user, 'edit', { edit: { original_message_id: 'wamid.old', message: { type: 'text', text: { body: 'edited' } } } }),
        waMessage(user, 'system', { system: { body: 'Security code changed', type: 'customer_identity_changed', identity: 'abc' } }),
        waMessage(user, 'system', { system: { body: 'Identity changed', type: 'identity_change' } }),
        { ...waText(user, 'Bonjour le groupe'), group_id: '555555555' },
      ];
      expect((await postWebhook(app.url, webhook(ignored))).status).toBe(200);
      const otherNumber = webhook([waText(user, 'to the other number')]);
      (otherNumber.entry[0]!.changes[0]!.value as { metadata: { phone_number_id: string } }).metadata.phone_number_id = '999888777';
      expect((await postWebhook(app.url, otherNumber)).status).toBe(200);
      // A marker after them, in the same conversation: once it is answered, they would have been too.
      const marker = await app.exchange(user, [waText(user, 'menu')]);
      expect(app.sentTo(user).length).toBe(before + marker.length);
      const metricsText = await app.metrics.registry.metrics();
      for (const reason of ['revoke', 'edit', 'system', 'group', 'otherBusinessNumber']) {
        expect(metricsText).toMatch(new RegExp(`tdu_whatsapp_ignored_total\\{reason="${reason}"\\} [1-9]`));
      }
    });

    it('moves the user to their new number silently: state, contact record and menu follow', async () => {
      const app = await assistant(backend);
      const oldNumber = '212600000303';
      const newNumber = '212600000399';
      // Talk in English, so the language lives in the user's state.
      await app.exchange(oldNumber, [waText(oldNumber, 'Hello, I want to go back home')]);
      const menu = await app.exchange(oldNumber, [waText(oldNumber, 'menu')]);
      expect(menu.length).toBeGreaterThan(0);
      const repliesToOld = app.sentTo(oldNumber).length;
      const notice = waMessage(oldNumber, 'system', {
        system: { body: 'User changed from 212600000303 to 212600000399', new_wa_id: newNumber, type: 'user_changed_number' },
      });
      expect((await postWebhook(app.url, webhook([notice]))).status).toBe(200);
      await waitFor(async () => (await app.queue.depth()) === 0, 5_000, 'the notice to be handled');
      // "Bye" would be met by a welcome on a first contact; the moved user gets the plain answer in English.
      const fromNew = await app.exchange(newNumber, [waText(newNumber, 'ok')]);
      const freshUser = await app.exchange('212600000398', [waText('212600000398', 'ok')]);
      expect(fromNew.map(bodyText)).not.toEqual(freshUser.map(bodyText));
      // Nothing was sent about the notice, to either number.
      expect(app.sentTo(oldNumber)).toHaveLength(repliesToOld);
      expect(fromNew.map(bodyText).join('\n')).not.toMatch(/Bienvenue|Bonjour/);
      if (app.stores.redis) {
        const { client, keys } = app.stores.redis;
        expect(await client.exists(keys.whatsappContact(oldNumber))).toBe(0);
        expect(await client.exists(keys.whatsappContact(newNumber))).toBe(1);
        expect(await client.exists(keys.state(`whatsapp/users/${oldNumber}/`))).toBe(0);
        // Nothing under or about the old number is left anywhere in Redis (keys and values).
        const leftovers = (await everythingStored(client, app.prefix)).filter((line) => line.includes(oldNumber));
        expect(leftovers).toEqual([]);
      }
    });
  });

  describe('a number change in the middle of open work', () => {
    it('the caseworker\'s reply and a held reply replayed by staff reach the new number; nothing goes to the old one', async () => {
      const app = await assistant(backend);
      const [oldNumber, newNumber] = ['212600000321', '212600000322'];
      // The user's last message is 25 hours old: the bot's answer is held (window closed) for staff.
      const stale = { ...waText(oldNumber, 'Bonjour'), timestamp: String(Math.floor(Date.now() / 1000) - 25 * 3600) };
      expect((await postWebhook(app.url, webhook([stale]))).status).toBe(200);
      await waitFor(async () => (await app.queue.depth()) === 0, 15_000, 'the stale message to be handled');
      const { ticket } = await app.handoff.open({ channel: 'whatsapp', userId: oldNumber, conversationId: oldNumber, language: 'fr', priority: 'normal', reason: 'asked' });
      const notice = waMessage(oldNumber, 'system', { system: { body: 'User changed number', new_wa_id: newNumber, type: 'user_changed_number' } });
      expect((await postWebhook(app.url, webhook([notice]))).status).toBe(200);
      await waitFor(async () => (await app.handoff.openTicketOf('whatsapp', newNumber)) !== undefined, 15_000, 'the ticket to follow the user');
      // The user writes from the new number (the window opens there); the caseworker answers through the channel.
      await app.exchange(newNumber, [waText(newNumber, 'Bonjour')]);
      const moved = (await app.handoff.openTicketOf('whatsapp', newNumber))!;
      expect(moved.id).toBe(ticket.id);
      const messenger = createHandoffMessenger({ webchat: { notify: async () => 'unreachable' }, whatsapp: app.channel });
      expect(await messenger.send(moved, 'Bonjour, je suis Amina.', 'cw-1')).toBe('sent');
      expect(app.texts(newNumber)).toContain('Bonjour, je suis Amina.');
      if (app.stores.redis) {
        const { client, keys } = app.stores.redis;
        const outbox = new RedisOutbox(client, keys);
        const [held] = await outbox.list('held');
        expect(held?.waId).toBe(newNumber);
        const replayed = await createReplaySender(app.config, client, keys, outbox, 'test')!().replay('held', held!.id);
        expect(replayed?.status).toBe('sent');
        expect(app.sentTo(newNumber).some((m) => JSON.stringify(m).includes(JSON.stringify(held!.message).slice(1, 30)))).toBe(true);
      }
      expect(app.sentTo(oldNumber)).toHaveLength(0);
    });
  });

  describe('language of very short messages', () => {
    it('answers a new user in the language their number or profile name suggests, and keeps a conversation\'s language', async () => {
      const app = await assistant(backend);
      const english = translator.forLanguage('en');
      const french = translator.forLanguage('fr');
      const arabic = translator.forLanguage('ar');
      const said = (replies: Array<Record<string, unknown>>) => replies.map(bodyText).join('\n');
      // A Nigerian number, no conversation yet: "Body Text" carries no language of its own.
      expect(said(await app.exchange('2348012345678', [waText('2348012345678', 'Body Text')]))).toContain(english('welcome.intro'));
      // A Moroccan number says nothing: the default language.
      expect(said(await app.exchange('212600000305', [waText('212600000305', 'Body Text')]))).toContain(french('welcome.intro'));
      // An Arabic-script profile name (read, never kept) suggests Arabic.
      const named = webhook([waText('212600000306', 'ok')]);
      (named.entry[0]!.changes[0]!.value as { contacts: Array<{ profile: { name: string } }> }).contacts[0]!.profile.name = 'محمد';
      const before = app.sentTo('212600000306').length;
      expect((await postWebhook(app.url, named)).status).toBe(200);
      await waitFor(() => app.sentTo('212600000306').length > before, 15_000, 'the reply');
      await waitFor(async () => (await app.queue.depth()) === 0, 5_000, 'an empty queue');
      expect(said(app.sentTo('212600000306'))).toContain(arabic('welcome.intro'));
      // Once a conversation is in English, a very short message stays in English, whatever the number.
      await app.exchange('2250700000001', [waText('2250700000001', 'Hello, I want to go back to my country')]);
      const short = await app.exchange('2250700000001', [waText('2250700000001', 'Body Text')]);
      expect(said(short)).not.toMatch(/[éèà]|Je |Vous /);
    });
  });

  describe('button and list replies whose id is not ours', () => {
    it('reads a template quick reply or old menu row by its title, not by its id', async () => {
      const app = await assistant(backend);
      const user = '212600000304';
      await app.exchange(user, [waText(user, 'Bonjour')]);
      const typed = await app.exchange(user, [waText(user, 'Prendre rendez-vous')]);
      const tapped = await app.exchange(user, [
        waMessage(user, 'interactive', { interactive: { type: 'button_reply', button_reply: { id: 'callback_data', title: 'Prendre rendez-vous' } } }),
      ]);
      expect(tapped.map(bodyText)).toEqual(typed.map(bodyText));
      const template = await app.exchange(user, [waMessage(user, 'button', { button: { payload: 'callback_data', text: 'Prendre rendez-vous' } })]);
      expect(template.map(bodyText)).toEqual(typed.map(bodyText));
      // A row of an older menu whose topic was since removed is read by its title too.
      const oldRow = await app.exchange(user, [
        waMessage(user, 'interactive', { interactive: { type: 'list_reply', list_reply: { id: 'faq:avrr.removed_topic', title: 'Prendre rendez-vous' } } }),
      ]);
      expect(oldRow.map(bodyText)).toEqual(typed.map(bodyText));
      // Our own buttons still act as commands.
      const menu = await app.exchange(user, [waMessage(user, 'interactive', { interactive: { type: 'button_reply', button_reply: { id: 'menu', title: 'Whatever' } } })]);
      expect(menu.map(bodyText)).toEqual([translator.forLanguage('fr')('menu.prompt')]);
    });
  });
});
