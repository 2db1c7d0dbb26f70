import { describe, expect, it } from 'vitest';
import { RedisInboundQueue } from '../../../src/stores/redis/redisInboundQueue.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import type { RedisClient } from '../../../src/stores/redis/redisConnection.js';
import type { InboundLease, InboundMessage } from '../../../src/stores/types.js';
import { waitFor } from '../../helpers/appProcess.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../../helpers/redisClients.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

const message = (id: string, conversationKey = 'whatsapp:u1'): InboundMessage => ({ id, conversationKey, channel: 'whatsapp', payload: '{}' });

/** Counts the messages published on `channel`, seen by a subscriber of its own. */
async function countPublished(topology: (typeof REDIS_TOPOLOGIES)[number], channel: string): Promise<() => number> {
  const subscriber = testRedisClient(topology);
  let seen = 0;
  subscriber.on('message', (c: string) => {
    if (c === channel) seen++;
  });
  await subscriber.subscribe(channel);
  return () => seen;
}

/**
 * Claims until the queue has looked empty for `ms`, as an idle worker does (each wait capped at 100 ms so the
 * loop ends), so its next uncapped wait is a long one.
 */
async function idleFor(queue: RedisInboundQueue, ms: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    expect(await queue.claim('w', 30_000)).toBeNull();
    await queue.waitForWork(100);
  }
}

/** How long `waitForWork` takes to resolve after `trigger` runs, in ms (the wait is started first). */
async function wokenAfter(queue: RedisInboundQueue, trigger: () => Promise<unknown>): Promise<number> {
  expect(await queue.claim('w', 30_000)).toBeNull();
  const waiting = queue.waitForWork(60_000);
  const started = Date.now();
  await trigger();
  await waiting;
  return Date.now() - started;
}

describe.each(REDIS_TOPOLOGIES)('idle claim schedule of the inbound queue (%s, two processes)', (topology) => {
  const partitions = topology === 'redis cluster' ? 16 : 1;
  // Two clients stand for two processes (webhook process and turn worker): no in-process event crosses between them.
  const queueOn = (client: RedisClient, prefix: string, idlePollMaxMs: number) =>
    new RedisInboundQueue({ client, keys: redisKeys(prefix), maxDepth: 1000, partitions, pollIntervalMs: 50, idlePollMaxMs });

  it('backs off while idle: the wait grows with the idle time, up to the bound', async () => {
    const prefix = uniquePrefix('idle-backoff');
    const worker = queueOn(testRedisClient(topology), prefix, 600);
    expect(await worker.claim('w', 30_000)).toBeNull();
    let started = Date.now();
    await worker.waitForWork(60_000);
    expect(Date.now() - started).toBeLessThan(2_000); // the base interval (50 ms) right after work
    await idleFor(worker, 1_500);
    expect(await worker.claim('w', 30_000)).toBeNull();
    started = Date.now();
    await worker.waitForWork(60_000);
    const waited = Date.now() - started;
    // Idle for 1.5 s: the wait is the 600 ms bound, not the 50 ms base (and not more than the bound, with margin).
    expect(waited).toBeGreaterThanOrEqual(550);
    expect(waited).toBeLessThan(5_000);
  });

  it("wakes an idle worker of another process at once on an enqueue, with a poll bound far longer than the test's margin", async () => {
    const prefix = uniquePrefix('idle-wake');
    // 30 s between idle claims: only the wake signal can make the worker claim within the assertion below.
    const worker = queueOn(testRedisClient(topology), prefix, 30_000);
    const webhook = queueOn(testRedisClient(topology), prefix, 30_000);
    await idleFor(worker, 400); // it has announced itself idle; its next wait would be long
    // Let the announcement reach the webhook process's subscriber before it enqueues (both connect lazily).
    await new Promise((r) => setTimeout(r, 300));
    const first = await wokenAfter(worker, () => webhook.enqueue(message('m1')));
    expect(first).toBeLessThan(10_000);
    const lease = (await worker.claim('w', 30_000)) as InboundLease;
    expect(lease.message.id).toBe('m1');
    await worker.ack(lease);

    // Idle again: it announces again, so the next enqueue wakes it too (the first wake cleared the webhook's flag).
    await idleFor(worker, 400);
    await new Promise((r) => setTimeout(r, 300));
    const second = await wokenAfter(worker, () => webhook.enqueue(message('m2', 'whatsapp:u2')));
    expect(second).toBeLessThan(10_000);
    expect((await worker.claim('w', 30_000))?.message.id).toBe('m2');
  });

  it('sends no wake signal while the workers find work (load), and one after they went idle', async () => {
    const prefix = uniquePrefix('idle-load');
    const wakes = await countPublished(topology, redisKeys(prefix).inboundWake());
    const worker = queueOn(testRedisClient(topology), prefix, 30_000);
    const webhook = queueOn(testRedisClient(topology), prefix, 30_000);
    // A busy worker: every claim finds a message, so it never announces itself idle.
    for (let i = 0; i < 40; i++) {
      await webhook.enqueue(message(`load-${i}`, `whatsapp:u${i}`));
      const lease = (await worker.claim('w', 30_000)) as InboundLease;
      expect(lease).not.toBeNull();
      await worker.ack(lease);
    }
    await new Promise((r) => setTimeout(r, 300));
    // The webhook process starts assuming someone may sleep, so its first enqueue signals once; then none.
    expect(wakes()).toBeLessThanOrEqual(1);
    await idleFor(worker, 400);
    await new Promise((r) => setTimeout(r, 300));
    const before = wakes();
    await webhook.enqueue(message('after-idle', 'whatsapp:idle'));
    await waitFor(() => wakes() === before + 1, 10_000, 'the wake signal');
  });

  it("wakes this process's worker when its own delayed release falls due", async () => {
    const prefix = uniquePrefix('idle-release');
    const queue = queueOn(testRedisClient(topology), prefix, 30_000);
    await queue.enqueue(message('r1'));
    const lease = (await queue.claim('w', 30_000)) as InboundLease;
    await idleFor(queue, 400);
    const waited = await wokenAfter(queue, () => queue.release(lease, 200));
    expect(waited).toBeLessThan(10_000);
    expect((await queue.claim('w', 30_000))?.redeliveries).toBe(1);
  });
});
