import type { ReplyMarks } from '../replyMarks.js';

/** In-memory {@link ReplyMarks} for the embedded store; expired marks are dropped as new ones are made. */
export class MemoryReplyMarks implements ReplyMarks {
  /** reply key → expiry (ms since the epoch), oldest marks first (a Map keeps insertion order). */
  private readonly marks = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async has(replyKey: string): Promise<boolean> {
    const expiresAt = this.marks.get(replyKey);
    return expiresAt !== undefined && expiresAt > this.now();
  }

  async mark(replyKey: string, ttlMs: number): Promise<void> {
    const now = this.now();
    for (const [key, expiresAt] of this.marks) {
      if (expiresAt > now) break;
      this.marks.delete(key);
    }
    this.marks.delete(replyKey);
    this.marks.set(replyKey, now + ttlMs);
  }
}
