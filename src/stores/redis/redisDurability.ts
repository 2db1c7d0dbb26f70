import type { Cluster } from 'ioredis';
import { isCluster, type RedisClient } from './redisConnection.js';

/** What Redis said about its durability settings, and what is wrong with them. */
export interface RedisDurability {
  /** `appendonly`, `appendfsync`, `maxmemory-policy` as Redis reported them (undefined when CONFIG is refused). */
  readonly settings: Readonly<Record<'appendonly' | 'appendfsync' | 'maxmemory-policy', string | undefined>>;
  /** One sentence per problem, each naming the risk and the fix; empty when Redis is durable. */
  readonly problems: readonly string[];
}

/**
 * Reads `appendonly`, `appendfsync` and `maxmemory-policy` (CONFIG GET) and says what would lose data:
 * without the append-only file a Redis restart loses every queued message, reply and conversation since the
 * last snapshot; `appendfsync no` leaves up to ~30 s to the OS; an evicting policy drops keys (queued messages,
 * state) when memory is full. A Redis that refuses CONFIG (some managed services) is reported as unchecked.
 */
export async function checkRedisDurability(client: RedisClient): Promise<RedisDurability> {
  let values: Record<string, string> = {};
  try {
    const reply = (await client.call('CONFIG', 'GET', 'appendonly', 'appendfsync', 'maxmemory-policy')) as string[];
    for (let i = 0; i + 1 < reply.length; i += 2) values[reply[i]!] = reply[i + 1]!;
  } catch {
    values = {};
  }
  const settings = { appendonly: values.appendonly, appendfsync: values.appendfsync, 'maxmemory-policy': values['maxmemory-policy'] };
  const problems: string[] = [];
  if (Object.values(settings).every((v) => v === undefined)) {
    problems.push(
      'could not read the Redis configuration (CONFIG GET refused): make sure the append-only file is on (appendonly yes, appendfsync everysec) and maxmemory-policy is noeviction, or queued messages and replies can be lost',
    );
    return { settings, problems };
  }
  if (settings.appendonly !== 'yes') {
    problems.push(
      'appendonly is off: a Redis restart loses every queued message, pending reply and conversation since the last snapshot. Fix: appendonly yes (CONFIG SET appendonly yes, and in redis.conf)',
    );
  } else if (settings.appendfsync === 'no') {
    problems.push('appendfsync is no: a crash of the machine can lose the last ~30 s of messages and replies. Fix: appendfsync everysec');
  }
  if (settings['maxmemory-policy'] !== undefined && settings['maxmemory-policy'] !== 'noeviction') {
    problems.push(
      `maxmemory-policy is ${settings['maxmemory-policy']}: when memory fills, Redis silently deletes keys (queued messages, state, dead letters). Fix: maxmemory-policy noeviction (writes then fail loudly and webhooks answer 503)`,
    );
  }
  return { settings, problems };
}

/** Redis is not durable and REDIS_REQUIRE_DURABLE=true: the assistant refuses to start. */
export class RedisNotDurableError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Redis is not durable (REDIS_REQUIRE_DURABLE=true):\n- ${problems.join('\n- ')}`);
    this.name = 'RedisNotDurableError';
  }
}

/**
 * Checks Redis at start: logs one warning per problem (risk and fix), or, when `require` is true, throws
 * {@link RedisNotDurableError} so the process exits instead of running on a store that can lose messages.
 */
export async function enforceRedisDurability(
  client: RedisClient,
  options: { readonly require: boolean; readonly warn: (details: Record<string, unknown>, message: string) => void },
): Promise<RedisDurability> {
  const report = isCluster(client) ? await checkClusterDurability(client) : await checkRedisDurability(client);
  if (report.problems.length === 0) return report;
  if (options.require) throw new RedisNotDurableError(report.problems);
  for (const problem of report.problems) {
    options.warn({ settings: report.settings }, `Redis may lose data: ${problem} (set REDIS_REQUIRE_DURABLE=true to refuse to start instead)`);
  }
  return report;
}

/**
 * {@link checkRedisDurability} on every master of a cluster (CONFIG GET is per node): a problem of one master is
 * reported with its address; settings are those of the first master.
 */
export async function checkClusterDurability(cluster: Cluster): Promise<RedisDurability> {
  await cluster.ping(); // waits until the slot map is known, so the masters are listed
  const masters = cluster.nodes('master');
  const reports = await Promise.all(masters.map(async (node) => ({ node: `${node.options.host}:${node.options.port}`, report: await checkRedisDurability(node) })));
  const problems = reports.flatMap(({ node, report }) => report.problems.map((p) => `master ${node}: ${p}`));
  return { settings: reports[0]?.report.settings ?? { appendonly: undefined, appendfsync: undefined, 'maxmemory-policy': undefined }, problems };
}
