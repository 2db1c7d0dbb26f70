/**
 * Marks of replies already accepted by a channel that has no idempotency of its own (the Bot Framework
 * connector), so a turn outcome delivered again after a crash or a failed attempt skips what already went out.
 * A mark holds only the reply's key and expires (it is needed only while its outcome may be delivered again).
 */
export interface ReplyMarks {
  /** Whether the reply with this key was marked as delivered (and the mark has not expired). */
  has(replyKey: string): Promise<boolean>;
  /** Marks the reply as delivered for `ttlMs`. */
  mark(replyKey: string, ttlMs: number): Promise<void>;
}
