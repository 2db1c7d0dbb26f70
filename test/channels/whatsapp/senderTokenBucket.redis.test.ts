import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { TokenBucket } from '../../../src/channels/whatsapp/tokenBucket.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisTokenBucket } from '../../../src/stores/redis/redisTokenBucket.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

describe('RedisTokenBucket', () => {
  it('gives two instances one shared rate per business number', async () => {
    const key = redisKeys(uniquePrefix('rate')).whatsappRate('100200300');
    const instance = () => {
      const client = new Redis(inject('redisUrl'));
      clients.push(client);
      return new RedisTokenBucket(client, key, 10);
    };
    const [a, b] = [instance(), instance()];
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) waits.push(await (i % 2 === 0 ? a : b).reserve());
    // A burst of 10, then one token per 100 ms for both together: the 20th waits about a second.
    expect(waits.slice(0, 10).every((w) => w === 0)).toBe(true);
    expect(waits[19]).toBeGreaterThan(800);
    expect(waits[19]).toBeLessThanOrEqual(1100);
    // Per-process buckets (what there was before) would let each instance burst alone: nobody waits.
    const local = [new TokenBucket(10), new TokenBucket(10)];
    const localWaits = Array.from({ length: 20 }, (_, i) => local[i % 2]!.reserve());
    expect(Math.max(...localWaits)).toBe(0);
  });

  it('keeps separate buckets for separate numbers', async () => {
    const keys = redisKeys(uniquePrefix('rate'));
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const one = new RedisTokenBucket(client, keys.whatsappRate('1'), 1);
    const two = new RedisTokenBucket(client, keys.whatsappRate('2'), 1);
    expect(await one.reserve()).toBe(0);
    expect(await one.reserve()).toBeGreaterThan(0);
    expect(await two.reserve()).toBe(0);
  });
});
