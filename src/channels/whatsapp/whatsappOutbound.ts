import type { Config } from '../../config/config.js';
import type { Translator } from '../../i18n/i18n.js';
import type { AppLogger } from '../../observability/logger.js';
import type { StoreBackend } from '../../stores/createStores.js';
import { MemoryMenuMemory } from '../../stores/memory/memoryMenuMemory.js';
import { MemoryOutbox } from '../../stores/memory/memoryOutbox.js';
import type { MenuMemoryStore } from '../../stores/menuMemoryStore.js';
import type { OutboxStore } from '../../stores/outboxStore.js';
import { RedisMenuMemory } from '../../stores/redis/redisMenuMemory.js';
import { RedisOutbox } from '../../stores/redis/redisOutbox.js';
import { GraphClient } from './graphClient.js';
import { createMenuMemory, type MenuMemory } from './menuMemory.js';
import type { WhatsAppAdapterOptions } from './whatsappAdapter.js';
import { RedisTokenBucket } from '../../stores/redis/redisTokenBucket.js';
import { WhatsAppSender } from './whatsappSender.js';
import type { AmbiguousResendCause, SenderClock, SenderContacts } from './whatsappSenderTypes.js';

/** Dependencies of {@link createWhatsAppOutbound}. */
export interface WhatsAppOutboundDeps {
  /** Uses WHATSAPP_API_URL, _PHONE_NUMBER_ID, _ACCESS_TOKEN, _RATE_PER_SECOND, _REENGAGE_TEMPLATE(_LANGUAGE), DEFAULT_LANGUAGE. */
  readonly config: Pick<
    Config,
    | 'WHATSAPP_API_URL'
    | 'WHATSAPP_PHONE_NUMBER_ID'
    | 'WHATSAPP_ACCESS_TOKEN'
    | 'WHATSAPP_RATE_PER_SECOND'
    | 'WHATSAPP_REENGAGE_TEMPLATE'
    | 'WHATSAPP_REENGAGE_TEMPLATE_LANGUAGE'
    | 'DEFAULT_LANGUAGE'
  > &
    Partial<Pick<Config, 'DEAD_LETTER_TTL_SECONDS' | 'SEND_CONCURRENCY'>>;
  /** The store backend (memory or Redis) the menu memory and outbox are built on. */
  readonly backend: Pick<StoreBackend, 'redis'>;
  /** The WhatsApp contact store (24-hour window, last outbound id). */
  readonly contacts: SenderContacts;
  readonly translator: Translator;
  readonly logger: AppLogger;
  /** Injected clock for tests; default the real one. */
  readonly clock?: SenderClock;
  /** Counts replies sent again after an attempt with an unknown result (metric tdu_outbound_ambiguous_resends_total). */
  readonly onAmbiguousResend?: (cause: AmbiguousResendCause) => void;
}

/** The outbound half of the WhatsApp channel, ready to wire. */
export interface WhatsAppOutbound {
  readonly graph: GraphClient;
  readonly outbox: OutboxStore;
  /** Pass to the inbound turn handler (it resolves numbered answers). */
  readonly menuMemory: MenuMemory;
  /** The store under the menu memory (a number change moves the user's menu). */
  readonly menuStore: MenuMemoryStore;
  /** Pass to the inbound turn handler (it marks messages read). */
  readonly sender: WhatsAppSender;
  /**
   * What the adapter that runs the WhatsApp turns is built with (`new WhatsAppAdapter(adapterOptions)`, where turns
   * run): the adapter is a botbuilder class, which the HTTP side of an instance with turn threads does not load.
   */
  readonly adapterOptions: WhatsAppAdapterOptions;
}

/**
 * Builds Graph client, outbox, menu memory, sender and the adapter's options from configuration, on Redis when the backend
 * has it and in memory otherwise. Throws when the WhatsApp phone number id or token is missing.
 */
export function createWhatsAppOutbound(deps: WhatsAppOutboundDeps): WhatsAppOutbound {
  const { config, backend, logger } = deps;
  if (!config.WHATSAPP_PHONE_NUMBER_ID || !config.WHATSAPP_ACCESS_TOKEN) {
    throw new Error('createWhatsAppOutbound needs WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN');
  }
  const graph = new GraphClient({
    apiUrl: config.WHATSAPP_API_URL,
    phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
    accessToken: config.WHATSAPP_ACCESS_TOKEN,
    // Each delivery may have its read receipt and a reply in flight at once.
    ...(config.SEND_CONCURRENCY ? { maxSockets: Math.max(64, 2 * config.SEND_CONCURRENCY) } : {}),
  });
  const redis = backend.redis;
  const outbox: OutboxStore = redis ? new RedisOutbox(redis.client, redis.keys) : new MemoryOutbox();
  const menuStore: MenuMemoryStore = redis ? new RedisMenuMemory(redis.client, redis.keys) : new MemoryMenuMemory();
  const menuMemory = createMenuMemory(menuStore);
  const sender = new WhatsAppSender({
    graph,
    outbox,
    contacts: deps.contacts,
    logger,
    ratePerSecond: config.WHATSAPP_RATE_PER_SECOND,
    // With Redis every instance draws from one bucket per business number, so together they keep Meta's rate.
    rateLimiter: redis ? new RedisTokenBucket(redis.client, redis.keys.whatsappRate(config.WHATSAPP_PHONE_NUMBER_ID), config.WHATSAPP_RATE_PER_SECOND) : undefined,
    ...(config.DEAD_LETTER_TTL_SECONDS ? { parkedTtlMs: config.DEAD_LETTER_TTL_SECONDS * 1000 } : {}),
    onAmbiguousResend: deps.onAmbiguousResend,
    reengageTemplate: config.WHATSAPP_REENGAGE_TEMPLATE
      ? { name: config.WHATSAPP_REENGAGE_TEMPLATE, language: config.WHATSAPP_REENGAGE_TEMPLATE_LANGUAGE }
      : undefined,
    clock: deps.clock,
  });
  const adapterOptions: WhatsAppAdapterOptions = { sender, menuMemory, translator: deps.translator, logger, defaultLanguage: config.DEFAULT_LANGUAGE };
  return { graph, outbox, menuMemory, menuStore, sender, adapterOptions };
}
