import { randomUUID } from 'node:crypto';
import {
  deadLetterId,
  type DeadLetter,
  type DeadLetterReason,
  type EnqueueResult,
  type InboundLease,
  type InboundMessage,
  type InboundQueue,
} from '../types.js';

/** Options of {@link MemoryInboundQueue}. */
export interface MemoryInboundQueueOptions {
  /**
   * Messages of one channel waiting or in progress past which `enqueue` answers 'full' for that channel
   * (dead letters do not count). Each channel has its own bound, so a web chat flood cannot fill WhatsApp's.
   */
  readonly maxDepth: number;
  /** Bounds of particular channels (e.g. `{ webchat: 2000 }`); the others use `maxDepth`. */
  readonly maxDepthByChannel?: Readonly<Record<string, number>>;
  /** How long a message id is remembered for de-duplication, in seconds; default 604 800 (7 days). */
  readonly dedupTtlSeconds?: number;
  /** Most dead letters kept; past it the oldest are dropped (they hold personal data); default 1 000. */
  readonly maxDeadLetters?: number;
  /** How long a dead letter is kept, in seconds; default 2 592 000 (30 days). */
  readonly deadLetterTtlSeconds?: number;
  /** Clock in ms since the epoch; default `Date.now` (tests may pass their own). */
  readonly now?: () => number;
}

/** Default cap on kept dead letters. */
export const DEFAULT_MAX_DEAD_LETTERS = 1000;

/** Default lifetime of a dead letter: 30 days, in seconds. */
export const DEFAULT_DEAD_LETTER_TTL_SECONDS = 30 * 24 * 3600;

/** The depth bound of `channel`: its own when configured, else the default. */
export function channelMaxDepth(options: { maxDepth: number; maxDepthByChannel?: Readonly<Record<string, number>> }, channel: string): number {
  const own = options.maxDepthByChannel && Object.hasOwn(options.maxDepthByChannel, channel) ? options.maxDepthByChannel[channel] : undefined;
  return own ?? options.maxDepth;
}

/** Default de-duplication window: 7 days, in seconds (Meta retries a webhook for up to 7 days). */
export const DEFAULT_DEDUP_TTL_SECONDS = 7 * 24 * 3600;

interface Lease {
  /** Undefined after a release: the conversation waits for `deadline`, then is handed out again. */
  leaseId: string | undefined;
  deadline: number;
}

/**
 * In-memory {@link InboundQueue} for the embedded mode (one process, nothing survives a restart).
 * Same model as the Redis queue: one FIFO of message ids per conversation, a list of conversations ready
 * to be claimed, and a lease per claimed conversation, so a conversation is handed to one worker at a time.
 */
