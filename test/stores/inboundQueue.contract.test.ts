import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryInboundQueue } from '../../src/stores/memory/memoryInboundQueue.js';
import { RedisInboundQueue } from '../../src/stores/redis/redisInboundQueue.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import type { InboundLease, InboundMessage, InboundQueue } from '../../src/stores/types.js';
import { waitFor } from '../helpers/appProcess.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../helpers/redisClients.js';
import { DEFAULT_CLUSTER_INBOUND_PARTITIONS } from '../../src/stores/redis/inboundPartitioning.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const client of clients) await client.quit();
});

/** Partitions of the cluster variant: the default on a cluster. */
const CLUSTER_PARTITIONS = DEFAULT_CLUSTER_INBOUND_PARTITIONS;

interface QueueOptions {
  maxDepth?: number;
  maxDepthByChannel?: Record<string, number>;
  maxDeadLetters?: number;
}

/** Two handles on one queue: the same object in memory, two clients and instances sharing a prefix on Redis. */
type Factory = (options?: QueueOptions) => [InboundQueue, InboundQueue];

const factories: Array<[string, Factory]> = [
  ['memory', (options) => {
    const queue = new MemoryInboundQueue({ maxDepth: options?.maxDepth ?? 1000, maxDepthByChannel: options?.maxDepthByChannel, maxDeadLetters: options?.maxDeadLetters });
    return [queue, queue];
  }],
  ...REDIS_TOPOLOGIES.map((topology): [string, Factory] => [`${topology} (two instances${topology === 'redis cluster' ? `, ${CLUSTER_PARTITIONS} partitions` : ''})`, (options) => {
    const keys = redisKeys(uniquePrefix('inq'));
    const partitions = topology === 'redis cluster' ? CLUSTER_PARTITIONS : 1;
    // depthViewMaxAgeMs 0: the bounds are checked against fresh counts of every partition (exact, as on one Redis).
    const make = () => new RedisInboundQueue({ client: testRedisClient(topology), keys, partitions, depthViewMaxAgeMs: 0, maxDepth: options?.maxDepth ?? 1000, maxDepthByChannel: options?.maxDepthByChannel, maxDeadLetters: options?.maxDeadLetters });
    return [make(), make()];
  }],
  ),
];

function message(id: string, conversationKey = 'whatsapp:c1', channel = 'whatsapp'): InboundMessage {
  return { id, conversationKey, channel, payload: JSON.stringify({ text: `text of ${id}` }) };
}

/** Claims until a lease comes back, polling with a deadline (lease expiry happens on the queue's clock). */
async function claimWithin(queue: InboundQueue, workerId: string, leaseMs: number, timeoutMs = 5000): Promise<InboundLease> {
  let lease: InboundLease | null = null;
  await waitFor(async () => (lease = await queue.claim(workerId, leaseMs)) !== null, timeoutMs, 'a claimable message');
  return lease as unknown as InboundLease;
}

/**
 * Runs `claimers` concurrent claim/ack loops until `total` messages were acked; records the processing order
 * per conversation and fails if two claimers ever hold the same conversation at once.
 */
async function drain(queues: InboundQueue[], claimers: number, total: number): Promise<Map<string, string[]>> {
  const order = new Map<string, string[]>();
  const busy = new Set<string>();
  let done = 0;
  const deadline = Date.now() + 20_000;
  const loop = async (queue: InboundQueue, workerId: string) => {
    while (done < total) {
      if (Date.now() > deadline) throw new Error(`drained only ${done} of ${total}`);
      const lease = await queue.claim(workerId, 30_000);
      if (!lease) {
        await queue.waitForWork(50);
        continue;
      }
      const key = lease.message.conversationKey;
      if (busy.has(key)) throw new Error(`conversation ${key} handed to two claimers at once`);
      busy.add(key);
      await new Promise((resolve) => setImmediate(resolve));
      order.set(key, [...(order.get(key) ?? []), lease.message.id]);
      busy.delete(key);
      await queue.ack(lease);
      done++;
    }
  };
  await Promise.all(Array.from({ length: claimers }, (_, i) => loop(queues[i % queues.length] as InboundQueue, `w${i}`)));
  return order;
}

