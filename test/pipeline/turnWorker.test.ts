import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { PermanentTurnError, TurnWorker, type ChannelTurnHandler, type TurnHandler, type TurnWorkerEvents, type TurnWorkerOptions } from '../../src/pipeline/turnWorker.js';
import { MemoryInboundQueue } from '../../src/stores/memory/memoryInboundQueue.js';
import { RedisInboundQueue } from '../../src/stores/redis/redisInboundQueue.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import type { InboundLease, InboundMessage, InboundQueue } from '../../src/stores/types.js';
import { waitFor } from '../helpers/appProcess.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const client of clients) await client.quit();
});

const workers: TurnWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

const factories: Array<[string, () => InboundQueue]> = [
  ['memory', () => new MemoryInboundQueue({ maxDepth: 1000 })],
  ['redis', () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    return new RedisInboundQueue({ client, keys: redisKeys(uniquePrefix('tw')), maxDepth: 1000 });
  }],
];

const SECRET_TEXT = 'je m appelle Awa, mon numéro est 0612345678';

function message(id: string, conversationKey = 'whatsapp:212600000001', channel = 'whatsapp'): InboundMessage {
  return { id, conversationKey, channel, payload: JSON.stringify({ text: SECRET_TEXT }) };
}

/** Captured log lines. */
function captureLogs() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  return { lines, logger: createLogger({ level: 'debug' }, destination) };
}

/** Resolves after `count` `event`s from `worker` (their arguments), or fails after `timeoutMs`. */
function events<E extends keyof TurnWorkerEvents>(worker: TurnWorker, event: E, count: number, timeoutMs = 10_000) {
  return new Promise<TurnWorkerEvents[E][]>((resolve, reject) => {
    const seen: TurnWorkerEvents[E][] = [];
    const timer = setTimeout(() => reject(new Error(`saw ${seen.length} of ${count} ${event} events`)), timeoutMs);
    const listener = (...args: TurnWorkerEvents[E]) => {
      seen.push(args);
      if (seen.length === count) {
        clearTimeout(timer);
        worker.off(event, listener as never);
        resolve(seen);
      }
    };
    worker.on(event, listener as never);
  });
}

