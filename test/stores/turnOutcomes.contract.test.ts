import { describe, expect, it } from 'vitest';
import { createDecidedTurnHandler } from '../../src/pipeline/decidedTurn.js';
import { BufferedStateStorage } from '../../src/stores/bufferedStateStorage.js';
import { MemoryStateStorage } from '../../src/stores/memory/memoryStateStorage.js';
import { MemoryTurnOutcomes } from '../../src/stores/memory/memoryTurnOutcomes.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisTurnOutcomes } from '../../src/stores/redis/redisTurnOutcomes.js';
import type { TurnOutcome, TurnOutcomeStore } from '../../src/stores/turnOutcomeStore.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../helpers/redisClients.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const backends: Array<[string, () => TurnOutcomeStore]> = [
  ['memory', () => new MemoryTurnOutcomes()],
  ...REDIS_TOPOLOGIES.map((topology): [string, () => TurnOutcomeStore] => [
    topology,
    () => new RedisTurnOutcomes(testRedisClient(topology), redisKeys(uniquePrefix('outcome'))),
  ]),
];

const outcome = (text: string): TurnOutcome => ({
  messageId: 'wamid.1',
  conversationKey: 'whatsapp:212600000001',
  decidedAt: 1,
  replies: [{ key: 'wamid.1#0', activity: { type: 'message', text } }],
  state: [{ op: 'write', key: 'whatsapp/conversations/x', item: { step: 2 } }, { op: 'delete', key: 'whatsapp/users/x' }],
});

describe.each(backends)('TurnOutcomeStore on %s', (_name, make) => {
  it('keeps the first decision: a second one gets the first back', async () => {
    const store = make();
    expect(await store.get('whatsapp:212600000001', 'wamid.1')).toBeUndefined();
    const [a, b] = await Promise.all([store.decide(outcome('first'), 60_000), store.decide(outcome('second'), 60_000)]);
    expect(a).toEqual(b);
    expect(await store.decide(outcome('third'), 60_000)).toEqual(a);
    expect(await store.get('whatsapp:212600000001', 'wamid.1')).toEqual(a);
    await store.remove('whatsapp:212600000001', 'wamid.1');
    expect(await store.get('whatsapp:212600000001', 'wamid.1')).toBeUndefined();
  });
});

describe('BufferedStateStorage', () => {
  it('holds back a turn\'s writes and deletes (reads see them), then applies them, again and again', async () => {
    const inner = new MemoryStateStorage(3600);
    await inner.write({ a: { n: 1 }, b: { n: 1 } });
    const storage = new BufferedStateStorage(inner);
    const { changes } = await storage.capture(async () => {
      const read = await storage.read(['a', 'b']);
      await storage.write({ a: { ...read.a, n: 2 } });
      await storage.delete(['b']);
      expect(await storage.read(['a', 'b'])).toEqual({ a: { n: 2, eTag: '*' } });
    });
    expect(await inner.read(['a', 'b'])).toMatchObject({ a: { n: 1 }, b: { n: 1 } });
    await storage.apply(changes);
    await storage.apply(changes); // a crash after the first apply: the same changes again still succeed
    expect(await inner.read(['a', 'b'])).toEqual({ a: { n: 2, eTag: expect.any(String) } });
    // Outside a capture it is the plain storage.
    await storage.write({ c: { n: 3 } });
    expect(await inner.read(['c'])).toMatchObject({ c: { n: 3 } });
  });
});

describe('BufferedStateStorage.prefetch', () => {
  it('serves each item read ahead to the turn\'s first read of it, then reads the store again; forgetPrefetched drops them', async () => {
    const inner = new MemoryStateStorage(3600);
    await inner.write({ a: { n: 1 } });
    const reads: string[][] = [];
    const counted = Object.assign(Object.create(inner) as MemoryStateStorage, { read: (keys: string[]) => (reads.push(keys), inner.read(keys)) });
    const storage = new BufferedStateStorage(counted);
    await storage.capture(async () => {
      await storage.prefetch(['a', 'b']);
      await inner.write({ a: { n: 5 } }); // changed behind the read ahead: the turn still gets what was read
      expect(await storage.read(['a'])).toMatchObject({ a: { n: 1 } });
      expect(await storage.read(['b'])).toEqual({});
      expect(reads).toEqual([['a', 'b']]);
      expect(await storage.read(['a'])).toMatchObject({ a: { n: 5 } });
      await storage.prefetch(['a']);
      storage.forgetPrefetched();
      await inner.write({ a: { n: 6 } });
      expect(await storage.read(['a'])).toMatchObject({ a: { n: 6 } });
    });
  });
});

describe.each(backends)('a decided turn on %s whose decision lost to an earlier one', (name, make) => {
  it('ends with the stored decision\'s state, not its own', async () => {
    const outcomes = make();
    const inner = new MemoryStateStorage(3600);
    const state = new BufferedStateStorage(inner);
    const first = outcome('first');
    await outcomes.decide({ ...first, state: [{ op: 'write', key: 'k', item: { by: 'first' } }] }, 60_000);
    const handler = createDecidedTurnHandler({
      outcomes,
      state,
      outcomeTtlMs: 60_000,
      bot: { run: async () => undefined },
      // The turn (run inside the handler's capture) writes its own, losing, state.
      record: async () => {
        await state.write({ k: { by: 'second' } });
        return [];
      },
      deliver: async () => undefined,
    });
    const message = { id: first.messageId, conversationKey: first.conversationKey, channel: 'test', payload: '' };
    await handler.run(message, { message, leaseId: 'l', redeliveries: 0 });
    expect((await inner.read(['k'])).k, name).toMatchObject({ by: 'first' });
  });
});
