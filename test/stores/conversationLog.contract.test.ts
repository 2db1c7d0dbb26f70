import { afterAll, describe, expect, it } from 'vitest';
import { MemoryConversationLog } from '../../src/stores/memory/memoryConversationLog.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisConversationLog } from '../../src/stores/redis/redisConversationLog.js';
import type { ConversationLog } from '../../src/stores/types.js';
import { waitFor } from '../helpers/appProcess.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../helpers/redisClients.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const opened: Array<{ close(): Promise<unknown> }> = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

const factories: Array<[string, () => [ConversationLog, ConversationLog]]> = [
  ['memory', () => {
    const log = new MemoryConversationLog(60);
    return [log, log];
  }],
  ...REDIS_TOPOLOGIES.map((topology): [string, () => [ConversationLog, ConversationLog]] => [`${topology} (two instances)`, () => {
    const prefix = uniquePrefix('dl');
    const make = () => {
      const log = new RedisConversationLog(testRedisClient(topology), redisKeys(prefix), 60);
      opened.unshift(log);
      return log;
    };
    return [make(), make()];
  }]),
];

describe.each(factories)('ConversationLog (%s)', (_name, create) => {
  it('creates conversations and tells which exist', async () => {
    const [log] = create();
    await log.create('c1');
    expect(await log.exists('c1')).toBe(true);
    expect(await log.exists('nope')).toBe(false);
  });

  it('appends in order and reads after a watermark, with ids', async () => {
    const [log] = create();
    await log.create('c2');
    for (const text of ['a', 'b', 'c']) await log.append('c2', { type: 'message', text });
    const page = await log.read('c2', 1);
    expect(page.watermark).toBe(3);
    expect(page.activities.map((a) => a.text)).toEqual(['b', 'c']);
    expect(page.activities[0]?.id).toBe('c2|0000001');
    expect((await log.read('c2', 3)).activities).toEqual([]);
  });

  it('reads an empty page at the highest watermark a client may send', async () => {
    const [log] = create();
    await log.create('c-max');
    await log.append('c-max', { type: 'message', text: 'a' });
    const page = await log.read('c-max', 2 ** 31 - 1);
    expect(page.activities).toEqual([]);
  });

  it('notifies subscribers of appends made by another instance', async () => {
    const [writer, reader] = create();
    await writer.create('c3');
    let notified = 0;
    let others = 0;
    const unsubscribe = reader.subscribe('c3', () => notified++);
    const unsubscribeOther = reader.subscribe('c3-other', () => others++);
    // The Redis subscriber connects asynchronously: append until the first notification arrives.
    await waitFor(async () => {
      await writer.append('c3', { type: 'message', text: 'x' });
      return notified > 0;
    }, 5000, 'a notification');
    expect(notified).toBeGreaterThan(0);
    // The reader sees what was appended, and an append to c3 does not notify c3-other. (Subscribing may
    // notify every listener once, to catch up on appends made before the subscription was active.)
    const page = await reader.read('c3', 0);
    expect(page.activities.length).toBeGreaterThanOrEqual(1);
    const othersBefore = others;
    const seen = notified;
    await writer.append('c3', { type: 'message', text: 'y' });
    await waitFor(() => notified > seen, 5000, 'the second notification');
    expect(others).toBe(othersBefore);
    // After unsubscribing, appends notify no more: a later append to the other conversation, delivered
    // through the same channel, is awaited as the marker.
    unsubscribe();
    const before = notified;
    await writer.append('c3', { type: 'message', text: 'after' });
    await writer.append('c3-other', { type: 'message', text: 'marker' });
    await waitFor(() => others > othersBefore, 5000, 'the marker notification');
    expect(notified).toBe(before);
    unsubscribeOther();
  });

  it('erases the first activities but keeps counting: later ids and watermarks stay monotonic', async () => {
    const [log, other] = create();
    await log.create('c4');
    for (const text of ['a', 'b', 'c']) await log.append('c4', { type: 'message', text });
    await log.erase('c4', 2);
    expect(await log.exists('c4')).toBe(true);
    const page = await other.read('c4', 0);
    expect(page.activities.map((a) => [a.id, a.text])).toEqual([['c4|0000002', 'c']]);
    expect(page.watermark).toBe(3);
    expect(await log.append('c4', { type: 'message', text: 'd' })).toBe(3);
    expect((await other.read('c4', 3)).activities.map((a) => a.text)).toEqual(['d']);
    await log.erase('c4', Number.MAX_SAFE_INTEGER);
    expect(await other.read('c4', 0)).toEqual({ activities: [], watermark: 4 });
    expect(await log.append('c4', { type: 'message', text: 'e' })).toBe(4);
  });

  it('erasing an unknown conversation does nothing', async () => {
    const [log] = create();
    await log.erase('never', 10);
    expect(await log.read('never', 0)).toEqual({ activities: [], watermark: 0 });
  });
});
