import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createInboundQueue } from '../../src/pipeline/createInboundQueue.js';
import { MemoryInboundQueue } from '../../src/stores/memory/memoryInboundQueue.js';
import { RedisInboundQueue } from '../../src/stores/redis/redisInboundQueue.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { inboundPartitionOf } from '../../src/stores/redis/inboundPartitioning.js';
import { testRedisClient } from '../helpers/redisClients.js';
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

  it('spreads the queue over 16 partitions on a Redis Cluster unless told otherwise', async () => {
    const cluster = testRedisClient('redis cluster');
    const keys = redisKeys(uniquePrefix('ciq'));
    const byDefault = createInboundQueue({ redis: { client: cluster, keys } }, { maxDepth: 5 });
    expect((byDefault as RedisInboundQueue).partitionCount).toBe(16);
    expect((createInboundQueue({ redis: { client: cluster, keys } }, { maxDepth: 5, partitions: 4 }) as RedisInboundQueue).partitionCount).toBe(4);
    expect((createInboundQueue({ redis: { client, keys } }, { maxDepth: 5 }) as RedisInboundQueue).partitionCount).toBe(1);
    const message = { id: 'a', conversationKey: 'whatsapp:212600000001', channel: 'whatsapp', payload: '{}' };
    expect(await byDefault.enqueue(message)).toBe('queued');
    expect(await cluster.hlen(keys.inboundPartition(inboundPartitionOf(message.conversationKey, 16), 16).messages())).toBe(1);
  });
});
