import { afterAll, inject } from 'vitest';
import { createRedisClusterClient, type RedisClient } from '../../src/stores/redis/redisConnection.js';
import { Redis } from 'ioredis';

/** The two Redis set-ups the store suites run against: one server, and the 3-master cluster of the test run. */
export type RedisTopology = 'redis' | 'redis cluster';

/** Both topologies, for `describe.each`. */
export const REDIS_TOPOLOGIES: readonly RedisTopology[] = ['redis', 'redis cluster'];

const opened: RedisClient[] = [];
// Registered when a test file imports this module (each file gets its own copy), so its clients close with it.
afterAll(async () => {
  await Promise.all(opened.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
});

/** A new client on the test run's Redis of `topology`, closed after the file's tests. */
export function testRedisClient(topology: RedisTopology = 'redis'): RedisClient {
  const client = topology === 'redis cluster' ? createRedisClusterClient(inject('redisClusterNodes'), 'test') : new Redis(inject('redisUrl'));
  opened.push(client);
  return client;
}
