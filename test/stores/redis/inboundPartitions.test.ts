import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER_INBOUND_PARTITIONS, inboundPartitionOf } from '../../../src/stores/redis/inboundPartitioning.js';
import { isCluster } from '../../../src/stores/redis/redisConnection.js';
import { RedisInboundQueue } from '../../../src/stores/redis/redisInboundQueue.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import type { InboundLease } from '../../../src/stores/types.js';
import { waitFor } from '../../helpers/appProcess.js';
import { testRedisClient } from '../../helpers/redisClients.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

describe('inbound queue partitions', () => {
  it('maps a conversation to the same partition in every process and version (a change would strand waiting messages)', () => {
    // Pinned values: MD5-based, so they never depend on the process, the platform or the Node version.
    expect([0, 1, 2, 3].map((i) => inboundPartitionOf(`whatsapp:21260000000${i}`, 16))).toEqual([9, 1, 11, 5]);
    expect(inboundPartitionOf('anything', 1)).toBe(0);
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) counts[inboundPartitionOf(`whatsapp:2126${String(i).padStart(8, '0')}`, 16)]!++;
    // Spread evenly enough that per-partition work stays balanced (expected 1,000 each).
    expect(Math.min(...counts)).toBeGreaterThan(850);
    expect(Math.max(...counts)).toBeLessThan(1150);
  });

  it('keeps the keys of the queue before partitions when there is one, and gives each partition its own tag', () => {
    const keys = redisKeys('tdu');
    expect(keys.inboundPartition(0, 1).messages()).toBe('tdu:{inbound}:messages');
    expect(keys.inboundPartition(0, 1).conversation('whatsapp:1')).toBe('tdu:{inbound}:conv:whatsapp:1');
    expect(keys.inboundPartition(3, 16).seen('wamid.X')).toBe('tdu:{inbound:3}:seen:wamid.X');
  });

  it('spreads the default partitions over every master of the 3-master test cluster', async () => {
    const client = testRedisClient('redis cluster');
    expect(isCluster(client)).toBe(true);
    if (!isCluster(client)) return;
    const keys = redisKeys(uniquePrefix('inq-spread'));
    const slots = await Promise.all(
      Array.from({ length: DEFAULT_CLUSTER_INBOUND_PARTITIONS }, (_, i) => client.cluster('KEYSLOT', keys.inboundPartition(i, DEFAULT_CLUSTER_INBOUND_PARTITIONS).messages())),
    );
    const ranges = await client.cluster('SLOTS');
    const nodeOf = (slot: number) => ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1];
    expect(new Set(slots.map((s) => nodeOf(Number(s)))).size).toBe(3);
  });

  it('finds work in any partition of the cluster, a lease run out included, and claims round-robin', async () => {
    const client = testRedisClient('redis cluster');
    const queue = new RedisInboundQueue({ client, keys: redisKeys(uniquePrefix('inq-rr')), maxDepth: 1000, partitions: 16, depthViewMaxAgeMs: 0 });
    const conversations = Array.from({ length: 32 }, (_, i) => `whatsapp:rr${i}`);
    for (const c of conversations) expect(await queue.enqueue({ id: `m-${c}`, conversationKey: c, channel: 'whatsapp', payload: '{}' })).toBe('queued');
    const leases: InboundLease[] = [];
    for (let lease = await queue.claim('w', 2_000); lease; lease = await queue.claim('w', 2_000)) leases.push(lease);
    expect(leases.map((l) => l.message.conversationKey).sort()).toEqual([...conversations].sort());
    // Round-robin: the first 16 claims come from 16 different partitions when each has work.
    const firstPartitions = leases.slice(0, 16).map((l) => inboundPartitionOf(l.message.conversationKey, 16));
    const withWork = new Set(conversations.map((c) => inboundPartitionOf(c, 16))).size;
    expect(new Set(firstPartitions).size).toBe(Math.min(16, withWork));
    expect(await queue.claim('w', 30_000)).toBeNull();
    // Once the 2 s leases run out (on Redis' clock), every message is found again: the ready count sees due leases.
    const again = new Set<string>();
    await waitFor(async () => {
      for (let lease = await queue.claim('w', 30_000); lease; lease = await queue.claim('w', 30_000)) again.add(lease.message.id);
      return again.size === 32;
    }, 10_000, 'all 32 messages claimed again after their leases ran out');
    expect(await queue.depth()).toBe(32);
  });
});