export class MemoryInboundQueue implements InboundQueue {
  private readonly bounds: Pick<MemoryInboundQueueOptions, 'maxDepth' | 'maxDepthByChannel'>;
  private readonly deadTtlMs: number;
  private readonly channelDepth = new Map<string, number>();
  private readonly dedupTtlMs: number;
  private readonly now: () => number;
  private readonly maxDeadLetters: number;
  private readonly messages = new Map<string, InboundMessage>();
  private readonly deliveries = new Map<string, number>();
  private readonly conversations = new Map<string, string[]>();
  private readonly leases = new Map<string, Lease>();
  /** Message id → expiry; insertion order is expiry order because the window is constant. */
  private readonly seen = new Map<string, number>();
  private readonly dead = new Map<string, DeadLetter>();
  private ready: string[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(options: MemoryInboundQueueOptions) {
    this.bounds = { maxDepth: options.maxDepth, maxDepthByChannel: options.maxDepthByChannel };
    this.deadTtlMs = (options.deadLetterTtlSeconds ?? DEFAULT_DEAD_LETTER_TTL_SECONDS) * 1000;
    this.dedupTtlMs = (options.dedupTtlSeconds ?? DEFAULT_DEDUP_TTL_SECONDS) * 1000;
    this.now = options.now ?? Date.now;
    this.maxDeadLetters = Math.max(1, options.maxDeadLetters ?? DEFAULT_MAX_DEAD_LETTERS);
  }

  async enqueue(message: InboundMessage): Promise<EnqueueResult> {
    const now = this.now();
    this.forgetExpiredIds(now);
    if (this.seen.has(message.id) || this.messages.has(message.id)) return 'duplicate';
    // Full is checked before remembering the id, so the sender's retry is accepted once there is room.
    if ((this.channelDepth.get(message.channel) ?? 0) >= channelMaxDepth(this.bounds, message.channel)) return 'full';
    this.seen.set(message.id, now + this.dedupTtlMs);
    this.append(message);
    this.notify();
    return 'queued';
  }

  async claim(workerId: string, leaseMs: number): Promise<InboundLease | null> {
    const now = this.now();
    this.reclaimExpired(now);
    for (;;) {
      const conversationKey = this.ready.shift();
      if (conversationKey === undefined) return null;
      const head = this.conversations.get(conversationKey)?.[0];
      if (head === undefined || this.leases.has(conversationKey)) continue;
      const message = this.messages.get(head);
      const deliveries = (this.deliveries.get(head) ?? 0) + 1;
      this.deliveries.set(head, deliveries);
      const leaseId = `${workerId}:${randomUUID()}`;
      this.leases.set(conversationKey, { leaseId, deadline: now + leaseMs });
      const lease = { message: message ?? { id: head, conversationKey, channel: '', payload: '' }, leaseId, redeliveries: deliveries - 1 };
      if (message) return lease;
      // A head without its entry must not block the conversation: it goes to the dead letters, the rest flows on.
      await this.deadLetter(lease, 'missingEntry');
    }
  }

  /** The ack happens at the call (in-process), before anything issued after it. */
  readonly ackOrder = 'issued' as const;

  async ack(lease: InboundLease): Promise<void> {
    this.finish(lease);
  }

  async extend(lease: InboundLease, leaseMs: number): Promise<boolean> {
    const current = this.currentLease(lease);
    if (!current) return false;
    current.deadline = this.now() + leaseMs;
    return true;
  }

  async release(lease: InboundLease, delayMs: number): Promise<boolean> {
    const current = this.currentLease(lease);
    if (!current) return false;
    current.leaseId = undefined;
    current.deadline = this.now() + Math.max(0, delayMs);
    this.notify();
    return true;
  }

  async deadLetter(lease: InboundLease, reason: DeadLetterReason, error?: string): Promise<boolean> {
    const deliveries = this.deliveries.get(lease.message.id) ?? lease.redeliveries + 1;
    if (!this.finish(lease)) return false;
    const { id, conversationKey, channel, payload } = lease.message;
    this.dead.delete(id);
    this.dead.set(id, {
      id: deadLetterId(id),
      message: { id, conversationKey, channel, payload },
      reason,
      ...(error ? { error } : {}),
      deliveries,
      deadAt: this.now(),
    });
    this.expireDeadLetters();
    for (const key of this.dead.keys()) {
      if (this.dead.size <= this.maxDeadLetters) break;
      this.dead.delete(key);
    }
    return true;
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    this.expireDeadLetters();
    return [...this.dead.values()].slice(0, Math.max(0, limit));
  }

  async purgeDeadLetters(olderThanMs: number): Promise<number> {
    let purged = 0;
    for (const [key, letter] of this.dead) {
      if (letter.deadAt >= olderThanMs) continue;
      this.dead.delete(key);
      purged++;
    }
    return purged;
  }

  async forgetConversation(conversationKey: string): Promise<number> {
    let forgotten = 0;
    for (const [key, letter] of this.dead) {
      if (letter.message.conversationKey !== conversationKey) continue;
      this.dead.delete(key);
      forgotten++;
    }
    return forgotten;
  }

  async moveDeadLetters(oldKey: string, newKey: string, rewritePayload: (payload: string) => string): Promise<string[]> {
    if (oldKey === newKey) return [];
    for (const [key, letter] of this.dead) {
      if (letter.message.conversationKey !== oldKey) continue;
      this.dead.set(key, { ...letter, message: { ...letter.message, conversationKey: newKey, payload: rewritePayload(letter.message.payload) } });
    }
    return [...this.dead.values()].filter((letter) => letter.message.conversationKey === newKey).map((letter) => letter.message.id);
  }

  private expireDeadLetters(): void {
    void this.purgeDeadLetters(this.now() - this.deadTtlMs);
  }

  async requeueDeadLetter(messageId: string): Promise<boolean> {
    const letter = this.dead.get(messageId);
    if (!letter || this.messages.has(messageId)) return false;
    this.dead.delete(messageId);
    this.append(letter.message);
    this.notify();
    return true;
  }

  async depth(): Promise<number> {
    return this.messages.size;
  }

  /** Resolves on the next enqueue, ack or release, when the earliest lease falls due, or after `timeoutMs`. */
  waitForWork(timeoutMs: number): Promise<void> {
    if (this.ready.length > 0) return Promise.resolve();
    let waitMs = Math.max(0, timeoutMs);
    const now = this.now();
    for (const lease of this.leases.values()) waitMs = Math.min(waitMs, Math.max(0, lease.deadline - now));
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      this.waiters.add(done);
    });
  }

  private append(message: InboundMessage): void {
    this.messages.set(message.id, message);
    this.channelDepth.set(message.channel, (this.channelDepth.get(message.channel) ?? 0) + 1);
    this.deliveries.delete(message.id);
    const fifo = this.conversations.get(message.conversationKey);
    if (fifo) {
      fifo.push(message.id);
      return;
    }
    this.conversations.set(message.conversationKey, [message.id]);
    if (!this.leases.has(message.conversationKey)) this.ready.push(message.conversationKey);
  }

  /** Removes the leased head message if the lease is still current, and lets the conversation go on. */
  private finish(lease: InboundLease): boolean {
    const key = lease.message.conversationKey;
    const fifo = this.conversations.get(key);
    if (!this.currentLease(lease) || fifo?.[0] !== lease.message.id) return false;
    fifo.shift();
    const stored = this.messages.get(lease.message.id);
    if (stored) {
      const left = (this.channelDepth.get(stored.channel) ?? 1) - 1;
      if (left > 0) this.channelDepth.set(stored.channel, left);
      else this.channelDepth.delete(stored.channel);
    }
    this.messages.delete(lease.message.id);
    this.deliveries.delete(lease.message.id);
    this.leases.delete(key);
    if (fifo.length > 0) this.ready.push(key);
    else this.conversations.delete(key);
    this.notify();
    return true;
  }

  private currentLease(lease: InboundLease): Lease | undefined {
    const current = this.leases.get(lease.message.conversationKey);
    return current && current.leaseId === lease.leaseId ? current : undefined;
  }

  /** Conversations whose lease ran out go first in line again (they were waiting longest). */
  private reclaimExpired(now: number): void {
    const expired = [...this.leases.entries()].filter(([, lease]) => lease.deadline <= now);
    expired.sort(([, a], [, b]) => b.deadline - a.deadline);
    for (const [key] of expired) {
      this.leases.delete(key);
      if (this.conversations.has(key)) this.ready.unshift(key);
    }
  }

  private forgetExpiredIds(now: number): void {
    for (const [id, expiresAt] of this.seen) {
      if (expiresAt > now) break;
      this.seen.delete(id);
    }
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
