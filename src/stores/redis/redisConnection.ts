import { Cluster, Redis } from 'ioredis';

/**
 * What every Redis store takes: one Redis server or a Redis Cluster. Stores only issue commands, MULTIs and
 * scripts whose keys share one hash tag, which both accept alike (see README "Scale-out on Redis Cluster").
 */
export type RedisClient = Redis | Cluster;

/** Where Redis is: one server by URL, or a cluster by its seed nodes (`host:port`). */
export interface RedisTarget {
  readonly url?: string;
  /** Seed nodes of a Redis Cluster; when given, they win over `url`. */
  readonly clusterNodes?: readonly string[];
}

const COMMON = {
  maxRetriesPerRequest: 2,
  enableOfflineQueue: true,
  connectTimeout: 5_000,
} as const;

/**
 * Opens an ioredis client that fails fast while Redis is down (so /readyz and webhooks can answer 503
 * instead of hanging) and reconnects in the background.
 */
export function createRedisClient(url: string, name = 'trait-d-union'): Redis {
  return new Redis(url, {
    connectionName: name,
    ...COMMON,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  });
}

/**
 * Opens an ioredis {@link Cluster} client on the given seed nodes (`host:port`), with the same fail-fast and
 * reconnect behaviour as {@link createRedisClient}. Reads go to masters: a replica may lag behind a script.
 */
export function createRedisClusterClient(nodes: readonly string[], name = 'trait-d-union'): Cluster {
  if (nodes.length === 0) throw new Error('a Redis Cluster needs at least one seed node (host:port)');
  return new Cluster(nodes.map(parseNode), {
    scaleReads: 'master',
    enableOfflineQueue: true,
    clusterRetryStrategy: (times) => Math.min(times * 200, 2_000),
    redisOptions: { connectionName: name, ...COMMON },
  });
}

/** The client for `target`: a Cluster when seed nodes are given, else one server at `url`. */
export function connectRedis(target: RedisTarget, name?: string): RedisClient {
  if (target.clusterNodes && target.clusterNodes.length > 0) return createRedisClusterClient(target.clusterNodes, name);
  if (!target.url) throw new Error('no Redis configured: set REDIS_URL or REDIS_CLUSTER_NODES');
  return createRedisClient(target.url, name);
}

/** Whether `client` talks to a Redis Cluster. */
export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

function parseNode(node: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(node.trim());
  if (!match) throw new Error(`Redis Cluster node must be host:port, got "${node}"`);
  return { host: match[1]!, port: Number(match[2]) };
}