/** A promise with its resolver, to hold a handler until the test lets it go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.each(factories)('TurnWorker (%s queue)', (_name, createQueue) => {
  function startWorker(queue: InboundQueue, handlers: Record<string, TurnHandler | ChannelTurnHandler>, options: Partial<TurnWorkerOptions> = {}) {
    const worker = new TurnWorker({ queue, handlers, workerId: 'test-worker', logger: captureLogs().logger, idleWaitMs: 200, ...options });
    workers.push(worker);
    worker.start();
    return worker;
  }

  it('runs the turns of one conversation in order and acks each', async () => {
    const queue = createQueue();
    const seen: string[] = [];
    const ids = Array.from({ length: 10 }, (_, i) => `m${i}`);
    const worker = startWorker(queue, { whatsapp: async (m) => void seen.push(m.id) });
    const processed = events(worker, 'processed', ids.length);
    for (const id of ids) await queue.enqueue(message(id));
    await processed;
    expect(seen).toEqual(ids);
    expect(await queue.depth()).toBe(0);
  });

  it('runs up to `concurrency` turns of different conversations at once, never two of one conversation', async () => {
    const queue = createQueue();
    const release = gate();
    let running = 0;
    let maxRunning = 0;
    const runningKeys = new Set<string>();
    // Checked after the run: an expect inside the handler would only make the worker retry the turn.
    const overlaps: string[] = [];
    const worker = startWorker(
      queue,
      {
        whatsapp: async (m) => {
          if (runningKeys.has(m.conversationKey)) overlaps.push(m.id);
          runningKeys.add(m.conversationKey);
          maxRunning = Math.max(maxRunning, ++running);
          await release.opened;
          running--;
          runningKeys.delete(m.conversationKey);
        },
      },
      { concurrency: 3 },
    );
    const failures: string[] = [];
    worker.on('failed', (lease) => failures.push(lease.message.id));
    const processed = events(worker, 'processed', 6);
    for (let i = 0; i < 5; i++) await queue.enqueue(message(`m${i}`, `conv-${i}`));
    await queue.enqueue(message('m5', 'conv-0'));
    await waitFor(() => running === 3, 10_000, 'three turns running');
    expect(worker.active).toBe(3);
    release.open();
    await processed;
    expect(maxRunning).toBe(3);
    expect(overlaps).toEqual([]);
    expect(failures).toEqual([]);
    expect(await queue.depth()).toBe(0);
  });

  it('frees the turn slot once a turn is decided: slow deliveries wait in the send pool, not in turn slots', async () => {
    const queue = createQueue();
    const release = gate();
    const decided: string[] = [];
    let sending = 0;
    let maxSending = 0;
    const worker = startWorker(
      queue,
      {
        whatsapp: async (m) => {
          decided.push(m.id);
          return async () => {
            maxSending = Math.max(maxSending, ++sending);
            await release.opened;
            sending--;
          };
        },
      },
      { concurrency: 1, sendConcurrency: 2 },
    );
    const processed = events(worker, 'processed', 5);
    for (let i = 0; i < 5; i++) await queue.enqueue(message(`m${i}`, `conv-${i}`));
    // One turn slot, yet four turns are decided while the first two deliveries are held (two more wait for a
    // send slot); the fifth is not claimed until the line shortens, so decided turns never pile up unbounded.
    await waitFor(() => decided.length === 4, 10_000, 'four turns decided');
    await new Promise((resolve) => setImmediate(resolve));
    expect(decided).toHaveLength(4);
    expect(sending).toBe(2);
    expect(worker.active).toBe(4);
    release.open();
    await processed;
    expect(maxSending).toBe(2);
    expect(await queue.depth()).toBe(0);
  });

  it('holds a conversation\'s next message until the delivery of the one before is done (order per user)', async () => {
    const queue = createQueue();
    const order: string[] = [];
    const firstDelivery = gate();
    const worker = startWorker(
      queue,
      {
        whatsapp: async (m) => {
          order.push(`turn ${m.id}`);
          return async () => {
            if (m.id === 'm1') await firstDelivery.opened;
            order.push(`sent ${m.id}`);
          };
        },
      },
      { concurrency: 4, sendConcurrency: 4 },
    );
    const processed = events(worker, 'processed', 3);
    await queue.enqueue(message('m1'));
    await queue.enqueue(message('m2'));
    await queue.enqueue(message('x1', 'conv-other'));
    await waitFor(() => order.includes('sent x1'), 10_000, 'the other conversation to go on');
    expect(order).not.toContain('turn m2');
    firstDelivery.open();
    await processed;
    expect(order.filter((o) => !o.includes('x1'))).toEqual(['turn m1', 'sent m1', 'turn m2', 'sent m2']);
  });

  it('retries a message whose delivery failed, and stop() waits for deliveries in flight', async () => {
    const queue = createQueue();
    const release = gate();
    let deliveries = 0;
    const worker = startWorker(
      queue,
      {
        whatsapp: async () => async () => {
          deliveries++;
          if (deliveries === 1) throw new Error('graph down');
          await release.opened;
        },
      },
      { retryDelayMs: 10 },
    );
    const failed = events(worker, 'failed', 1);
    await queue.enqueue(message('m1'));
    await failed;
    await waitFor(() => deliveries === 2, 10_000, 'the delivery to be retried');
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release.open();
    await stopping;
    expect(await queue.depth()).toBe(0);
  });

  it('stop() stops claiming and waits for the turns in flight', async () => {
    const queue = createQueue();
    const release = gate();
    const order: string[] = [];
    const worker = startWorker(queue, {
      whatsapp: async (m) => {
        order.push(`start ${m.id}`);
        await release.opened;
        order.push(`end ${m.id}`);
      },
    });
    worker.on('processed', (lease) => order.push(`acked ${lease.message.id}`));
    await queue.enqueue(message('m1'));
    await waitFor(() => order.includes('start m1'), 10_000, 'the turn to start');
    const stopped = worker.stop().then(() => order.push('stopped'));
    await queue.enqueue(message('m2', 'conv-other'));
    // Let every pending callback run: stop() must still be waiting for the held turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['start m1']);
    release.open();
    await stopped;
    expect(order).toEqual(['start m1', 'end m1', 'acked m1', 'stopped']);
    expect((await queue.claim('other', 30_000))?.message.id).toBe('m2');
  });

  it('extends the lease of a long turn so no other worker takes its message', async () => {
    const queue = createQueue();
    const release = gate();
    let extended = 0;
    const counting: InboundQueue = Object.assign(Object.create(queue) as InboundQueue, {
      extend: async (lease: InboundLease, leaseMs: number) => {
        const current = await queue.extend(lease, leaseMs);
        if (current) extended++;
        return current;
      },
    });
    let started = false;
    const worker = startWorker(counting, { whatsapp: async () => { started = true; await release.opened; } }, { leaseMs: 150, heartbeatMs: 40 });
    const processed = events(worker, 'processed', 1);
    await queue.enqueue(message('slow'));
    await waitFor(() => started, 10_000, 'the turn to start');
    // Several heartbeats take the turn well past its first 150 ms lease.
    await waitFor(() => extended >= 6, 10_000, 'six lease extensions');
    expect(await queue.claim('intruder', 30_000)).toBeNull();
    release.open();
    await processed;
    expect(await queue.depth()).toBe(0);
  });

  it('keeps going after the queue fails to answer a claim', async () => {
    const queue = createQueue();
    const { lines, logger } = captureLogs();
    let failures = 0;
    const flaky: InboundQueue = Object.assign(Object.create(queue) as InboundQueue, {
      claim: async (workerId: string, leaseMs: number) => {
        if (failures < 2) {
          failures++;
          throw new Error('connection lost');
        }
        return queue.claim(workerId, leaseMs);
      },
    });
    await queue.enqueue(message('m1'));
    const worker = startWorker(flaky, { whatsapp: async () => {} }, { logger, idleWaitMs: 20 });
    await events(worker, 'processed', 1);
    expect(failures).toBe(2);
    expect(lines.filter((l) => l.includes('claim failed'))).toHaveLength(2);
  });

  it('counts turns by channel and outcome', async () => {
    const queue = createQueue();
    const metrics = createMetrics();
    const worker = startWorker(
      queue,
      { whatsapp: async (m) => { if (m.id === 'bad') throw new Error('boom'); } },
      { metrics, maxDeliveries: 1 },
    );
    const dead = events(worker, 'deadLettered', 1);
    const processed = events(worker, 'processed', 1);
    await queue.enqueue(message('bad', 'conv-1'));
    await queue.enqueue(message('good', 'conv-2'));
    await dead;
    await processed;
    const text = await metrics.registry.metrics();
    expect(text).toContain('tdu_turns_total{channel="whatsapp",outcome="ok"} 1');
    expect(text).toContain('tdu_turns_total{channel="whatsapp",outcome="failed"} 1');
  });

  it('retries a failing turn with backoff, then dead-letters it after maxDeliveries and goes on', async () => {
    const queue = createQueue();
    const { lines, logger } = captureLogs();
    const attempts: number[] = [];
    const handled: string[] = [];
    const worker = new TurnWorker({
      queue,
      workerId: 'w',
      logger,
      maxDeliveries: 3,
      retryDelayMs: 5,
      idleWaitMs: 200,
      handlers: {
        whatsapp: async (m: InboundMessage, lease: InboundLease) => {
          if (m.id === 'poison') {
            attempts.push(lease.redeliveries);
            throw new Error(`cannot handle ${SECRET_TEXT}`);
          }
          handled.push(m.id);
        },
      },
    });
    workers.push(worker);
    const dead = events(worker, 'deadLettered', 1);
    const failed = events(worker, 'failed', 3);
    const processed = events(worker, 'processed', 1);
    worker.start();
    await queue.enqueue(message('poison'));
    await queue.enqueue(message('next'));
    const [[lease, reason]] = (await dead) as [[InboundLease, string]];
    await failed;
    await processed;
    expect(lease.message.id).toBe('poison');
    expect(reason).toBe('maxDeliveries');
    expect(attempts).toEqual([0, 1, 2]);
    expect(handled).toEqual(['next']);
    const letters = await queue.deadLetters();
    expect(letters.map((l) => [l.message.id, l.reason, l.deliveries])).toEqual([['poison', 'maxDeliveries', 3]]);

    const log = lines.join('\n');
    expect(lines.filter((l) => l.includes('turn failed'))).toHaveLength(3);
    expect(log).toContain('"name":"Error"');
    expect(log).not.toContain('Awa');
    expect(log).not.toContain('0612345678');
    expect(log).not.toContain('212600000001');
  });

  it('dead-letters a message of an unknown channel with a log line', async () => {
    const queue = createQueue();
    const { lines, logger } = captureLogs();
    const worker = new TurnWorker({ queue, workerId: 'w', logger, idleWaitMs: 200, handlers: { whatsapp: async () => {} } });
    workers.push(worker);
    const dead = events(worker, 'deadLettered', 1);
    worker.start();
    await queue.enqueue(message('m1', 'sms:1', 'sms'));
    expect((await dead)[0]?.[1]).toBe('unknownChannel');
    expect((await queue.deadLetters()).map((l) => l.message.id)).toEqual(['m1']);
    expect(lines.some((l) => l.includes('no turn handler') && l.includes('"channel":"sms"'))).toBe(true);
  });

  it('dead-letters without running it a message whose earlier claims never finished (it kills its worker)', async () => {
    const queue = createQueue();
    await queue.enqueue(message('crasher'));
    for (let claims = 0; claims < 2; claims++) {
      await waitFor(async () => (await queue.claim('dying-worker', 1)) !== null, 5000, 'a redelivery');
    }
    let ran = false;
    const worker = startWorker(queue, { whatsapp: async () => void (ran = true) }, { maxDeliveries: 2 });
    await events(worker, 'deadLettered', 1);
    expect(ran).toBe(false);
    expect((await queue.deadLetters())[0]?.deliveries).toBe(3);
  });
  it('dead-letters a PermanentTurnError at once, without retry or apology, and the conversation goes on', async () => {
    const queue = createQueue();
    const apologies: string[] = [];
    const handled: string[] = [];
    const worker = startWorker(queue, {
      whatsapp: {
        run: async (m) => {
          if (m.id === 'unreadable') throw new PermanentTurnError('payload cannot be read');
          handled.push(m.id);
        },
        onGiveUp: async (m) => void apologies.push(m.id),
      },
    });
    const dead = events(worker, 'deadLettered', 1);
    const processed = events(worker, 'processed', 1);
    await queue.enqueue(message('unreadable'));
    await queue.enqueue(message('next'));
    expect((await dead)[0]?.[1]).toBe('permanent');
    await processed;
    expect(handled).toEqual(['next']);
    expect(apologies).toEqual([]);
    expect((await queue.deadLetters()).map((l) => [l.message.id, l.reason, l.error, l.deliveries])).toEqual([['unreadable', 'permanent', 'PermanentTurnError', 1]]);
  });

  it('sends the ack beside the records its delivery left under way, and is done only once they are written', async () => {
    const queue = createQueue();
    const records = gate();
    const worker = startWorker(queue, { whatsapp: async () => async () => ({ settled: records.opened }) });
    await queue.enqueue(message('m1'));
    // Acked while the records are still being written: the next message of the conversation may go on.
    await waitFor(async () => (await queue.depth()) === 0, 5_000, 'the ack');
    expect(worker.active).toBe(1);
    records.open();
    await waitFor(() => worker.active === 0, 5_000, 'the records');
  });

  it('tells the channel once when it gives a failing message up, and runs afterAck after each ack', async () => {
    const queue = createQueue();
    const apologies: string[] = [];
    const acked: string[] = [];
    const worker = startWorker(
      queue,
      {
        whatsapp: {
          run: async (m) => {
            if (m.id === 'bad') throw new TypeError('boom');
          },
          onGiveUp: async (m, reason) => void apologies.push(`${m.id}:${reason}`),
          afterAck: async (m) => void acked.push(m.id),
        },
      },
      { maxDeliveries: 2, retryDelayMs: 5 },
    );
    const processed = events(worker, 'processed', 1);
    await queue.enqueue(message('bad'));
    await queue.enqueue(message('good'));
    await processed;
    await waitFor(() => acked.length === 1, 5_000, 'afterAck');
    expect(apologies).toEqual(['bad:maxDeliveries']);
    expect(acked).toEqual(['good']);
    expect((await queue.deadLetters())[0]).toMatchObject({ reason: 'maxDeliveries', error: 'TypeError', deliveries: 2 });
  });
});

describe('TurnWorker: the clean-up after the ack', () => {
  /** A memory queue whose acks wait for `held`, telling whether a write issued after the call runs after it. */
  function slowAckQueue(ackOrder: 'issued' | undefined, held: Promise<void>, log: string[]): InboundQueue {
    const inner = new MemoryInboundQueue({ maxDepth: 10 });
    return Object.assign(Object.create(inner) as InboundQueue, {
      ackOrder,
      ack: async (lease: InboundLease) => {
        log.push('ack sent');
        await held;
        await inner.ack(lease);
        log.push('ack done');
      },
    });
  }

  it.each([
    ['issued', ['ack sent', 'clean-up', 'ack done']],
    [undefined, ['ack sent', 'ack done', 'clean-up']],
  ] as const)('with ackOrder %s runs in this order: %j', async (ackOrder, expected) => {
    const log: string[] = [];
    const held = gate();
    const queue = slowAckQueue(ackOrder, held.opened, log);
    const worker = new TurnWorker({
      queue,
      handlers: { whatsapp: { run: async () => undefined, afterAck: async () => void log.push('clean-up') } },
      workerId: 'w',
      logger: captureLogs().logger,
      idleWaitMs: 50,
    });
    workers.push(worker);
    worker.start();
    await queue.enqueue(message('m1'));
    await waitFor(() => log.length >= 1, 5_000, 'the ack');
    await new Promise((resolve) => setTimeout(resolve, 50));
    held.open();
    await waitFor(() => log.length === 3, 5_000, 'the clean-up');
    expect(log).toEqual(expected);
  });
});
