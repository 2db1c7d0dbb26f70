import { startLocalRedisCluster, type LocalRedisCluster, type LocalRedisClusterOptions } from '../../src/cli/localRedis/redisClusterProcess.js';

/** A private Redis Cluster started for tests on free loopback ports, each node in its own temp dir (see src/cli/localRedis). */
export type RedisClusterHandle = LocalRedisCluster;

/** Starts a 3-master Redis Cluster (or `masters`), optionally password-protected and/or TLS, and waits until it is ok. */
export function startRedisCluster(masters = 3, access: Omit<LocalRedisClusterOptions, 'masters'> = {}): Promise<RedisClusterHandle> {
  return startLocalRedisCluster({ ...access, masters });
}
