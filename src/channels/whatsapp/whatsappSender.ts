import { randomBytes } from 'node:crypto';
import type { AppLogger } from '../../observability/logger.js';
import { maskId } from '../../observability/redactPersonalData.js';
import { logHash } from '../../observability/logHash.js';
import type { OutboxEntry, OutboxKind, OutboxStore } from '../../stores/outboxStore.js';
import { KeyedSerializer } from '../../pipeline/keyedSerializer.js';
import { GraphApiError, type GraphClient, type GraphMessage } from './graphClient.js';
import { TokenBucket } from './tokenBucket.js';

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

/** The real clock. */
export const REAL_CLOCK: SenderClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

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

/** What the outbox says of a reply's idempotency key before it is sent (see OutboxStore.beginAttempt). */
type AttemptResult = Awaited<ReturnType<OutboxStore['beginAttempt']>>;

/** Why a reply is being sent again although Meta may already have accepted it (see `onAmbiguousResend`). */
export type AmbiguousResendCause = 'timeout' | 'interrupted';

/** Per-send options of {@link WhatsAppSender.send}. */
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

/** Options of {@link WhatsAppSender}. */
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
  /** Default {@link REAL_CLOCK}. */
  readonly clock?: SenderClock;
  /** Jitter source in [0, 1), default `Math.random`. */
  readonly random?: () => number;
}

// Graph codes worth retrying: transient (1, 2, 131000, 131016) and rate limits (4, 80007, 130429, 131056).
// https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056]);
const PAIR_RATE_LIMIT = 131056;
const WINDOW_CLOSED = 131047;

/**
 * Sends WhatsApp messages reliably: one user's messages one after the other, each once (idempotency claim
 * in the outbox store), within the number's rate, retrying transient failures with exponential backoff and
 * jitter (131056, the pair rate limit, waits 4^n s as Meta asks), respecting the 24-hour window (held for a
 * caseworker, plus the re-engagement template when configured) and parking permanent failures as dead
 * letters that staff can replay.
 */
export class WhatsAppSender {
  private readonly rateLimiter: OutboundRateLimiter;
  private readonly perUser = new KeyedSerializer();
  private readonly lastSentAt = new Map<string, number>();
  private sequence = 0;
  /** Claims and rate tokens started ahead by {@link prepare}, by idempotency key, until `send` takes them. */
  private readonly prepared = new Map<string, Promise<[AttemptResult, number]>>();
  private readonly clock: SenderClock;
  private readonly random: () => number;
  private readonly o: Required<Omit<WhatsAppSenderOptions, 'reengageTemplate' | 'clock' | 'random' | 'rateLimiter' | 'onAmbiguousResend'>> &
    Pick<WhatsAppSenderOptions, 'reengageTemplate' | 'onAmbiguousResend'>;

  constructor(options: WhatsAppSenderOptions) {
    this.clock = options.clock ?? REAL_CLOCK;
    this.random = options.random ?? Math.random;
    this.o = {
      ratePerSecond: 80,
      windowMs: 24 * 3600_000,
      maxAttempts: 5,
      baseDelayMs: 1_000,
      maxDelayMs: 60_000,
      userIntervalMs: 0,
      claimTtlMs: 10 * 60_000,
      sentTtlMs: 7 * 24 * 3600_000,
      parkedTtlMs: 30 * 24 * 3600_000,
      ...options,
    };
    const bucket = new TokenBucket(this.o.ratePerSecond, this.o.ratePerSecond, () => this.clock.now());
    this.rateLimiter = options.rateLimiter ?? { reserve: async () => bucket.reserve() };
  }

