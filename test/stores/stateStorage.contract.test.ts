import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryStateStorage } from '../../src/stores/memory/memoryStateStorage.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisStateStorage } from '../../src/stores/redis/redisStateStorage.js';
import { StaleWriteError, type StateStorage } from '../../src/stores/types.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../helpers/redisClients.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

const factories: Array<[string, (ttlSeconds: number) => StateStorage]> = [
  ['memory', (ttl) => new MemoryStateStorage(ttl)],
  ...REDIS_TOPOLOGIES.map((topology): [string, (ttlSeconds: number) => StateStorage] => [
    topology,
    (ttl) => new RedisStateStorage(testRedisClient(topology), redisKeys(uniquePrefix('state')), ttl),
  ]),
];

describe.each(factories)('StateStorage (%s)', (_name, create) => {
  it('reads back what was written, with an eTag, and nothing for unknown keys', async () => {
    const storage = create(60);
    await storage.write({ a: { language: 'ar', n: 1 } });
    const items = await storage.read(['a', 'missing']);
    expect(items.a).toMatchObject({ language: 'ar', n: 1 });
    expect(typeof items.a.eTag).toBe('string');
    expect(items.missing).toBeUndefined();
  });

  it('refuses a stale write instead of merging it', async () => {
    const storage = create(60);
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k;
    await storage.write({ k: { ...first, v: 2 } }); // first writer wins, eTag changes
    await expect(storage.write({ k: { ...first, v: 3 } })).rejects.toBeInstanceOf(StaleWriteError);
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it('writes unconditionally with eTag "*" or none', async () => {
    const storage = create(60);
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    await storage.write({ k: { v: 3 } });
    expect((await storage.read(['k'])).k.v).toBe(3);
  });

  it('deletes items', async () => {
    const storage = create(60);
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a']);
    const items = await storage.read(['a', 'b']);
    expect(items.a).toBeUndefined();
    expect(items.b.v).toBe(2);
  });

  it('does not share objects with the caller', async () => {
    const storage = create(60);
    const item = { list: [1] };
    await storage.write({ a: item });
    item.list.push(2);
    expect((await storage.read(['a'])).a.list).toEqual([1]);
  });
});

describe('StateStorage idle expiry', () => {
  it('memory: an item expires after the idle time and each write renews it', async () => {
    let now = 0;
    const storage = new MemoryStateStorage(10, () => now);
    await storage.write({ a: { v: 1 } });
    now = 9_000;
    await storage.write({ a: { v: 2 } });
    now = 18_000;
    expect((await storage.read(['a'])).a?.v).toBe(2);
    now = 19_001;
    expect((await storage.read(['a'])).a).toBeUndefined();
  });

  it('redis: the item key carries the idle TTL, renewed on write', async () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('ttl'));
    const storage = new RedisStateStorage(client, keys, 120);
    await storage.write({ 'webchat/conversations/c1': { v: 1 } });
    const ttl = await client.ttl(keys.state('webchat/conversations/c1'));
    expect(ttl).toBeGreaterThan(100);
    expect(ttl).toBeLessThanOrEqual(120);
  });
});
