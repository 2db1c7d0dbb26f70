import { z } from 'zod';

/**
 * Persisted records of the caseworker handoff queue, and the contract of the stores that keep them (memory and
 * Redis, one contract suite). The rules (which transition is allowed from which status, ordering, waits) live in
 * src/domain/handoff; every store method that changes a ticket receives the statuses it may start from, so the
 * domain's table is enforced inside the atomic step (one Lua script each on Redis).
 */

/** Urgent (emergency) > vulnerable > normal. */
export const HandoffPriority = z.enum(['urgent', 'vulnerable', 'normal']);
export type HandoffPriority = z.infer<typeof HandoffPriority>;

/** Every priority, most urgent first. */
export const PRIORITIES = ['urgent', 'vulnerable', 'normal'] as const satisfies readonly HandoffPriority[];

/** Status of a ticket (helpdesk terms). `transferred` is assigned, to a named caseworker chosen by another. */
export const HandoffStatus = z.enum(['waiting', 'assigned', 'transferred', 'closed', 'cancelled']);
export type HandoffStatus = z.infer<typeof HandoffStatus>;

/** How a caseworker ended a ticket. */
export const HandoffOutcome = z.enum(['answered', 'booked', 'referred', 'no_reply', 'cancelled_by_user']);
export type HandoffOutcome = z.infer<typeof HandoffOutcome>;

/** Why the handoff started. */
export const HandoffReason = z.enum(['asked', 'not_understood', 'media', 'emergency', 'vulnerable']);
export type HandoffReason = z.infer<typeof HandoffReason>;

/** A media reference the user sent (the channel's id, never the content). */
export const MediaReference = z.object({
  kind: z.string().max(20),
  mediaId: z.string().max(200),
  at: z.number(),
});
export type MediaReference = z.infer<typeof MediaReference>;

/** One ticket: who (opaque user key), where, why, and its state. */
export const HandoffTicket = z.object({
  id: z.string(),
  /** `webchat` or `whatsapp` (or any channel with a proactive sender). */
  channel: z.string(),
  /** The channel's user id, opaque (a WhatsApp phone number or BSUID, a web chat user id). */
  userId: z.string(),
  /** The conversation the replies go to (web chat conversation id; the user id on WhatsApp). */
  conversationId: z.string(),
  language: z.enum(['fr', 'en', 'ar']),
  priority: HandoffPriority,
  reasons: z.array(HandoffReason),
  status: HandoffStatus,
  createdAt: z.number(),
  /** When it last entered the queue (ms); waits are measured from here. */
  waitingSince: z.number(),
  assignee: z.string().optional(),
  assignedAt: z.number().optional(),
  /** Since when a caseworker owes an answer (set on claim and on a user message after a reply; cleared by a reply). */
  awaitingReplySince: z.number().optional(),
  lastUserMessageAt: z.number().optional(),
  lastCaseworkerReplyAt: z.number().optional(),
  /** WhatsApp: when the 24-hour customer-service window closes (ms). */
  windowClosesAt: z.number().optional(),
  /** WhatsApp: the window (by its closing time) for which the "not forgotten" template was sent. */
  reminderSentFor: z.number().optional(),
  /**
   * The place last told to the user and when (ms), for the waiting spell that began at `since` (= waitingSince);
   * kept in the store so other instances and a restarted one neither repeat nor skip an update.
   */
  placeTold: z.object({ place: z.number().int().positive(), at: z.number(), since: z.number() }).optional(),
  /** Short summary for the caseworker: topics asked, appointment if any. */
  summary: z.array(z.string().max(200)).max(20),
  media: z.array(MediaReference).max(20),
  closedAt: z.number().optional(),
  outcome: HandoffOutcome.optional(),
  /** How many times it went back to the queue (lease lost, silence, release). */
  requeues: z.number().int().nonnegative(),
});
export type HandoffTicket = z.infer<typeof HandoffTicket>;