  /**
   * Sends `message` to `waId` unless `idempotencyKey` was already sent or parked; resolves once Graph accepted
   * it (or it was held, parked or skipped). Messages to one user are sent in call order. An earlier attempt
   * of the same key that never finished (crash, timeout) is sent again — at least once, never lost — and
   * reported through `onAmbiguousResend`.
   */
  send(waId: string, message: GraphMessage, idempotencyKey: string, options: SendOptions = {}): Promise<SendOutcome> {
    return this.perUser.run(waId, async () => {
      const ahead = this.prepared.get(idempotencyKey);
      this.prepared.delete(idempotencyKey);
      // Started ahead (prepare), or now; if the start ahead failed, asked again (a claim it did take reads as 'retry').
      const [attempt, firstTokenWait] = (await ahead?.catch(() => undefined)) ?? (await this.claimWithToken(idempotencyKey));
      if (attempt === 'done') {
        this.o.logger.info({ user: maskId(waId), key: logHash(idempotencyKey) }, 'whatsapp reply already sent or parked: skipped');
        return { status: 'duplicate' } as const;
      }
      if (attempt === 'retry') {
        this.o.onAmbiguousResend?.('interrupted');
        this.o.logger.warn({ user: maskId(waId) }, 'whatsapp reply whose earlier attempt never finished: sending it again (may duplicate)');
      }
      return this.deliverClaimed(waId, message, idempotencyKey, options, firstTokenWait);
    });
  }

  /**
   * Starts the claim of `idempotencyKey` and its rate token now, so that they share a wait on the store with the
   * caller's own write (a turn's decision); the next `send` of that key uses them. Call it only when the send
   * follows at once (a free send slot): a token taken ahead of a send that waits would let sends bunch above the
   * rate. What is not used within a minute is dropped (the claim then reads as an interrupted attempt: re-sent,
   * counted as ambiguous, never lost).
   */
  prepare(idempotencyKey: string): void {
    if (this.prepared.has(idempotencyKey)) return;
    const ahead = this.claimWithToken(idempotencyKey);
    ahead.catch(() => undefined);
    this.prepared.set(idempotencyKey, ahead);
    setTimeout(() => {
      if (this.prepared.get(idempotencyKey) === ahead) this.prepared.delete(idempotencyKey);
    }, 60_000).unref();
  }

  /**
   * The claim and the first rate token, asked for side by side (one wait on Redis, not two); a token taken for a
   * reply that turns out to be done already, or held by a closed window, is simply not used.
   */
  private claimWithToken(idempotencyKey: string): Promise<[AttemptResult, number]> {
    return Promise.all([this.o.outbox.beginAttempt(idempotencyKey, this.o.parkedTtlMs), this.rateLimiter.reserve()]);
  }

  /**
   * Marks an inbound message read (one attempt; throws {@link GraphApiError}). It takes no token of the message
   * rate: Meta's throughput counts messages (inbound and outbound, every message type), and a read receipt is a
   * status update of a message already counted, not a message (no message id, no webhook). See README "WhatsApp".
   */
  async markRead(messageId: string): Promise<void> {
    await this.o.graph.markRead(messageId);
  }

  /** Entries of a staff list (dead letters by default), oldest first. */
  list(kind: OutboxKind = 'dead', limit?: number): Promise<OutboxEntry[]> {
    return this.o.outbox.list(kind, limit);
  }

  /**
   * Sends a parked message again (taken atomically, so two staff never both send it). A failure parks it
   * again under a new id. Resolves undefined when no such entry exists.
   */
  async replay(kind: OutboxKind, entryId: string): Promise<SendOutcome | undefined> {
    const entry = await this.o.outbox.take(kind, entryId);
    if (!entry) return undefined;
    this.o.logger.info({ user: maskId(entry.waId), entry: entry.id, kind }, 'whatsapp outbox entry replayed');
    return this.perUser.run(entry.waId, () => this.deliverClaimed(entry.waId, entry.message as GraphMessage, entry.idempotencyKey));
  }

  /** Replays every entry of a list, oldest first; returns each entry id with its outcome. */
  async replayAll(kind: OutboxKind = 'dead'): Promise<Array<{ entryId: string; outcome: SendOutcome | undefined }>> {
    const results = [];
    for (const entry of await this.o.outbox.list(kind, 10_000)) {
      results.push({ entryId: entry.id, outcome: await this.replay(kind, entry.id) });
    }
    return results;
  }

