import { MemoryStateStorage } from './memory/memoryStateStorage.js';
import { connectRedis, type RedisClient, type RedisTarget } from './redis/redisConnection.js';
import { redisKeys, type RedisKeys } from './redis/redisKeys.js';
import { RedisStateStorage } from './redis/redisStateStorage.js';
import type { StateStorage, StoreHealth, StoreKind } from './types.js';

/** Options of {@link createStores}. */
export interface StoreOptions {
  /** Redis URL (a shorthand for `redis: { url }`); undefined, like no `redis`, selects the embedded in-memory store. */
  readonly redisUrl?: string;
  /** Where Redis is (config REDIS_URL, REDIS_CLUSTER_*, REDIS_TLS_CA_FILE: see `redisTargetOf`); wins over `redisUrl`. */
  readonly redis?: RedisTarget;
  readonly keyPrefix: string;
  /** Idle lifetime of conversation and user state, in seconds. */
  readonly stateTtlSeconds: number;
}

/**
 * The backing store chosen by configuration: a shared Redis connection and key builder, or nothing
 * (memory). Each domain store is built from it by its own factory, so this file does not grow with them.
 */
export interface StoreBackend extends StoreHealth {
  readonly kind: StoreKind;
  /** Present when kind is 'redis'. */
  readonly redis?: { readonly client: RedisClient; readonly keys: RedisKeys };
  readonly stateStorage: StateStorage;
}

/** Opens the store selected by `options`. */
export function createStores(options: StoreOptions): StoreBackend {
  const target = options.redis ?? { url: options.redisUrl };
  if (!target.url && (target.clusterNodes ?? []).length === 0) {
    return {
      kind: 'memory',
      stateStorage: new MemoryStateStorage(options.stateTtlSeconds),
      ping: async () => {},
      close: async () => {},
    };
  }
  const client = connectRedis(target);
  const keys = redisKeys(options.keyPrefix);
  return {
    kind: 'redis',
    redis: { client, keys },
    stateStorage: new RedisStateStorage(client, keys, options.stateTtlSeconds),
    ping: async () => {
      if ((await client.ping()) !== 'PONG') throw new Error('Redis did not answer PONG');
    },
    close: async () => {
      await client.quit().catch(() => client.disconnect());
    },
  };
}
