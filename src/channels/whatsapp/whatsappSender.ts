import { randomBytes } from 'node:crypto';
import { maskId } from '../../observability/redactPersonalData.js';
import { logHash } from '../../observability/logHash.js';
import type { OutboxEntry, OutboxKind, OutboxStore } from '../../stores/outboxStore.js';
import { KeyedSerializer } from '../../pipeline/keyedSerializer.js';
import { GraphApiError, type GraphMessage } from './graphClient.js';
import { describeGraphError, isAmbiguous, isRetryable, retryDelayMs, WINDOW_CLOSED } from './graphErrorPolicy.js';
import { TokenBucket } from './tokenBucket.js';
import type { OutboundRateLimiter, SenderClock, SendOptions, SendOutcome, WhatsAppSenderOptions } from './whatsappSenderTypes.js';

/** The real clock. */
export const REAL_CLOCK: SenderClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What the outbox says of a reply's idempotency key before it is sent (see OutboxStore.beginAttempt). */
type AttemptResult = Awaited<ReturnType<OutboxStore['beginAttempt']>>;

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
    const entry = this.entry('dead', waId, message, key, describeGraphError(result.error), result.attempts);
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
        const delay = retryDelayMs(error, attempt, this.o, this.random);
        this.o.logger.warn(
          { user: maskId(waId), status: error.status, code: error.code, attempt: attempt + 1, delayMs: delay },
          'whatsapp send failed: retrying',
        );
        await this.clock.sleep(delay);
      }
    }
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
