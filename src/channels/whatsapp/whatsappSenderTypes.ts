/**
 * The WhatsApp sender's contract: what it needs from the contact store, its clock and rate limiter, its options,
 * and what it answers for each message. Kept apart from the sender so that its callers (adapter, notifier, staff
 * CLIs) can name these without reading the delivery logic.
 */
import type { AppLogger } from '../../observability/logger.js';
import type { OutboxStore } from '../../stores/outboxStore.js';
import type { GraphApiError, GraphClient } from './graphClient.js';

/** What the sender needs from the WhatsApp contact store (see contactStore.ts). */
export interface SenderContacts {
  /** When the user last wrote to us (epoch ms), for the 24-hour customer-service window. */
  lastInboundAt(waId: string): Promise<number | undefined>;
  /** Records our accepted message, so its delivery statuses can be matched. */
  recordOutbound(waId: string, graphMessageId: string, at: number): Promise<void>;
}

/** Time source and waiting, injectable so tests need not wait for real backoffs. */
export interface SenderClock {
  /** Epoch ms. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** What happened to one outbound message. */
export type SendOutcome =
  | { readonly status: 'sent'; readonly messageId: string }
  /** This idempotency key was already sent, is being sent, or is parked: nothing was sent now. */
  | { readonly status: 'duplicate' }
  /** Kept for a caseworker: the 24-hour window is closed (the re-engagement template was sent if configured). */
  | { readonly status: 'held'; readonly entryId: string; readonly templateSent: boolean }
  /** Permanent failure or retries exhausted: in the dead-letter list. */
  | { readonly status: 'dead'; readonly entryId: string; readonly error: GraphApiError };

/** Paces the business number's outbound messages; shared by every instance when it lives in Redis. */
export interface OutboundRateLimiter {
  /** Takes a token; resolves with the ms to wait before using it. */
  reserve(): Promise<number>;
}

/** Why a reply is being sent again although Meta may already have accepted it (see `onAmbiguousResend`). */
export type AmbiguousResendCause = 'timeout' | 'interrupted';

/** Per-send options of `WhatsAppSender.send`. */
export interface SendOptions {
  /**
   * When the message this reply answers arrived (epoch ms): the reply is inside the 24-hour window if that
   * message or any later one is, even if the contact record was erased meanwhile ("delete my data").
   */
  readonly inboundAt?: number;
  /**
   * When given, `send` resolves once Graph accepted the message, and hands the writes recording it (sent mark,
   * outbound id) to this callback, still under way, instead of waiting for them: the caller waits for them beside
   * its own next write (a turn's ack), one wait on the store instead of two. It must wait for them before it ends.
   */
  readonly deferRecords?: (records: Promise<void>) => void;
}

/** Options of `WhatsAppSender`. */
export interface WhatsAppSenderOptions {
  readonly graph: Pick<GraphClient, 'sendMessage' | 'markRead'>;
  readonly outbox: OutboxStore;
  readonly contacts: SenderContacts;
  readonly logger: AppLogger;
  /** Messages per second for the business number (token bucket), default 80 (WHATSAPP_RATE_PER_SECOND). */
  readonly ratePerSecond?: number;
  /** Shared rate limiter (Redis token bucket); default an in-process bucket at `ratePerSecond`. */
  readonly rateLimiter?: OutboundRateLimiter;
  /**
   * Called each time a reply is sent again after an attempt whose result is unknown: a timeout or dropped
   * connection (`timeout`), or an attempt cut short by a crash (`interrupted`). Only these can duplicate a reply.
   */
  readonly onAmbiguousResend?: (cause: AmbiguousResendCause) => void;
  /** Template sent when the 24-hour window is closed (WHATSAPP_REENGAGE_TEMPLATE/_LANGUAGE); unset: hold only. */
  readonly reengageTemplate?: { readonly name: string; readonly language: string };
  /** Customer-service window in ms, default 24 h. */
  readonly windowMs?: number;
  /** Attempts per message (first try included), default 5. */
  readonly maxAttempts?: number;
  /** First backoff for 429/5xx/network/130429, in ms, default 1 000; doubles per attempt, with jitter. */
  readonly baseDelayMs?: number;
  /** Longest single backoff, in ms, default 60 000. */
  readonly maxDelayMs?: number;
  /** Least time between two messages to the same user, in ms, default 0 (they are already sent one by one). */
  readonly userIntervalMs?: number;
  /** How long a `pending` claim blocks re-sending after a crash mid-send, in ms, default 10 min. */
  readonly claimTtlMs?: number;
  /** How long a sent reply's key is remembered, in ms, default 7 days. */
  readonly sentTtlMs?: number;
  /** How long a parked reply's key blocks re-sending by a re-run turn, in ms, default 30 days. */
  readonly parkedTtlMs?: number;
  /** Default `REAL_CLOCK` (the system clock). */
  readonly clock?: SenderClock;
  /** Jitter source in [0, 1), default `Math.random`. */
  readonly random?: () => number;
}
