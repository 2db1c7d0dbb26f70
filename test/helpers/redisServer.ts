import { startLocalRedis, type LocalRedisOptions, type LocalRedisServer } from '../../src/cli/localRedis/redisServerProcess.js';

export { freePort } from '../../src/cli/localRedis/redisServerProcess.js';

/** A private redis-server started for tests on a free loopback port, in its own temp dir (see src/cli/localRedis). */
export type RedisServerHandle = LocalRedisServer;

/** Options of {@link startRedisServer}: AOF, eviction policy, password, TLS. */
export type RedisServerOptions = LocalRedisOptions;

/**
 * Starts `redis-server` (must be on PATH; `npm test` checks) and waits until it answers PING. By default it
 * runs like production should: append-only file on, fsync every second, no eviction.
 */
export function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServerHandle> {
  return startLocalRedis(options);
}
