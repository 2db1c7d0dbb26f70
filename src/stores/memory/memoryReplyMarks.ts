import type { ReplyMark, ReplyMarks } from '../replyMarks.js';

/** In-memory {@link ReplyMarks} for the embedded store; expired marks are dropped as new ones are set. */
export class MemoryReplyMarks implements ReplyMarks {
  /** reply key → mark and expiry (ms since the epoch), oldest first (a Map keeps insertion order). */
  private readonly marks = new Map<string, { mark: ReplyMark; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(replyKey: string): Promise<ReplyMark | undefined> {
    const entry = this.marks.get(replyKey);
    return entry && entry.expiresAt > this.now() ? entry.mark : undefined;
  }

  async set(replyKey: string, mark: ReplyMark, ttlMs: number): Promise<void> {
    const now = this.now();
    for (const [key, entry] of this.marks) {
      if (entry.expiresAt > now) break;
      this.marks.delete(key);
    }
    this.marks.delete(replyKey);
    this.marks.set(replyKey, { mark, expiresAt: now + ttlMs });
  }

  async clear(replyKey: string): Promise<void> {
    this.marks.delete(replyKey);
  }
}