/** One line of a ticket's transcript. */
export const TranscriptEntry = z.object({
  at: z.number(),
  /** `user`, `caseworker`, `bot` (automatic messages), `note` (internal, never sent), `system` (status changes). */
  from: z.enum(['user', 'caseworker', 'bot', 'note', 'system']),
  text: z.string().max(4000).optional(),
  /** Caseworker username for caseworker messages and notes. */
  author: z.string().optional(),
  media: MediaReference.optional(),
  /** Outbound delivery: `sent`, or `held` until the user writes (WhatsApp window closed), or `failed`. */
  delivery: z.enum(['sent', 'held', 'failed']).optional(),
  /** Caseworker messages: the channel idempotency key it was sent under, so a held one can be sent later. */
  sendKey: z.string().max(200).optional(),
  /** When a held message was finally delivered (ms). */
  deliveredAt: z.number().optional(),
  /**
   * Which turn wrote the line (a hash, see dialogs/turnRecordKey.ts): a line whose key is among the transcript's
   * last {@link TRANSCRIPT_TURN_WINDOW} entries is not added again, so a turn re-run after a crash writes it once.
   */
  turn: z.string().max(64).optional(),
});

/** How many of a transcript's last entries are searched for a line's turn key before it is appended. */
export const TRANSCRIPT_TURN_WINDOW = 50;
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

/** Result codes of ticket changes (negative ones map to typed errors in the domain). */
export const HandoffResult = {
  ok: 1,
  notFound: -1,
  /** The ticket is not in a status the transition may start from (e.g. already taken). */
  wrongStatus: -2,
  atCapacity: -3,
  /** The caller is not the ticket's assignee. */
  notAssignee: -4,
} as const satisfies Record<string, number>;
export type HandoffResultCode = (typeof HandoffResult)[keyof typeof HandoffResult];

/** Which tickets {@link HandoffStore.list} returns. */
export type HandoffView = 'waiting' | 'open' | 'all';

/** Timing and limits of an assignment. */
export interface AssignOptions {
  readonly now: number;
  /** Lease length in ms; the console renews it. */
  readonly leaseMs: number;
  /** Open tickets a caseworker may hold. */
  readonly capacity: number;
  /** Statuses the change may start from (the domain's transition table). */
  readonly from: readonly HandoffStatus[];
}

/** Anonymous counters kept after "delete my data" (statistics). */
export interface HandoffCounts {
  readonly [counter: string]: number;
}

/**
 * The handoff queue's storage. Every method that changes several things does it atomically (one Lua script on
 * Redis). Times are passed in (ms), so tests drive them with a fake clock and every instance agrees.
 */
