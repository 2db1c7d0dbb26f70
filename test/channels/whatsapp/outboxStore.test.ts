import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryOutbox } from '../../../src/stores/memory/memoryOutbox.js';
import type { OutboxEntry, OutboxStore } from '../../../src/stores/outboxStore.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisOutbox } from '../../../src/stores/redis/redisOutbox.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

const backends: Array<[string, () => OutboxStore]> = [
  ['memory', () => new MemoryOutbox()],
  [
    'redis',
    () => {
      const client = new Redis(inject('redisUrl'));
      clients.push(client);
      return new RedisOutbox(client, redisKeys(uniquePrefix('outbox')));
    },
  ],
];

const entry = (id: string, at: number, over: Partial<OutboxEntry> = {}): OutboxEntry => ({
  id,
  kind: 'dead',
  waId: '212600000001',
  message: { type: 'text', text: { body: 'x' } },
  idempotencyKey: `key-${id}`,
  reason: 'graph 400 code 131026',
  at,
  attempts: 1,
  ...over,
});

describe.each(backends)('OutboxStore on %s', (_name, makeStore) => {
  describe('.claim', () => {
    it('gives a key to exactly one of many concurrent claimers', async () => {
      const store = makeStore();
      const results = await Promise.all(Array.from({ length: 10 }, () => store.claim('k', 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.claimState('k')).toBe('pending');
    });

    it('refuses a sent key and accepts it again after release', async () => {
      const store = makeStore();
      expect(await store.claim('k', 60_000)).toBe(true);
      await store.markSent('k', 'wamid.1', 60_000);
      expect(await store.claim('k', 60_000)).toBe(false);
      expect(await store.claimState('k')).toBe('sent:wamid.1');
      await store.release('k');
      expect(await store.claim('k', 60_000)).toBe(true);
    });
  });

  describe('.park / .list / .take', () => {
    it('lists parked entries oldest first, per kind, and marks their claims', async () => {
      const store = makeStore();
      await store.park(entry('b', 2000), 60_000);
      await store.park(entry('a', 1000), 60_000);
      await store.park(entry('h', 1500, { kind: 'held' }), 60_000);
      expect((await store.list('dead')).map((e) => e.id)).toEqual(['a', 'b']);
      expect((await store.list('held')).map((e) => e.id)).toEqual(['h']);
      expect((await store.list('dead', 1)).map((e) => e.id)).toEqual(['a']);
      expect(await store.claimState('key-a')).toBe('dead:a');
      expect(await store.claim('key-a', 60_000)).toBe(false);
      expect((await store.list('dead'))[0]).toEqual(entry('a', 1000));
    });

    it('hands an entry to only one of two concurrent takers', async () => {
      const store = makeStore();
      await store.park(entry('a', 1000), 60_000);
      const [one, two] = await Promise.all([store.take('dead', 'a'), store.take('dead', 'a')]);
      expect([one, two].filter(Boolean)).toHaveLength(1);
      expect(await store.list('dead')).toEqual([]);
      expect(await store.take('dead', 'missing')).toBeUndefined();
    });
  });
});