describe.each(factories)('InboundQueue (%s)', (_name, create) => {
  describe('.enqueue', () => {
    it('stores a message id once, even after it was processed', async () => {
      const [queue, other] = create();
      expect(await queue.enqueue(message('m1'))).toBe('queued');
      expect(await other.enqueue(message('m1'))).toBe('duplicate');
      expect(await queue.depth()).toBe(1);
      const lease = await queue.claim('w', 30_000);
      expect(lease?.message).toEqual(message('m1'));
      await queue.ack(lease as InboundLease);
      expect(await queue.depth()).toBe(0);
      expect(await other.enqueue(message('m1'))).toBe('duplicate');
      expect(await queue.claim('w', 30_000)).toBeNull();
    });

    it('answers full at max depth without burning the id, and accepts it after an ack', async () => {
      const [queue] = create({ maxDepth: 3 });
      for (const id of ['a', 'b', 'c']) expect(await queue.enqueue(message(id, `conv-${id}`))).toBe('queued');
      expect(await queue.enqueue(message('d'))).toBe('full');
      expect(await queue.depth()).toBe(3);
      const lease = await queue.claim('w', 30_000);
      await queue.ack(lease as InboundLease);
      expect(await queue.enqueue(message('d'))).toBe('queued');
      expect(await queue.depth()).toBe(3);
    });
  });

  describe('.claim', () => {
    it('hands out the messages of one conversation one at a time, in order, to 4 concurrent claimers', async () => {
      const queues = create();
      const ids = Array.from({ length: 20 }, (_, i) => `m${String(i).padStart(2, '0')}`);
      for (const id of ids) expect(await queues[0].enqueue(message(id))).toBe('queued');
      const order = await drain(queues, 4, ids.length);
      expect(order.get('whatsapp:c1')).toEqual(ids);
      expect(await queues[0].depth()).toBe(0);
    });

    it('lets different conversations proceed in parallel, but not two messages of one', async () => {
      const [queue, other] = create();
      await queue.enqueue(message('a1', 'conv-a'));
      await queue.enqueue(message('a2', 'conv-a'));
      await queue.enqueue(message('b1', 'conv-b'));
      const first = await queue.claim('w1', 30_000);
      const second = await other.claim('w2', 30_000);
      expect([first?.message.id, second?.message.id].sort()).toEqual(['a1', 'b1']);
      expect(await queue.claim('w3', 30_000)).toBeNull();
      const leaseA = first?.message.id === 'a1' ? first : second;
      await queue.ack(leaseA as InboundLease);
      expect((await other.claim('w3', 30_000))?.message.id).toBe('a2');
    });

    it('hands a message out again after its lease expires, counting the redelivery', async () => {
      const [queue, other] = create();
      await queue.enqueue(message('m1'));
      const first = await queue.claim('w1', 150);
      expect(first?.redeliveries).toBe(0);
      const second = await claimWithin(other, 'w2', 30_000);
      expect(second.message.id).toBe('m1');
      expect(second.redeliveries).toBe(1);
      expect(second.leaseId).not.toBe(first?.leaseId);
    });

    it('ignores a stale ack: the reclaimed message and the next one stay', async () => {
      const [queue, other] = create();
      await queue.enqueue(message('m1'));
      await queue.enqueue(message('m2'));
      const stale = (await queue.claim('w1', 150)) as InboundLease;
      const current = await claimWithin(other, 'w2', 30_000);
      expect(current.message.id).toBe('m1');
      await queue.ack(stale);
      expect(await queue.release(stale, 0)).toBe(false);
      expect(await queue.deadLetter(stale, 'maxDeliveries')).toBe(false);
      expect(await queue.depth()).toBe(2);
      expect(await queue.claim('w3', 30_000)).toBeNull();
      await other.ack(current);
      expect((await queue.claim('w3', 30_000))?.message.id).toBe('m2');
    });
  });

  describe('.extend', () => {
    it('keeps a long turn\'s message from being handed out again, and refuses a stale lease', async () => {
      const [queue, other] = create();
      await queue.enqueue(message('m1'));
      const lease = (await queue.claim('w1', 150)) as InboundLease;
      expect(await queue.extend(lease, 30_000)).toBe(true);
      // Poll past the original deadline: nobody may take the message meanwhile.
      const until = Date.now() + 400;
      while (Date.now() < until) {
        expect(await other.claim('w2', 150)).toBeNull();
        await other.waitForWork(50);
      }
      expect(await queue.release(lease, 0)).toBe(true);
      expect(await queue.extend(lease, 30_000)).toBe(false);
      expect((await other.claim('w2', 30_000))?.redeliveries).toBe(1);
    });
  });

  describe('.release', () => {
    it('keeps the conversation blocked until the delay passes, then redelivers the same message', async () => {
      const [queue, other] = create();
      await queue.enqueue(message('m1'));
      await queue.enqueue(message('m2'));
      const lease = (await queue.claim('w1', 30_000)) as InboundLease;
      expect(await queue.release(lease, 100)).toBe(true);
      expect(await other.claim('w2', 30_000)).toBeNull();
      const again = await claimWithin(other, 'w2', 30_000);
      expect(again.message.id).toBe('m1');
      expect(again.redeliveries).toBe(1);
      await queue.ack(lease);
      expect(await queue.depth()).toBe(2);
    });
  });

  describe('.deadLetter', () => {
    it('moves the message aside, lets the conversation go on, and requeues it on demand', async () => {
      const [queue, other] = create();
      await queue.enqueue(message('m1'));
      await queue.enqueue(message('m2'));
      const lease = (await queue.claim('w1', 30_000)) as InboundLease;
      expect(await queue.deadLetter(lease, 'maxDeliveries')).toBe(true);
      expect(await queue.depth()).toBe(1);
      const letters = await other.deadLetters(10);
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({ message: message('m1'), reason: 'maxDeliveries', deliveries: 1 });
      expect(letters[0]?.deadAt).toBeGreaterThan(Date.now() - 60_000);
      expect(await queue.enqueue(message('m1'))).toBe('duplicate');

      const next = (await other.claim('w2', 30_000)) as InboundLease;
      expect(next.message.id).toBe('m2');
      expect(await other.requeueDeadLetter('m1')).toBe(true);
      expect(await other.requeueDeadLetter('m1')).toBe(false);
      expect(await other.requeueDeadLetter('unknown')).toBe(false);
      expect(await queue.deadLetters()).toEqual([]);
      expect(await queue.depth()).toBe(2);
      expect(await queue.claim('w3', 30_000)).toBeNull();
      await other.ack(next);
      const requeued = (await queue.claim('w3', 30_000)) as InboundLease;
      expect(requeued.message).toEqual(message('m1'));
      expect(requeued.redeliveries).toBe(0);
    });

    it('lists dead letters oldest first, up to the limit, and keeps at most maxDeadLetters', async () => {
      const [queue] = create({ maxDeadLetters: 3 });
      for (const id of ['x0', 'x1', 'x2', 'x3']) {
        await queue.enqueue(message(id, `conv-${id}`));
        await queue.deadLetter((await queue.claim('w', 30_000)) as InboundLease, 'unknownChannel');
      }
      expect((await queue.deadLetters(2)).map((l) => l.message.id)).toEqual(['x1', 'x2']);
      expect((await queue.deadLetters()).map((l) => l.message.id)).toEqual(['x1', 'x2', 'x3']);
      expect(await queue.requeueDeadLetter('x0')).toBe(false);
    });
  });

  describe('per-channel bounds', () => {
    it('keeps a full web chat from refusing WhatsApp messages, and frees its room on ack and dead letter', async () => {
      const [queue, other] = create({ maxDepth: 3, maxDepthByChannel: { webchat: 2 } });
      expect(await queue.enqueue(message('w1', 'webchat:a', 'webchat'))).toBe('queued');
      expect(await queue.enqueue(message('w2', 'webchat:b', 'webchat'))).toBe('queued');
      expect(await other.enqueue(message('w3', 'webchat:c', 'webchat'))).toBe('full');
      for (const id of ['a1', 'a2', 'a3']) expect(await other.enqueue(message(id, `whatsapp:${id}`))).toBe('queued');
      expect(await queue.enqueue(message('a4', 'whatsapp:a4'))).toBe('full');
      const leases: InboundLease[] = [];
      for (let lease = await queue.claim('w', 30_000); lease; lease = await queue.claim('w', 30_000)) leases.push(lease);
      const web = leases.filter((l) => l.message.channel === 'webchat');
      await queue.ack(web[0]!);
      await other.deadLetter(web[1]!, 'maxDeliveries');
      expect(await queue.enqueue(message('w3', 'webchat:c', 'webchat'))).toBe('queued');
      expect(await queue.enqueue(message('w4', 'webchat:d', 'webchat'))).toBe('queued');
      expect(await queue.enqueue(message('w5', 'webchat:e', 'webchat'))).toBe('full');
      expect(await other.requeueDeadLetter('w2')).toBe(true);
      expect(await queue.depth()).toBe(6);
    });
  });

  describe('dead letter upkeep', () => {
    it('records the error name, purges by age and forgets one conversation ("delete my data")', async () => {
      const [queue, other] = create();
      for (const [id, conversation] of [['p1', 'whatsapp:u1'], ['p2', 'whatsapp:u2'], ['p3', 'whatsapp:u1']] as const) {
        await queue.enqueue(message(id, conversation));
      }
      for (let i = 0; i < 3; i++) await queue.deadLetter((await claimWithin(queue, 'w', 30_000)) as InboundLease, 'maxDeliveries', 'TypeError');
      const letters = await other.deadLetters();
      expect(letters.map((l) => [l.message.id, l.error])).toEqual([['p1', 'TypeError'], ['p2', 'TypeError'], ['p3', 'TypeError']]);
      expect(letters[0]?.id).toMatch(/^in-[0-9a-f]{10}$/);
      expect(JSON.stringify(letters.map((l) => l.id))).not.toContain('p1');
      expect(await other.forgetConversation('whatsapp:u1')).toBe(2);
      expect((await queue.deadLetters()).map((l) => l.message.id)).toEqual(['p2']);
      expect(await queue.purgeDeadLetters(Date.now() - 60_000)).toBe(0);
      expect(await queue.purgeDeadLetters(Date.now() + 1)).toBe(1);
      expect(await other.deadLetters()).toEqual([]);
    });
  });

  describe('.waitForWork', () => {
    it('resolves early when a message is enqueued, and after the timeout otherwise', async () => {
      const [queue] = create();
      await queue.waitForWork(20);
      const started = Date.now();
      const waiting = queue.waitForWork(20_000);
      await queue.enqueue(message('m1'));
      await waiting;
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('resolves by the time a lease falls due, so a released message is retried without an enqueue', async () => {
      const [queue] = create();
      await queue.enqueue(message('m1'));
      await queue.release((await queue.claim('w', 30_000)) as InboundLease, 150);
      const started = Date.now();
      await queue.waitForWork(20_000);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((await claimWithin(queue, 'w', 30_000)).redeliveries).toBe(1);
    });
  });

  it('processes 40 messages over 4 conversations with two instances: no duplicate, no reorder', async () => {
    const queues = create();
    const expected = new Map<string, string[]>();
    for (let i = 0; i < 40; i++) {
      const key = `conv-${i % 4}`;
      const id = `m${String(i).padStart(2, '0')}`;
      expected.set(key, [...(expected.get(key) ?? []), id]);
      expect(await queues[i % 2]?.enqueue(message(id, key))).toBe('queued');
    }
    const order = await drain(queues, 4, 40);
    expect(order).toEqual(expected);
    expect(await queues[1].depth()).toBe(0);
  });
});

describe('RedisInboundQueue with damaged data', () => {
  function queueAndClient() {
    const keys = redisKeys(uniquePrefix('inq-bad'));
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    return { queue: new RedisInboundQueue({ client, keys, maxDepth: 100 }), client, keys };
  }

  it('dead-letters an entry that cannot be parsed and hands out the conversation\'s next message', async () => {
    const { queue, client, keys } = queueAndClient();
    await queue.enqueue(message('m1'));
    await queue.enqueue(message('m2'));
    await client.hset(keys.inboundPartition(0, 1).messages(), 'm1', '{"written by": "another version"');
    const lease = await queue.claim('w', 30_000);
    expect(lease?.message.id).toBe('m2');
    const letters = await queue.deadLetters();
    expect(letters.map((l) => [l.message.id, l.message.conversationKey, l.reason])).toEqual([['m1', 'whatsapp:c1', 'unreadableEntry']]);
    expect(letters[0]?.message.payload).toBe('{"written by": "another version"');
  });

  it('dead-letters a head whose entry is missing instead of dropping the conversation', async () => {
    const { queue, client, keys } = queueAndClient();
    await queue.enqueue(message('m1'));
    await queue.enqueue(message('m2'));
    await client.hdel(keys.inboundPartition(0, 1).messages(), 'm1');
    expect((await queue.claim('w', 30_000))?.message.id).toBe('m2');
    expect((await queue.deadLetters()).map((l) => [l.message.id, l.reason])).toEqual([['m1', 'missingEntry']]);
  });

  it('lets dead letters expire after their lifetime even when no other one follows', async () => {
    const keys = redisKeys(uniquePrefix('inq-ttl'));
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const queue = new RedisInboundQueue({ client, keys, maxDepth: 100, deadLetterTtlSeconds: 60 });
    await queue.enqueue(message('m1'));
    await queue.deadLetter((await queue.claim('w', 30_000)) as InboundLease, 'maxDeliveries');
    for (const key of [keys.inboundPartition(0, 1).dead(), keys.inboundPartition(0, 1).deadByTime()]) {
      const ttl = await client.pttl(key);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
  });
});