  /** `firstTokenWait`: the wait of a rate token already taken for the first attempt (else one is taken). */
  private async deliverClaimed(waId: string, message: GraphMessage, key: string, options: SendOptions = {}, firstTokenWait?: number): Promise<SendOutcome> {
    if (message.type !== 'template' && !(await this.windowOpen(waId, options.inboundAt))) return this.hold(waId, message, key, 0);
    const result = await this.sendWithRetries(waId, message, firstTokenWait);
    if ('messageId' in result) {
      const at = this.clock.now();
      // Sent side by side with the sent mark (one wait): the two are independent records.
      const recorded = this.o.contacts.recordOutbound(waId, result.messageId, at).catch((err: Error) => {
        this.o.logger.warn({ user: maskId(waId), err: { name: err.name } }, 'whatsapp outbound id not recorded (delivery statuses will not match)');
      });
      // Meta has the message: record it even through a store outage, or a re-run would send it again.
      const records = this.persistently(() => this.o.outbox.markSent(key, result.messageId, this.o.sentTtlMs)).then(() => recorded);
      if (options.deferRecords) options.deferRecords(records);
      else await records;
      return { status: 'sent', messageId: result.messageId };
    }
    if (result.error.code === WINDOW_CLOSED) return this.hold(waId, message, key, result.attempts);
    const entry = this.entry('dead', waId, message, key, describe(result.error), result.attempts);
    await this.o.outbox.park(entry, this.o.parkedTtlMs);
    this.o.logger.error(
      { user: maskId(waId), entry: entry.id, status: result.error.status, code: result.error.code, hint: result.error.hint, attempts: result.attempts },
      'whatsapp message could not be sent: moved to dead letters (npm run outbox -- list)',
    );
    return { status: 'dead', entryId: entry.id, error: result.error };
  }

  /** Keeps the message for a caseworker and, once per closed window, sends the re-engagement template. */
  private async hold(waId: string, message: GraphMessage, key: string, attempts: number): Promise<SendOutcome> {
    const entry = this.entry('held', waId, message, key, 'window closed', attempts);
    await this.o.outbox.park(entry, this.o.parkedTtlMs);
    let templateSent = false;
    const template = this.o.reengageTemplate;
    if (template) {
      const lastInbound = await this.o.contacts.lastInboundAt(waId);
      const templateKey = `reengage:${waId}:${lastInbound ?? 'never'}`;
      if (await this.o.outbox.claim(templateKey, this.o.claimTtlMs)) {
        const outcome = await this.deliverClaimed(
          waId,
          { type: 'template', template: { name: template.name, language: { code: template.language } } },
          templateKey,
        );
        templateSent = outcome.status === 'sent';
      }
    }
    this.o.logger.warn(
      { user: maskId(waId), entry: entry.id, templateSent },
      'whatsapp 24-hour window closed: message held for a caseworker (npm run outbox -- list held)',
    );
    return { status: 'held', entryId: entry.id, templateSent };
  }

  private async windowOpen(waId: string, inboundAt?: number): Promise<boolean> {
    // The message being answered opened the window by itself: no need to read the contact record.
    if (inboundAt !== undefined && this.clock.now() - inboundAt < this.o.windowMs) return true;
    const recorded = await this.o.contacts.lastInboundAt(waId);
    const last = Math.max(recorded ?? -Infinity, inboundAt ?? -Infinity);
    return Number.isFinite(last) && this.clock.now() - last < this.o.windowMs;
  }

