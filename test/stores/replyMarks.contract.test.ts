import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { MemoryReplyMarks } from '../../src/stores/memory/memoryReplyMarks.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisReplyMarks } from '../../src/stores/redis/redisReplyMarks.js';
import type { ReplyMarks } from '../../src/stores/replyMarks.js';
import { waitFor } from '../helpers/appProcess.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});

const factories: Array<[string, () => ReplyMarks]> = [
  ['memory', () => new MemoryReplyMarks()],
  [
    'redis',
    () => {
      const client = new Redis(inject('redisUrl'));
      clients.push(client);
      return new RedisReplyMarks(client, redisKeys(uniquePrefix('rm')));
    },
  ],
];

describe.each(factories)('ReplyMarks (%s)', (_name, create) => {
  it('keeps the last mark of each reply until it is cleared', async () => {
    const marks = create();
    expect(await marks.get('botframework:c1:a1#0')).toBeUndefined();
    await marks.set('botframework:c1:a1#0', 'attempted', 60_000);
    await marks.set('botframework:c1:a1#1', 'unanswered', 60_000);
    expect(await marks.get('botframework:c1:a1#0')).toBe('attempted');
    await marks.set('botframework:c1:a1#0', 'sent', 60_000);
    expect(await marks.get('botframework:c1:a1#0')).toBe('sent');
    expect(await marks.get('botframework:c1:a1#1')).toBe('unanswered');
    await marks.clear('botframework:c1:a1#1');
    expect(await marks.get('botframework:c1:a1#1')).toBeUndefined();
  });

  it('forgets a mark after its lifetime', async () => {
    const marks = create();
    await marks.set('k', 'sent', 200);
    await waitFor(async () => (await marks.get('k')) === undefined, 5_000, 'the mark to expire');
  });
});

describe('RedisReplyMarks', () => {
  it('names its key by a hash: the conversation id is not in Redis', async () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const prefix = uniquePrefix('rm');
    await new RedisReplyMarks(client, redisKeys(prefix)).set('botframework:conversation-of-awa:a1#0', 'sent', 60_000);
    const keys = await client.keys(`${prefix}:*`);
    expect(keys.length).toBe(1);
    expect(keys[0]).not.toContain('awa');
  });
});
