import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createMenuMemory, parseMenuChoice } from '../../../src/channels/whatsapp/menuMemory.js';
import type { MenuMemoryStore } from '../../../src/stores/menuMemoryStore.js';
import { MemoryMenuMemory } from '../../../src/stores/memory/memoryMenuMemory.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisMenuMemory } from '../../../src/stores/redis/redisMenuMemory.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

describe('parseMenuChoice', () => {
  it.each([
    ['2', 2],
    [' 2 ', 2],
    ['2.', 2],
    [' 2.', 2],
    ['2)', 2],
    ['#3', 3],
    ['٢', 2],
    ['١٠', 10],
    ['۳', 3],
    ['11', 11],
  ])('reads %j as %i', (text, n) => {
    expect(parseMenuChoice(text)).toBe(n);
  });

  it.each(['', '0', 'deux', '2 rendez-vous', 'a2', '1234', '2.5'])('rejects %j', (text) => {
    expect(parseMenuChoice(text)).toBeUndefined();
  });
});

const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

const backends: Array<[string, (ttlSeconds?: number) => MenuMemoryStore]> = [
  ['memory', (ttlSeconds) => new MemoryMenuMemory({ ttlSeconds })],
  [
    'redis',
    (ttlSeconds) => {
      const client = new Redis(inject('redisUrl'));
      clients.push(client);
      return new RedisMenuMemory(client, redisKeys(uniquePrefix('menu')), ttlSeconds);
    },
  ],
];

describe.each(backends)('MenuMemory on %s', (_name, makeStore) => {
  it('resolves a number to the value of that item of the last menu', async () => {
    const memory = createMenuMemory(makeStore());
    const values = Array.from({ length: 11 }, (_, i) => `faq:item${i + 1}`);
    await memory.remember('212600000001', values);
    expect(await memory.resolve('212600000001', '2')).toBe('faq:item2');
    expect(await memory.resolve('212600000001', '٢')).toBe('faq:item2');
    expect(await memory.resolve('212600000001', ' 11.')).toBe('faq:item11');
    expect(await memory.resolve('212600000001', '12')).toBeUndefined();
    expect(await memory.resolve('212600000001', 'bonjour')).toBeUndefined();
  });

  it('keeps menus per user and replaces the previous menu', async () => {
    const memory = createMenuMemory(makeStore());
    await memory.remember('a', ['x', 'y']);
    await memory.remember('b', ['p', 'q']);
    await memory.remember('a', ['z']);
    expect(await memory.resolve('a', '1')).toBe('z');
    expect(await memory.resolve('a', '2')).toBeUndefined();
    expect(await memory.resolve('b', '2')).toBe('q');
    expect(await memory.resolve('nobody', '1')).toBeUndefined();
  });
});

describe('MenuMemory expiry', () => {
  it('forgets a menu after its TTL (memory, injected clock)', async () => {
    let now = 1_000_000;
    const memory = createMenuMemory(new MemoryMenuMemory({ ttlSeconds: 60, now: () => now }));
    await memory.remember('a', ['x']);
    now += 59_000;
    expect(await memory.resolve('a', '1')).toBe('x');
    now += 1_000;
    expect(await memory.resolve('a', '1')).toBeUndefined();
  });

  it('sets a one-day expiry on the Redis key by default', async () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('menu'));
    await new RedisMenuMemory(client, keys).save('a', ['x']);
    const ttl = await client.ttl(keys.whatsappMenu('a'));
    expect(ttl).toBeGreaterThan(86_300);
    expect(ttl).toBeLessThanOrEqual(86_400);
  });
});
