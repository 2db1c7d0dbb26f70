import { createHash } from 'node:crypto';
import type { RedisClient } from './redisConnection.js';
import type { ReplyMark, ReplyMarks } from '../replyMarks.js';
import type { RedisKeys } from './redisKeys.js';

const MARKS: readonly ReplyMark[] = ['attempted', 'unanswered', 'sent'];

/**
 * Redis {@link ReplyMarks}: one expiring key per reply holding its mark, named by a hash of the reply key (which
 * holds the channel's conversation id). Single commands, nothing to make atomic: only the worker holding the
 * message's lease delivers its replies.
 */
export class RedisReplyMarks implements ReplyMarks {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async get(replyKey: string): Promise<ReplyMark | undefined> {
    const value = await this.client.get(this.key(replyKey));
    return MARKS.find((mark) => mark === value);
  }

  async set(replyKey: string, mark: ReplyMark, ttlMs: number): Promise<void> {
    await this.client.set(this.key(replyKey), mark, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async clear(replyKey: string): Promise<void> {
    await this.client.del(this.key(replyKey));
  }

  private key(replyKey: string): string {
    return this.keys.botFrameworkReplyMark(createHash('sha256').update(replyKey).digest('hex').slice(0, 32));
  }
}
