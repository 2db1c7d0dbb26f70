import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryStreamLeases } from '../../src/stores/memory/memoryStreamLeases.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisStreamLeases } from '../../src/stores/redis/redisStreamLeases.js';
import type { StreamLeases } from '../../src/stores/streamLeases.js';
import { waitFor } from '../helpers/appProcess.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});

/** Two handles on one store, as two instances would have (Redis: two clients; memory: one shared object). */
const factories: Array<[string, () => [StreamLeases, StreamLeases]]> = [
  [
    'memory',
    () => {
      const leases = new MemoryStreamLeases();
      return [leases, leases];
    },
  ],
  [
    'redis',
    () => {
      const keys = redisKeys(uniquePrefix('sl'));
      const [a, b] = [new Redis(inject('redisUrl')), new Redis(inject('redisUrl'))];
      clients.push(a, b);
      return [new RedisStreamLeases(a, keys), new RedisStreamLeases(b, keys)];
    },
  ],
];

describe.each(factories)('StreamLeases (%s)', (_name, create) => {
  it('grants at most `max` places per conversation, whoever asks, and frees one on release', async () => {
    const [one, two] = create();
    expect(await one.acquire('c1', 'a', 2, 60_000)).toBe(true);
    expect(await two.acquire('c1', 'b', 2, 60_000)).toBe(true);
    expect(await one.acquire('c1', 'c', 2, 60_000)).toBe(false);
    expect(await two.acquire('c2', 'd', 2, 60_000)).toBe(true);
    await one.release('c1', 'a');
    expect(await two.acquire('c1', 'c', 2, 60_000)).toBe(true);
  });

  it('renews a held lease even when the places are full', async () => {
    const [one] = create();
    expect(await one.acquire('c1', 'a', 1, 60_000)).toBe(true);
    expect(await one.acquire('c1', 'a', 1, 60_000)).toBe(true);
    expect(await one.acquire('c1', 'b', 1, 60_000)).toBe(false);
  });

  it('frees the place of a lease that was not renewed (its instance died), and keeps one that was', async () => {
    const [one, two] = create();
    expect(await one.acquire('c1', 'dead', 1, 300)).toBe(true);
    expect(await two.acquire('c1', 'b', 1, 60_000)).toBe(false);
    await waitFor(() => two.acquire('c1', 'b', 1, 400), 5_000, 'the dead lease to expire');
    // 'b' is renewed while its stream is open: another lease never gets its place.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      expect(await two.acquire('c1', 'b', 1, 400)).toBe(true);
      expect(await one.acquire('c1', 'other', 1, 400)).toBe(false);
    }
  });
});

describe('RedisStreamLeases', () => {
  it('leaves no key behind once the leases expired', async () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('sl'));
    await new RedisStreamLeases(client, keys).acquire('c1', 'a', 1, 5_000);
    const ttl = await client.pttl(keys.webChatStreams('c1'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it('decides with its in-memory insurance while Redis fails', async () => {
    const client = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    client.on('error', () => {});
    const leases = new RedisStreamLeases(client, redisKeys(uniquePrefix('sl')), new MemoryStreamLeases());
    expect(await leases.acquire('c1', 'a', 1, 60_000)).toBe(true);
    expect(await leases.acquire('c1', 'b', 1, 60_000)).toBe(false);
    await leases.release('c1', 'a');
    expect(await leases.acquire('c1', 'b', 1, 60_000)).toBe(true);
    client.disconnect();
  });
});
