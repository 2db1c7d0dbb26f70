import type { StoreBackend } from '../stores/createStores.js';
import { MemoryInboundQueue } from '../stores/memory/memoryInboundQueue.js';
import { DEFAULT_CLUSTER_INBOUND_PARTITIONS } from '../stores/redis/inboundPartitioning.js';
import { isCluster } from '../stores/redis/redisConnection.js';
import { RedisInboundQueue } from '../stores/redis/redisInboundQueue.js';
import type { InboundQueue } from '../stores/types.js';

/** Options of {@link createInboundQueue}. */
export interface InboundQueueOptions {
  /** Messages of one channel waiting or in progress past which `enqueue` answers 'full' (config `INBOUND_QUEUE_MAX_DEPTH`). */
  readonly maxDepth: number;
  /** Bounds of particular channels (config `WEBCHAT_QUEUE_MAX_DEPTH` → `{ webchat }`); the others use `maxDepth`. */
  readonly maxDepthByChannel?: Readonly<Record<string, number>>;
  /** How long a dead letter is kept, in seconds (config `DEAD_LETTER_TTL_SECONDS`); default 30 days. */
  readonly deadLetterTtlSeconds?: number;
  /** How long a message id is remembered for de-duplication, in seconds; default 604 800 (7 days). */
  readonly dedupTtlSeconds?: number;
  /** Most dead letters kept; past it the oldest are dropped (they hold personal data); default 1 000. */
  readonly maxDeadLetters?: number;
  /** Partitions of the Redis queue (config `INBOUND_PARTITIONS`); default 16 on a Redis Cluster, 1 on one Redis. */
  readonly partitions?: number;
  /** Longest pause between two claims of an idle worker on Redis, in ms (config `INBOUND_IDLE_POLL_MAX_MS`); default 1 000. */
  readonly idlePollMaxMs?: number;
}

/** The inbound queue on the configured backend: shared Redis when there is one, in memory otherwise. */
export function createInboundQueue(backend: Pick<StoreBackend, 'redis'>, options: InboundQueueOptions): InboundQueue {
  if (!backend.redis) return new MemoryInboundQueue(options);
  const partitions = options.partitions ?? (isCluster(backend.redis.client) ? DEFAULT_CLUSTER_INBOUND_PARTITIONS : 1);
  return new RedisInboundQueue({ client: backend.redis.client, keys: backend.redis.keys, ...options, partitions });
}
