import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Cluster, Redis } from 'ioredis';
import type { Config } from '../../config/config.js';

/**
 * What every Redis store takes: one Redis server or a Redis Cluster. Stores only issue commands, MULTIs and
 * scripts whose keys share one hash tag, which both accept alike (see README "Scale-out on Redis Cluster").
 */
export type RedisClient = Redis | Cluster;

/** Credentials and TLS of every node of a Redis Cluster (one server's URL carries its own: `rediss://user:pass@…`). */
export interface RedisClusterAuth {
  readonly username?: string;
  readonly password?: string;
  /** Talk TLS to every node (as `rediss://` does for one server). */
  readonly tls?: boolean;
}

/** Where Redis is: one server by URL, or a cluster by its seed nodes (`host:port`). */
export interface RedisTarget {
  readonly url?: string;
  /** Seed nodes of a Redis Cluster; when given, they win over `url`. */
  readonly clusterNodes?: readonly string[];
  readonly clusterAuth?: RedisClusterAuth;
  /** PEM file of the CA that signed the server certificates, for `rediss://` and cluster TLS; default the system's CAs. */
  readonly tlsCaFile?: string;
}

/** The Redis target of a configuration (REDIS_URL, REDIS_CLUSTER_*, REDIS_TLS_CA_FILE). */
export function redisTargetOf(config: Pick<Config, 'REDIS_URL' | 'REDIS_CLUSTER_NODES' | 'REDIS_CLUSTER_USERNAME' | 'REDIS_CLUSTER_PASSWORD' | 'REDIS_CLUSTER_TLS' | 'REDIS_TLS_CA_FILE'>): RedisTarget {
  return {
    url: config.REDIS_URL,
    clusterNodes: config.REDIS_CLUSTER_NODES,
    clusterAuth: { username: config.REDIS_CLUSTER_USERNAME, password: config.REDIS_CLUSTER_PASSWORD, tls: config.REDIS_CLUSTER_TLS },
    tlsCaFile: config.REDIS_TLS_CA_FILE,
  };
}

const COMMON = {
  maxRetriesPerRequest: 2,
  enableOfflineQueue: true,
  connectTimeout: 5_000,
} as const;

/** TLS options with the CA of `caFile`, or the system's CAs. Certificates are always verified. */
function tlsOptions(caFile: string | undefined): ConnectionOptions {
  return caFile ? { ca: readFileSync(caFile) } : {};
}

/**
 * Opens an ioredis client that fails fast while Redis is down (so /readyz and webhooks can answer 503
 * instead of hanging) and reconnects in the background. A `rediss://` URL talks TLS (CA: `tlsCaFile`, or the
 * system's); user and password come from the URL.
 */
export function createRedisClient(url: string, name = 'trait-d-union', tlsCaFile?: string): Redis {
  return new Redis(url, {
    connectionName: name,
    ...COMMON,
    ...(url.startsWith('rediss://') ? { tls: tlsOptions(tlsCaFile) } : {}),
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  });
}

/**
 * Opens an ioredis {@link Cluster} client on the given seed nodes (`host:port`), with the same fail-fast and
 * reconnect behaviour as {@link createRedisClient}. Reads go to masters: a replica may lag behind a script.
 * `auth` applies to every node the cluster names, not only the seeds.
 */
export function createRedisClusterClient(nodes: readonly string[], name = 'trait-d-union', auth: RedisClusterAuth = {}, tlsCaFile?: string): Cluster {
  if (nodes.length === 0) throw new Error('a Redis Cluster needs at least one seed node (host:port)');
  return new Cluster(nodes.map(parseNode), {
    scaleReads: 'master',
    enableOfflineQueue: true,
    clusterRetryStrategy: (times) => Math.min(times * 200, 2_000),
    redisOptions: {
      connectionName: name,
      ...COMMON,
      ...(auth.username ? { username: auth.username } : {}),
      ...(auth.password ? { password: auth.password } : {}),
      ...(auth.tls ? { tls: tlsOptions(tlsCaFile) } : {}),
    },
  });
}

/** The client for `target`: a Cluster when seed nodes are given, else one server at `url`. */
export function connectRedis(target: RedisTarget, name?: string): RedisClient {
  if (target.clusterNodes && target.clusterNodes.length > 0) return createRedisClusterClient(target.clusterNodes, name, target.clusterAuth, target.tlsCaFile);
  if (!target.url) throw new Error('no Redis configured: set REDIS_URL or REDIS_CLUSTER_NODES');
  return createRedisClient(target.url, name, target.tlsCaFile);
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
