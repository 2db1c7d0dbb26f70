import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryConversationLog } from '../../src/stores/memory/memoryConversationLog.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisConversationLog } from '../../src/stores/redis/redisConversationLog.js';
import type { ConversationLog } from '../../src/stores/types.js';
import { waitFor } from '../helpers/appProcess.js';
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
  ['redis (two instances)', () => {
    const prefix = uniquePrefix('dl');
    const make = () => {
      const client = new Redis(inject('redisUrl'));
      opened.push({ close: () => client.quit() });
      const log = new RedisConversationLog(client, redisKeys(prefix), 60);
      opened.unshift(log);
      return log;
    };
    return [make(), make()];
  }],
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

  it('notifies subscribers of appends made by another instance', async () => {
    const [writer, reader] = create();
    await writer.create('c3');
    let notified = 0;
    const unsubscribe = reader.subscribe('c3', () => notified++);
    // The Redis subscriber connects asynchronously: append until the first notification arrives.
    await waitFor(async () => {
      await writer.append('c3', { type: 'message', text: 'x' });
      return notified > 0;
    }, 5000, 'a notification');
    unsubscribe();
  });

  it('removes a conversation', async () => {
    const [log] = create();
    await log.create('c4');
    await log.append('c4', { type: 'message' });
    await log.remove('c4');
    expect(await log.exists('c4')).toBe(false);
    expect((await log.read('c4', 0)).activities).toEqual([]);
  });
});
