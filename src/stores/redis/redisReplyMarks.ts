import type { Redis } from 'ioredis';
import type { ReplyMarks } from '../replyMarks.js';
import type { RedisKeys } from './redisKeys.js';

/** Redis {@link ReplyMarks}: one expiring key per delivered reply (single commands, nothing to make atomic). */
export class RedisReplyMarks implements ReplyMarks {
  constructor(
    private readonly client: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async has(replyKey: string): Promise<boolean> {
    return (await this.client.exists(this.keys.botFrameworkReplySent(replyKey))) === 1;
  }

  async mark(replyKey: string, ttlMs: number): Promise<void> {
    await this.client.set(this.keys.botFrameworkReplySent(replyKey), '1', 'PX', Math.max(1, Math.round(ttlMs)));
  }
}
