import { Redis } from 'ioredis';

/**
 * Opens an ioredis client that fails fast while Redis is down (so /readyz and webhooks can answer 503
 * instead of hanging) and reconnects in the background.
 */
export function createRedisClient(url: string, name = 'trait-d-union'): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  });
}
