import type { TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import type { Config } from '../../config/config.js';
import type { Translator } from '../../i18n/i18n.js';
import type { AppLogger } from '../../observability/logger.js';
import type { AppMetrics } from '../../observability/metrics.js';
import type { StoreBackend } from '../../stores/createStores.js';
import { MemoryWhatsAppContacts } from '../../stores/memory/memoryWhatsAppContacts.js';
import { RedisWhatsAppContacts } from '../../stores/redis/redisWhatsAppContacts.js';
import { RedisWhatsAppArrivals } from '../../stores/redis/redisWhatsAppArrivals.js';
import { composedWhatsAppArrivals } from '../../stores/whatsappArrivals.js';
import type { DecidedTurnDeps } from '../../pipeline/decidedTurn.js';
import type { ChannelTurnHandler } from '../../pipeline/turnWorker.js';
import type { InboundQueue } from '../../stores/types.js';
import type { OwnCommandCheck } from './inboundActivity.js';
import { channelRecordSteps, createWhatsAppNumberChange, createWhatsAppUserMove, type StateKeysOf, type UserRecordsStep } from './whatsappNumberChange.js';
import { MemoryWhatsAppIdentityLinks } from '../../stores/memory/memoryWhatsAppIdentityLinks.js';
import { RedisWhatsAppIdentityLinks } from '../../stores/redis/redisWhatsAppIdentityLinks.js';
import type { WhatsAppIdentityLinks } from '../../stores/whatsappIdentityLinks.js';
import { GraphMedia } from './graphMedia.js';
import type { SendOutcome } from './whatsappSenderTypes.js';
import { registerWhatsAppRoutes, whatsappConversationKey } from './whatsappWebhook.js';
import { createWhatsAppOutbound } from './whatsappOutbound.js';
import type { ChannelNotifier } from '../channelNotifier.js';
import { createWhatsAppNotifier } from './whatsappNotifier.js';
import { createWhatsAppTurnHandler, type WhatsAppTurnHandlerDeps } from './whatsappTurnHandler.js';
import type { WhatsAppAdapterOptions } from './whatsappAdapter.js';

/** Dependencies of {@link createWhatsAppChannel}. */
export interface WhatsAppChannelDeps {
  readonly config: Config;
  readonly backend: Pick<StoreBackend, 'redis' | 'stateStorage'>;
  readonly queue: InboundQueue;
  readonly translator: Translator;
  readonly bot: { run(context: TurnContext): Promise<void> };
  /** Outcome store, buffered state, apology, crash hook: what every queued channel shares (see decidedTurn.ts). */
  readonly turns: Pick<DecidedTurnDeps, 'outcomes' | 'state' | 'apologise' | 'outcomeTtlMs' | 'crash'>;
  readonly server: Server;
  readonly logger: AppLogger;
  readonly metrics?: Pick<AppMetrics, 'whatsappIgnored' | 'ambiguousResends'>;
  /** The bot's state keys of a user, so a number change can move them. */
  readonly stateKeysOf: StateKeysOf;
  /** Whether a tapped reply id is one of the bot's commands (else its title is read as free text). */
  readonly isOwnCommand?: OwnCommandCheck;
  /**
   * Steps re-addressing records kept outside the channel that name a WhatsApp user (handoff tickets, bookings)
   * when the user changes number; each idempotent.
   */
  readonly userRecordMoves?: readonly UserRecordsStep[];
  /**
   * Builds the adapter the channel's turns run on (`(options) => new WhatsAppAdapter(options)`). Without it the
   * channel has no turn handler: it serves the webhook and sends (the HTTP side of an instance whose turns run in
   * threads, which so never loads botbuilder).
   */
  readonly turnAdapter?: (options: WhatsAppAdapterOptions) => WhatsAppTurnHandlerDeps['adapter'];
}

/** The built channel: its TurnWorker handler, and what "delete my data" must erase. */
export interface WhatsAppChannel {
  /** Undefined without {@link WhatsAppChannelDeps.turnAdapter} (no turns run here). */
  readonly handleTurn: ChannelTurnHandler | undefined;
  /** Erases what the channel keeps about one user (contact record, links to their other id, inbound and outbound dead letters, held messages). */
  readonly forget: (waId: string) => Promise<void>;
  /** Proactive messages (appointment reminders, staff cancellations), with the reminder template outside the window. */
  readonly notifier: ChannelNotifier;
  /**
   * Sends a message outside a bot turn (a caseworker's reply) through the channel's sender, so it has the same
   * retries, idempotency (`key`) and 24-hour window handling: `held` when the window is closed.
   */
  readonly sendText: (waId: string, text: string, key: string) => Promise<'sent' | 'held' | 'failed'>;
  /**
   * Sends the message held under idempotency key `key` (window closed then) now, taking it from the held list
   * atomically so it goes out once. `sent` also when it already went out (another instance, a staff replay),
   * `failed` when it is a dead letter, `gone` when nothing is known of the key (erased, expired), undefined while
   * another instance is sending it.
   */
  readonly sendHeld: (waId: string, key: string) => Promise<'sent' | 'held' | 'failed' | 'gone' | undefined>;
  /** Sends an approved template (any time, window or not). */
  readonly sendTemplate: (waId: string, template: { name: string; language: string }, key: string) => Promise<'sent' | 'held' | 'failed'>;
  /** When the user's 24-hour customer-service window closes (ms), undefined when they never wrote or it expired. */
  readonly windowClosesAt: (waId: string) => Promise<number | undefined>;
  /** Reads a media file the user sent (Graph media API), for the caseworker console; nothing is stored. */
  readonly fetchMedia: (mediaId: string) => Promise<{ contentType: string; data: Buffer } | undefined>;
}

const WINDOW_MS = 24 * 3600_000;

/**
 * Builds the whole WhatsApp channel on the configured backend: contact store, outbound sender and adapter,
 * the webhook routes, and the TurnWorker handler for channel `whatsapp`.
 */
export function createWhatsAppChannel(deps: WhatsAppChannelDeps): WhatsAppChannel {
  const { config, backend, logger } = deps;
  const contacts = backend.redis ? new RedisWhatsAppContacts({ client: backend.redis.client, keys: backend.redis.keys }) : new MemoryWhatsAppContacts();
  const links: WhatsAppIdentityLinks = backend.redis
    ? new RedisWhatsAppIdentityLinks(backend.redis.client, backend.redis.keys, config.WHATSAPP_LINK_TTL_SECONDS)
    : new MemoryWhatsAppIdentityLinks(config.WHATSAPP_LINK_TTL_SECONDS);
  const onAmbiguousResend = (cause: string) => deps.metrics?.ambiguousResends.inc({ channel: 'whatsapp', cause });
  const outbound = createWhatsAppOutbound({ config, backend, contacts, translator: deps.translator, logger, onAmbiguousResend });
  // No onTurnError: a failing turn must reject so the worker retries it, then dead-letters it and apologises once.
  const userMove = createWhatsAppUserMove(backend, contacts, outbound.menuStore, config.WHATSAPP_MOVE_MARKER_TTL_SECONDS);
  // On Redis each arrival check is one script with the inbound time (the id's hash tag); else the two steps.
  const arrivals = backend.redis ? new RedisWhatsAppArrivals(backend.redis.client, backend.redis.keys) : composedWhatsAppArrivals({ links, userMove, contacts });
  registerWhatsAppRoutes(deps.server, { config, queue: deps.queue, contacts, links, arrivals, logger, ...(deps.metrics ? { metrics: deps.metrics } : {}) });
  const numberChange = createWhatsAppNumberChange({
    userMove,
    links,
    stateKeysOf: deps.stateKeysOf,
    steps: [...channelRecordSteps({ outbox: outbound.outbox, queue: deps.queue, outcomes: deps.turns.outcomes, stateKeysOf: deps.stateKeysOf }), ...(deps.userRecordMoves ?? [])],
    logger,
  });
  const media = new GraphMedia({ apiUrl: config.WHATSAPP_API_URL, accessToken: config.WHATSAPP_ACCESS_TOKEN ?? '' });
  const outcome = (status: SendOutcome['status']) => (status === 'sent' || status === 'duplicate' ? 'sent' : status === 'held' ? 'held' : 'failed');
  return {
    handleTurn: deps.turnAdapter && createWhatsAppTurnHandler({
      ...deps.turns,
      adapter: deps.turnAdapter(outbound.adapterOptions),
      bot: deps.bot,
      menuMemory: outbound.menuMemory,
      contacts,
      sender: outbound.sender,
      logger,
      numberChange,
      arrivals,
      stateKeysOf: deps.stateKeysOf,
      ...(deps.isOwnCommand ? { isOwnCommand: deps.isOwnCommand } : {}),
    }),
    forget: async (waId) => {
      await contacts.forget(waId);
      await outbound.outbox.forgetUser(waId);
      await deps.queue.forgetConversation(whatsappConversationKey(waId));
      await links.forget(waId);
    },
    notifier: createWhatsAppNotifier({
      sender: outbound.sender,
      contacts,
      menuMemory: outbound.menuMemory,
      translator: deps.translator,
      template: config.WHATSAPP_REMINDER_TEMPLATE ? { name: config.WHATSAPP_REMINDER_TEMPLATE, language: config.WHATSAPP_REMINDER_TEMPLATE_LANGUAGE } : undefined,
      cancellationTemplate: config.WHATSAPP_CANCELLATION_TEMPLATE ? { name: config.WHATSAPP_CANCELLATION_TEMPLATE, language: config.WHATSAPP_CANCELLATION_TEMPLATE_LANGUAGE } : undefined,
    }),
    sendText: async (waId, text, key) =>
      outcome((await outbound.sender.send(waId, { type: 'text', text: { body: text.slice(0, 4096), preview_url: false } }, key)).status),
    sendHeld: async (_waId, key) => {
      const state = await outbound.outbox.claimState(key);
      if (state === undefined) return 'gone';
      if (state.startsWith('sent:')) return 'sent';
      if (state.startsWith('dead:')) return 'failed';
      if (!state.startsWith('held:')) return undefined; // pending: an attempt is under way elsewhere
      const replayed = await outbound.sender.replay('held', state.slice('held:'.length));
      return replayed && outcome(replayed.status);
    },
    sendTemplate: async (waId, template, key) =>
      outcome((await outbound.sender.send(waId, { type: 'template', template: { name: template.name, language: { code: template.language } } }, key)).status),
    windowClosesAt: async (waId) => {
      const last = await contacts.lastInboundAt(waId);
      return last === undefined ? undefined : last + WINDOW_MS;
    },
    fetchMedia: (mediaId) => media.fetch(mediaId),
  };
}
