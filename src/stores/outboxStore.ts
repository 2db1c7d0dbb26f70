import { z } from 'zod';

/** Which staff list an outbound message sits in: `dead` (permanent failure) or `held` (24-hour window closed). */
export type OutboxKind = 'dead' | 'held';

/** The two staff lists, in display order. */
export const OUTBOX_KINDS = ['dead', 'held'] as const satisfies readonly OutboxKind[];

/** An outbound WhatsApp message that was not delivered and waits for staff (list, replay). */
export const OutboxEntry = z.object({
  /** Entry id, sortable by time (e.g. `lq3k2x9-a1b2c3`). */
  id: z.string().min(1),
  kind: z.enum(OUTBOX_KINDS),
  /** Recipient wa_id (personal data: shown masked, never logged). */
  waId: z.string().min(1),
  /** The Graph message body (without envelope) that was to be sent. */
  message: z.object({ type: z.string() }).catchall(z.unknown()),
  /** Idempotency key of the reply, so a replay marks the same reply as sent. */
  idempotencyKey: z.string().min(1),
  /** Why it is here, without personal data, e.g. `graph 400 code 131026`, `window closed`. */
  reason: z.string(),
  /** When it was parked, epoch ms. */
  at: z.number(),
  /** Send attempts made before it was parked. */
  attempts: z.number().int().nonnegative(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/**
 * Outbound bookkeeping of the WhatsApp sender: idempotency claims (so no reply is sent twice, even when a
 * turn is re-run after a crash or on another instance) and the staff lists of dead and held messages.
 * Memory and Redis implementations share one contract suite.
 */
export interface OutboxStore {
  /**
   * Claims `idempotencyKey` for sending (atomic set-if-absent, state `pending`, lasting `ttlMs`).
   * Resolves false when the key was already claimed, sent or parked.
   */
  claim(idempotencyKey: string, ttlMs: number): Promise<boolean>;
  /**
   * Starts a delivery attempt of `idempotencyKey` (atomic): resolves `done` when the reply was already sent or
   * parked (nothing to do), `retry` when an earlier attempt started and never finished (a crash or a timeout:
   * Meta may have accepted it, so sending again may duplicate it), `new` otherwise. The attempt mark lasts `ttlMs`.
   */
  beginAttempt(idempotencyKey: string, ttlMs: number): Promise<'new' | 'retry' | 'done'>;
  /** Records that the claimed reply was accepted by Graph (kept `ttlMs`, so late re-runs still see it). */
  markSent(idempotencyKey: string, graphMessageId: string, ttlMs: number): Promise<void>;
  /** Frees a claim so the reply may be tried again later (used when sending was not attempted). */
  release(idempotencyKey: string): Promise<void>;
  /** The claim's state (`pending`, `sent:<id>`, `dead:<entry>`, `held:<entry>`), or undefined. */
  claimState(idempotencyKey: string): Promise<string | undefined>;
  /**
   * Adds `entry` to its list and marks its claim `<kind>:<id>` for `claimTtlMs`, in one atomic step. Entries
   * of that list older than `claimTtlMs` are dropped on the way (they hold personal data).
   */
  park(entry: OutboxEntry, claimTtlMs: number): Promise<void>;
  /** Deletes the entries of a list parked before `olderThanMs` (epoch ms); returns how many. */
  purge(kind: OutboxKind, olderThanMs: number): Promise<number>;
  /** Deletes every entry (dead and held) for one recipient ("delete my data"); returns how many. */
  forgetUser(waId: string): Promise<number>;
  /**
   * Re-addresses every entry (dead and held) of `oldWaId` to `newWaId` (a number change), so a replay goes to the
   * new number. Idempotent; returns how many entries it changed.
   */
  moveRecipient(oldWaId: string, newWaId: string): Promise<number>;
  /** Entries of a list, oldest first, at most `limit` (default 100). */
  list(kind: OutboxKind, limit?: number): Promise<OutboxEntry[]>;
  /** Removes and returns an entry (atomic: of two staff replaying, only one gets it), or undefined. */
  take(kind: OutboxKind, id: string): Promise<OutboxEntry | undefined>;
}
