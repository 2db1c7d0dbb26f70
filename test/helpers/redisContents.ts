import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../../src/stores/redis/redisConnection.js';

/** Every key under `prefix` with its value read by type, one `key = value` line each: to search a test's Redis for personal data. */
export async function everythingStored(client: RedisClient, prefix: string): Promise<string[]> {
  // A cluster's SCAN covers one node only: read every master.
  const nodes: Redis[] = client instanceof Cluster ? client.nodes('master') : [client];
  return (await Promise.all(nodes.map((node) => storedOn(node, prefix)))).flat();
}

async function storedOn(client: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await client.type(key);
      const value =
        type === 'string' ? await client.get(key)
        : type === 'hash' ? JSON.stringify(await client.hgetall(key))
        : type === 'list' ? JSON.stringify(await client.lrange(key, 0, -1))
        : type === 'set' ? JSON.stringify(await client.smembers(key))
        : type === 'zset' ? JSON.stringify(await client.zrange(key, 0, -1))
        : type;
      found.push(`${key} = ${value}`);
    }
  } while (cursor !== '0');
  return found;
}
