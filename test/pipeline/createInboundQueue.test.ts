import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createInboundQueue } from '../../src/pipeline/createInboundQueue.js';
import { MemoryInboundQueue } from '../../src/stores/memory/memoryInboundQueue.js';
import { RedisInboundQueue } from '../../src/stores/redis/redisInboundQueue.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const client = new Redis(inject('redisUrl'));
afterAll(async () => {
  await client.quit();
});

describe('createInboundQueue', () => {
  it('builds the memory queue without Redis', async () => {
    const queue = createInboundQueue({}, { maxDepth: 1 });
    expect(queue).toBeInstanceOf(MemoryInboundQueue);
    expect(await queue.enqueue({ id: 'a', conversationKey: 'c', channel: 'webchat', payload: '{}' })).toBe('queued');
    expect(await queue.enqueue({ id: 'b', conversationKey: 'c', channel: 'webchat', payload: '{}' })).toBe('full');
  });

  it('builds the Redis queue on the shared client and key prefix', async () => {
    const keys = redisKeys(uniquePrefix('ciq'));
    const queue = createInboundQueue({ redis: { client, keys } }, { maxDepth: 5 });
    expect(queue).toBeInstanceOf(RedisInboundQueue);
    expect(await queue.enqueue({ id: 'a', conversationKey: 'c', channel: 'webchat', payload: '{}' })).toBe('queued');
    expect(await client.hlen(keys.inboundPartition(0, 1).messages())).toBe(1);
  });
});
