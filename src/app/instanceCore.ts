// The parts both sides of an instance need (its HTTP main thread and its turn worker threads): stores, queue,
// translator, content, appointments, handoff queue. No bot, matcher or HTTP server here.
import type { Config } from '../config/config.js';
import { createAppointments, type Appointments } from '../domain/appointments/createAppointments.js';
import { createContentStore, type ContentStore } from '../domain/content/contentRepository.js';
import { HandoffQueue } from '../domain/handoff/handoffQueue.js';
import { parseOfficeHours, type OfficeHours } from '../domain/handoff/officeHours.js';
import { createTranslator, type Translator } from '../i18n/i18n.js';
import type { AppLogger } from '../observability/logger.js';
import type { AppMetrics } from '../observability/metrics.js';
import { createInboundQueue } from '../pipeline/createInboundQueue.js';
import { BufferedStateStorage } from '../stores/bufferedStateStorage.js';
import { createTurnOutcomeStore } from '../stores/createTurnOutcomeStore.js';
import type { TurnOutcomeStore } from '../stores/turnOutcomeStore.js';
import type { HybridOptions } from '../domain/nlu/hybridUnderstander.js';
import { createHandoffStore } from '../stores/createHandoffStores.js';
import { createStores, type StoreBackend } from '../stores/createStores.js';
import { MemoryConversationLog } from '../stores/memory/memoryConversationLog.js';
import { MemoryUnansweredLog } from '../stores/memory/memoryUnansweredLog.js';
import { redisTargetOf } from '../stores/redis/redisConnection.js';
import { RedisConversationLog } from '../stores/redis/redisConversationLog.js';
import { enforceRedisDurability } from '../stores/redis/redisDurability.js';
import { RedisUnansweredLog } from '../stores/redis/redisUnansweredLog.js';
import type { ConversationLog, InboundQueue, UnansweredLog } from '../stores/types.js';

/** What both the HTTP side and the turn side of an instance are built on. */
export interface InstanceCore {
  readonly config: Config;
  readonly logger: AppLogger;
  readonly metrics: AppMetrics | undefined;
  readonly stores: StoreBackend;
  readonly conversationLog: ConversationLog;
  readonly queue: InboundQueue;
  /** The bot state, buffered: queued turns hold their writes back until their replies are stored with them (decidedTurn.ts). */
  readonly state: BufferedStateStorage;
  readonly unanswered: UnansweredLog;
  /** Decided turns (replies and state writes) stored before anything is sent: each turn's outbox. */
  readonly outcomes: TurnOutcomeStore;
  readonly translator: Translator;
  readonly content: ContentStore;
  readonly appointments: Appointments;
  readonly handoffQueue: HandoffQueue | undefined;
  readonly officeHours: OfficeHours | undefined;
  /** Closes the watchers and the stores (after the turns in flight are done). */
  close(): Promise<void>;
}

/** Opens the stores (and checks Redis durability), then builds the parts every thread of the instance shares. */
export async function buildInstanceCore(config: Config, logger: AppLogger, metrics: AppMetrics | undefined): Promise<InstanceCore> {
  const stores = createStores({ redis: redisTargetOf(config), keyPrefix: config.KEY_PREFIX, stateTtlSeconds: config.STATE_TTL_SECONDS });
  logger.info({ store: stores.kind }, stores.kind === 'redis' ? 'using Redis' : 'using the embedded in-memory store (data is lost on restart)');
  const conversationLog = stores.redis
    ? new RedisConversationLog(stores.redis.client, stores.redis.keys, config.STATE_TTL_SECONDS)
    : new MemoryConversationLog(config.STATE_TTL_SECONDS);
  if (stores.redis) await enforceRedisDurability(stores.redis.client, { require: config.REDIS_REQUIRE_DURABLE, warn: (d, m) => logger.warn(d, m) });
  const queue = createInboundQueue(stores, {
    maxDepth: config.INBOUND_QUEUE_MAX_DEPTH,
    maxDepthByChannel: { webchat: config.WEBCHAT_QUEUE_MAX_DEPTH },
    deadLetterTtlSeconds: config.DEAD_LETTER_TTL_SECONDS,
    partitions: config.INBOUND_PARTITIONS,
    idlePollMaxMs: config.INBOUND_IDLE_POLL_MAX_MS,
  });
  const translator = await createTranslator(config.LOCALES_DIR, config.DEFAULT_LANGUAGE);
  const content = createContentStore({ localesDir: config.LOCALES_DIR, logger, watchMode: config.CONTENT_WATCH_MODE });
  const appointments = createAppointments({ file: config.ORIENTATION_POINTS_FILE, localesDir: config.LOCALES_DIR, backend: stores, logger, watchMode: config.CONTENT_WATCH_MODE });
  const handoffQueue = config.HANDOFF_ENABLED
    ? new HandoffQueue({ store: createHandoffStore(stores), leaseMs: config.HANDOFF_LEASE_MS, silentMs: config.HANDOFF_SILENT_MS, capacity: config.HANDOFF_CAPACITY, windowSoonMs: config.HANDOFF_WINDOW_SOON_MS, retentionMs: config.HANDOFF_RETENTION_DAYS * 86_400_000 })
    : undefined;
  return {
    config,
    logger,
    metrics,
    stores,
    conversationLog,
    queue,
    state: new BufferedStateStorage(stores.stateStorage),
    outcomes: createTurnOutcomeStore(stores),
    unanswered: stores.redis ? new RedisUnansweredLog(stores.redis.client, stores.redis.keys) : new MemoryUnansweredLog(),
    translator,
    content,
    appointments,
    handoffQueue,
    officeHours: config.HANDOFF_OFFICE_HOURS.trim() ? parseOfficeHours(config.HANDOFF_OFFICE_HOURS, config.HANDOFF_CLOSED_DATES) : undefined,
    close: async () => {
      content.close();
      appointments.close();
      await conversationLog.close();
      await handoffQueue?.shutdown();
      await stores.close();
    },
  };
}

/** The understander's options: the instance's trainer and every thread's understander must use the same. */
export function understanderOptions(config: Pick<Config, 'DEFAULT_LANGUAGE'>): HybridOptions {
  return { matcher: { defaultLanguage: config.DEFAULT_LANGUAGE } };
}
