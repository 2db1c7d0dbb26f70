/**
 * What is known of one reply's delivery to a channel that has no idempotency of its own (the Bot Framework
 * connector): `attempted` before the call, `unanswered` when the call got no answer (timeout, connection dropped:
 * the connector may have accepted it), `sent` once the connector accepted it.
 */
export type ReplyMark = 'attempted' | 'unanswered' | 'sent';

/**
 * Marks of replies' deliveries, so a turn outcome delivered again after a crash or a failed attempt skips what
 * already went out and knows which re-sends may be duplicates. A mark holds only the reply's key and expires (it
 * is needed only while its outcome may be delivered again).
 */
export interface ReplyMarks {
  /** The reply's mark, or undefined when there is none (never tried, refused, or expired). */
  get(replyKey: string): Promise<ReplyMark | undefined>;
  /** Sets the reply's mark for `ttlMs`. */
  set(replyKey: string, mark: ReplyMark, ttlMs: number): Promise<void>;
  /** Removes the reply's mark (the connector refused the reply: nothing went out). */
  clear(replyKey: string): Promise<void>;
}
