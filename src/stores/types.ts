import { createHash } from 'node:crypto';
import type { Storage } from 'botbuilder';

/** Which backing store is in use. */
export type StoreKind = 'memory' | 'redis';

/**
 * botbuilder `Storage` with optimistic concurrency: a write whose `eTag` is neither `*`, absent,
 * nor equal to the stored one is refused with {@link StaleWriteError}. Items expire after the
 * configured idle time; every write renews it.
 */
export type StateStorage = Storage;

/** What the HTTP layer needs to know about the store for /readyz and shutdown. */
export interface StoreHealth {
  readonly kind: StoreKind;
  /** Resolves when the store answers; rejects otherwise. */
  ping(): Promise<void>;
  /** Releases connections; later calls fail. */
  close(): Promise<void>;
}

/** Refused write: the item changed since it was read (eTag mismatch). Carries the key, not the data. */
export class StaleWriteError extends Error {
  constructor(readonly key: string) {
    super(`Stale write refused for state key "${key}": the item changed since it was read (eTag mismatch)`);
    this.name = 'StaleWriteError';
  }
}

/** A message accepted from a channel, waiting for its bot turn. */
export interface InboundMessage {
  /**
   * Channel-unique id, used for exactly-once processing: a second enqueue with the same id is a
   * duplicate (e.g. WhatsApp `wamid`, Direct Line activity id).
   */
  readonly id: string;
  /**
   * Ordering key: messages with the same key are processed one at a time, in enqueue order,
   * across every instance sharing the store (e.g. `whatsapp:<wa_id>`, `webchat:<conversationId>`).
   */
  readonly conversationKey: string;
  /** Which channel handler runs the turn (`whatsapp`, `webchat`, ...). */
  readonly channel: string;
  /** Channel-specific normalised data, as JSON text. */
  readonly payload: string;
}

/** Outcome of {@link InboundQueue.enqueue}. */
export type EnqueueResult = 'queued' | 'duplicate' | 'full';

/** A message handed to one worker until it acks it or the lease expires. */
export interface InboundLease {
  readonly message: InboundMessage;
  /** Identifies this claim; acking with an expired/reclaimed lease is a no-op. */
  readonly leaseId: string;
  /** How many times this message was claimed before (0 on first delivery). */
  readonly redeliveries: number;
}

/**
 * Durable inbound queue with de-duplication and per-conversation ordering.
 * With Redis it survives a crash of the process; in memory it lives as long as the process.
 */
export interface InboundQueue {
  /** Stores the message durably before the caller acknowledges its sender. */
  enqueue(message: InboundMessage): Promise<EnqueueResult>;
  /**
   * Takes the oldest message of a conversation no other worker is processing, or null when none is ready.
   * @param leaseMs how long the claim lasts before another worker may take the message again.
   */
  claim(workerId: string, leaseMs: number): Promise<InboundLease | null>;
  /** Marks the message done and lets the conversation's next message be claimed. */
  ack(lease: InboundLease): Promise<void>;
  /**
   * `issued` when a store write sent after `ack` was called (not awaited) runs after the ack: one Redis connection
   * runs its commands in order, and the memory queue acks at the call. Unset on Redis Cluster, where the two may
   * go to two servers: there the worker waits for the ack first.
   */
  readonly ackOrder?: 'issued';
  /** Messages waiting or in progress. */
  depth(): Promise<number>;
  /** Resolves when a message may be ready (or after `timeoutMs`), so workers need not spin. */
  waitForWork(timeoutMs: number): Promise<void>;
  /**
   * Pushes the lease's deadline to `leaseMs` (ms) from now, for a turn that runs long.
   * Returns false when the lease is stale (the message may already be with another worker).
   */
  extend(lease: InboundLease, leaseMs: number): Promise<boolean>;
  /**
   * Gives the message back without finishing it: it stays at the head of its conversation (which stays
   * blocked, so order holds) and may be claimed again after `delayMs` (ms, 0 = at once), counting a redelivery.
   * A stale lease is a no-op. Returns whether the lease was still current.
   */
  release(lease: InboundLease, delayMs: number): Promise<boolean>;
  /**
   * Moves the leased message to the dead letters and lets its conversation go on. `error` is the name of the
   * error that made the turn fail (e.g. `TypeError`), never its message. A stale lease is a no-op.
   * Returns whether the lease was still current.
   */
  deadLetter(lease: InboundLease, reason: DeadLetterReason, error?: string): Promise<boolean>;
  /** The oldest dead letters first, at most `limit` (default 100). Expired ones are not listed. */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /**
   * Puts a dead letter back at the end of its conversation with a fresh delivery count (staff action after a fix).
   * Returns false when no dead letter has this message id.
   */
  requeueDeadLetter(messageId: string): Promise<boolean>;
  /** Deletes the dead letters older than `olderThanMs` (ms since the epoch); returns how many. */
  purgeDeadLetters(olderThanMs: number): Promise<number>;
  /** Deletes every dead letter of one conversation ("delete my data"); returns how many. */
  forgetConversation(conversationKey: string): Promise<number>;
  /**
   * Moves every dead letter of `oldKey` to conversation `newKey` (a WhatsApp number change), its payload rewritten
   * by `rewritePayload`, so a staff requeue answers the user where they are now. Idempotent; returns the message
   * ids of every dead letter `newKey` has afterwards (moved now or by an earlier try cut short), so the caller
   * can move what belongs to them too.
   */
  moveDeadLetters(oldKey: string, newKey: string, rewritePayload: (payload: string) => string): Promise<string[]>;
}