  /** Runs a store write until it succeeds (a Redis restart takes seconds), giving up after about two minutes. */
  private async persistently(write: () => Promise<void>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (attempt >= 480) throw err;
        if (attempt === 0) this.o.logger.warn({ err: { name: (err as Error).name } }, 'store unavailable while recording a sent whatsapp reply: retrying');
        await this.clock.sleep(250);
      }
    }
  }

  private async sendWithRetries(waId: string, message: GraphMessage, firstTokenWait?: number): Promise<{ messageId: string } | { error: GraphApiError; attempts: number }> {
    for (let attempt = 0; ; attempt++) {
      if (attempt === 0 && firstTokenWait !== undefined) await this.waitFor(firstTokenWait);
      else await this.waitForToken();
      await this.paceUser(waId);
      try {
        const messageId = await this.o.graph.sendMessage(waId, message);
        if (this.o.userIntervalMs > 0) this.noteSent(waId);
        return { messageId };
      } catch (err) {
        const error = err instanceof GraphApiError ? err : new GraphApiError({ method: 'POST /messages', cause: err, graphMessage: 'unexpected client error' });
        if (!isRetryable(error) || attempt + 1 >= this.o.maxAttempts) return { error, attempts: attempt + 1 };
        // No answer at all: Meta may have accepted the message before the connection failed.
        if (isAmbiguous(error)) this.o.onAmbiguousResend?.('timeout');
        const delay = this.backoff(error, attempt);
        this.o.logger.warn(
          { user: maskId(waId), status: error.status, code: error.code, attempt: attempt + 1, delayMs: delay },
          'whatsapp send failed: retrying',
        );
        await this.clock.sleep(delay);
      }
    }
  }

  /** Backoff before retry number `attempt + 1`: 4^attempt s for 131056 (Meta's advice), else exponential. */
  private backoff(error: GraphApiError, attempt: number): number {
    if (error.code === PAIR_RATE_LIMIT) return Math.round(4 ** attempt * 1000 * (1 + 0.1 * this.random()));
    const ceiling = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** attempt);
    // "Equal jitter": at least half the ceiling, so retries from many users spread out but still back off.
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  private async waitForToken(): Promise<void> {
    await this.waitFor(await this.rateLimiter.reserve());
  }

  /** Waits what a reserved token asks (ms from its reservation; waiting less is never early, only later). */
  private async waitFor(tokenWait: number): Promise<void> {
    if (tokenWait > 0) await this.clock.sleep(tokenWait);
  }

  private async paceUser(waId: string): Promise<void> {
    const last = this.lastSentAt.get(waId);
    if (last === undefined || this.o.userIntervalMs <= 0) return;
    const wait = last + this.o.userIntervalMs - this.clock.now();
    if (wait > 0) await this.clock.sleep(wait);
  }

  private noteSent(waId: string): void {
    const now = this.clock.now();
    if (this.lastSentAt.size > 10_000) {
      for (const [id, at] of this.lastSentAt) if (now - at >= this.o.userIntervalMs) this.lastSentAt.delete(id);
    }
    this.lastSentAt.set(waId, now);
  }

  private entry(kind: OutboxKind, waId: string, message: GraphMessage, key: string, reason: string, attempts: number): OutboxEntry {
    const at = this.clock.now();
    // Time, then a per-process sequence, so ids sort in parking order (Redis orders equal scores by member).
    this.sequence = (this.sequence + 1) % 36 ** 4;
    const id = `${at.toString(36)}-${this.sequence.toString(36).padStart(4, '0')}${randomBytes(2).toString('hex')}`;
    return { id, kind, waId, message, idempotencyKey: key, reason, at, attempts };
  }
}

/** No HTTP answer and the request may have reached Meta (not a refused or unresolvable connection). */
export function isAmbiguous(error: GraphApiError): boolean {
  return error.status === undefined && !['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(error.networkCode ?? '');
}

/** 429, 5xx, network errors and Graph's transient/rate-limit codes are worth another try. */
export function isRetryable(error: GraphApiError): boolean {
  if (error.code !== undefined && RETRYABLE_CODES.has(error.code)) return true;
  return error.status === undefined || error.status === 429 || error.status >= 500;
}

function describe(error: GraphApiError): string {
  const status = error.status === undefined ? 'network error' : `graph ${error.status}`;
  return `${status}${error.code !== undefined ? ` code ${error.code}` : ''}${error.hint ? `: ${error.hint}` : ''}`;
}