export interface HandoffStore {
  /**
   * Opens `ticket` (status waiting, at the back of its priority) unless the user (channel + userId) has an open
   * ticket: then that one is returned, its priority raised when the new one is higher, reasons merged.
   */
  open(ticket: HandoffTicket): Promise<{ readonly ticket: HandoffTicket; readonly created: boolean }>;
  get(id: string): Promise<HandoffTicket | undefined>;
  /** The user's open ticket, if any. */
  openTicketOf(channel: string, userId: string): Promise<HandoffTicket | undefined>;
  /** Waiting tickets (by priority, then queue order), open ones (oldest first), or every kept ticket (`all`, newest first). */
  list(view: HandoffView, limit?: number): Promise<HandoffTicket[]>;
  /** Assigns a ticket to `caseworker` (exactly one of concurrent callers wins). */
  claim(id: string, caseworker: string, options: AssignOptions): Promise<HandoffResultCode>;
  /** Moves an assigned ticket from `from` to `to` (capacity of `to` applies; `from` must be the assignee unless undefined). */
  transfer(id: string, from: string | undefined, to: string, options: AssignOptions): Promise<HandoffResultCode>;
  /** Gives the ticket back: waiting again, at the front of its priority. */
  release(id: string, caseworker: string | undefined, options: Pick<AssignOptions, 'now' | 'from'>): Promise<HandoffResultCode>;
  /** Ends the ticket (`closed` with an outcome, or `cancelled`), freeing the user for a new one. */
  finish(
    id: string,
    caseworker: string | undefined,
    end: { readonly status: 'closed' | 'cancelled'; readonly outcome: HandoffOutcome },
    options: Pick<AssignOptions, 'now' | 'from'>,
  ): Promise<HandoffResultCode>;
  /** Pushes the lease deadline of every ticket `caseworker` holds to `now + leaseMs`; returns how many. */
  renewLeases(caseworker: string, now: number, leaseMs: number): Promise<number>;
  /**
   * Requeues (front of their priority) assigned tickets whose lease ran out, or whose caseworker has owed an
   * answer for more than `silentMs`. Returns their ids.
   */
  requeueExpired(now: number, silentMs: number): Promise<string[]>;
  /**
   * Appends to the transcript and updates the ticket's message times: a user message starts the "owed answer"
   * clock if none runs, a sent caseworker message stops it. Media references are added to the ticket.
   * Returns false when the ticket does not exist.
   */
  append(id: string, entry: TranscriptEntry, windowClosesAt?: number): Promise<boolean>;
  /** The transcript, oldest first (at most `limit`, default 500, the newest ones). */
  transcript(id: string, limit?: number): Promise<TranscriptEntry[]>;
  /** Sets `reminderSentFor` to `windowClosesAt` unless already so; true when this call set it (send once). */
  markReminderSent(id: string, windowClosesAt: number): Promise<boolean>;
  /**
   * Records that the user was told `told.place` at `told.at` for the waiting spell `told.since`, only if the ticket is
   * waiting in that spell and the last recorded telling of the spell is `previousAt` (undefined: none yet). True when
   * this call recorded it: of instances racing to tell the same update, exactly one gets true (and sends it).
   */
  markPlaceTold(id: string, told: { readonly place: number; readonly at: number; readonly since: number }, previousAt: number | undefined): Promise<boolean>;
  /**
   * Marks the held caseworker message sent under `sendKey` as delivered (`sent` at `at`, or `failed`); a sent one
   * counts as the caseworker's reply from then on. True when this call changed it (it was still held).
   */
  markDelivered(id: string, sendKey: string, delivery: 'sent' | 'failed', at: number): Promise<boolean>;
  /** Open tickets per caseworker. */
  loads(): Promise<Record<string, number>>;
  /** Marks a caseworker available (console open) until `until` (ms). */
  markPresent(caseworker: string, until: number): Promise<void>;
  /** Caseworkers available at `now`. */
  present(now: number): Promise<string[]>;
  /** Recent waits (ms from queueing to claim) of a priority, newest first, at most 50. */
  recentWaits(priority: HandoffPriority): Promise<number[]>;
  /** Anonymous counters (`opened:<priority>`, `closed:<outcome>`, `cancelled`, `erased`). */
  counts(): Promise<HandoffCounts>;
  /** "Delete my data": erases the user's tickets (open ones included) and transcripts; returns how many. */
  eraseUser(channel: string, userId: string): Promise<number>;
  /**
   * A WhatsApp number change: every ticket of `oldUserId` (open or ended) now belongs to `newUserId`, with the
   * open-ticket index and the user's ticket set. Idempotent; returns how many tickets moved.
   */
  moveUser(channel: string, oldUserId: string, newUserId: string): Promise<number>;
  /** Erases closed/cancelled tickets (and transcripts) that ended before `before` (ms); returns how many. */
  purgeEnded(before: number): Promise<number>;
  /** Calls `listener` with the ticket id on every change, from any instance sharing the store. */
  subscribe(listener: (ticketId: string) => void): () => void;
  /** Stops background connections. */
  close(): Promise<void>;
}