/**
 * Why a message was given up: its turn failed too often (`maxDeliveries`), it can never succeed (`permanent`,
 * e.g. its payload cannot be read), no handler serves its channel, or its queue entry was unreadable or missing.
 */
export type DeadLetterReason = 'maxDeliveries' | 'permanent' | 'unknownChannel' | 'unreadableEntry' | 'missingEntry';

/** Every {@link DeadLetterReason}. */
export const DEAD_LETTER_REASONS = ['maxDeliveries', 'permanent', 'unknownChannel', 'unreadableEntry', 'missingEntry'] as const satisfies readonly DeadLetterReason[];

/** A message the worker gave up on, kept for staff until it expires. */
export interface DeadLetter {
  /** Short id for staff (`in-` and 10 hex digits of a hash of the message id: shows no personal data). */
  readonly id: string;
  readonly message: InboundMessage;
  readonly reason: DeadLetterReason;
  /** Name of the error of the last failed attempt (e.g. `TypeError`), when there was one. */
  readonly error?: string;
  /** How many times it had been claimed. */
  readonly deliveries: number;
  /** When it was given up (ms since the epoch). */
  readonly deadAt: number;
}

/** The staff id of a dead letter: `in-` + the first 10 hex digits of the SHA-256 of the message id. */
export function deadLetterId(messageId: string): string {
  return `in-${createHash('sha256').update(messageId).digest('hex').slice(0, 10)}`;
}

/** One page of a conversation's activities, after a watermark. */
export interface ActivityPage {
  /** Activities as stored, each with `id` = `<conversationId>|<index>`. */
  readonly activities: Array<Record<string, unknown>>;
  /** Watermark to ask from next time (the count of activities so far). */
  readonly watermark: number;
}

/**
 * The activities of each web chat conversation (user's and bot's), read by watermark, for the Direct Line
 * API. Conversations expire after their idle TTL; every append renews it.
 */
export interface ConversationLog {
  /** Registers a new conversation. */
  create(conversationId: string): Promise<void>;
  exists(conversationId: string): Promise<boolean>;
  /** Appends an activity (without id) and returns its index; its id becomes `<conversationId>|<index>`. */
  append(conversationId: string, activity: Record<string, unknown>): Promise<number>;
  /**
   * Appends a bot reply unless one with `replyKey` was appended to this conversation before (a re-delivered
   * turn outcome); returns its index, or undefined when it was already there.
   */
  appendReply(conversationId: string, activity: Record<string, unknown>, replyKey: string): Promise<number | undefined>;
  /** Activities with index ≥ `watermark` (at most `limit`). */
  read(conversationId: string, watermark: number, limit?: number): Promise<ActivityPage>;
  /** Calls `listener` whenever an activity is appended to the conversation (from any instance). */
  subscribe(conversationId: string, listener: () => void): () => void;
  /**
   * Erases the activities with index < `before` (delete my data) but keeps their places: later ids and
   * watermarks keep counting up for the life of the conversation id, so an open client, waiting past its
   * watermark, still receives what comes next (the erasure confirmation first). Reads skip erased places.
   */
  erase(conversationId: string, before: number): Promise<void>;
  /** Stops background connections. */
  close(): Promise<void>;
}

/** The index in an id made by {@link activityId} for `conversationId`, or undefined if it is not one. */
export function activityIndex(conversationId: string, id: unknown): number | undefined {
  if (typeof id !== 'string' || !id.startsWith(`${conversationId}|`)) return undefined;
  const digits = id.slice(conversationId.length + 1);
  return /^\d{1,15}$/.test(digits) ? Number(digits) : undefined;
}

/** Formats an activity id from its conversation and index (zero-padded so ids sort). */
export function activityId(conversationId: string, index: number): string {
  return `${conversationId}|${String(index).padStart(7, '0')}`;
}

/** A question the assistant could not answer, kept (anonymised) so staff can improve the content. */
export interface UnansweredQuestion {
  /** The message, anonymised with `redactPersonalData` before it is stored. */
  readonly text: string;
  /** Language the user wrote in (`fr`, `en`, `ar`). */
  readonly lang: string;
  /** When it was asked, in ms since the epoch. */
  readonly at: number;
  /** The closest topics, if any ("did you mean"), best first. */
  readonly candidates: ReadonlyArray<{ readonly id: string; readonly score: number }>;
  /**
   * Which turn recorded it (channel, conversation and inbound message id, and its place in the turn): a second
   * record with the same key is ignored, so a turn re-run after a crash or a failure records it once. Stored
   * only as a hash; without it every record counts.
   */
  readonly recordKey?: string;
}

/**
 * Log of unanswered questions for staff reports, kept at most 180 days (default) and capped in size.
 * Implementations anonymise the text on `record`: the caller may pass what the user wrote.
 */
export interface UnansweredLog {
  record(question: UnansweredQuestion): Promise<void>;
  /** Questions asked in [`since`, `until`] (ms since the epoch), oldest first, at most `limit` (default 10 000). */
  list(since: number, until: number, limit?: number): Promise<UnansweredQuestion[]>;
}
