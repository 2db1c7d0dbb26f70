import { randomUUID } from 'node:crypto';
import type {
  DeadLetter,
  DeadLetterReason,
  EnqueueResult,
  InboundLease,
  InboundMessage,
  InboundQueue,
} from '../types.js';

/** Options of {@link MemoryInboundQueue}. */
export interface MemoryInboundQueueOptions {
  /** Messages waiting or in progress past which `enqueue` answers 'full' (dead letters do not count). */
  readonly maxDepth: number;
  /** How long a message id is remembered for de-duplication, in seconds; default 604 800 (7 days). */
  readonly dedupTtlSeconds?: number;
  /** Most dead letters kept; past it the oldest are dropped (they hold personal data); default 1 000. */
  readonly maxDeadLetters?: number;
  /** Clock in ms since the epoch; default `Date.now` (tests may pass their own). */
  readonly now?: () => number;
}

/** Default cap on kept dead letters. */
export const DEFAULT_MAX_DEAD_LETTERS = 1000;

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
  private readonly maxDepth: number;
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
    this.maxDepth = options.maxDepth;
    this.dedupTtlMs = (options.dedupTtlSeconds ?? DEFAULT_DEDUP_TTL_SECONDS) * 1000;
    this.now = options.now ?? Date.now;
    this.maxDeadLetters = Math.max(1, options.maxDeadLetters ?? DEFAULT_MAX_DEAD_LETTERS);
  }

  async enqueue(message: InboundMessage): Promise<EnqueueResult> {
    const now = this.now();
    this.forgetExpiredIds(now);
    if (this.seen.has(message.id) || this.messages.has(message.id)) return 'duplicate';
    // Full is checked before remembering the id, so the sender's retry is accepted once there is room.
    if (this.messages.size >= this.maxDepth) return 'full';
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
      if (!message) continue;
      const deliveries = (this.deliveries.get(head) ?? 0) + 1;
      this.deliveries.set(head, deliveries);
      const leaseId = `${workerId}:${randomUUID()}`;
      this.leases.set(conversationKey, { leaseId, deadline: now + leaseMs });
      return { message, leaseId, redeliveries: deliveries - 1 };
    }
  }

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

  async deadLetter(lease: InboundLease, reason: DeadLetterReason): Promise<boolean> {
    const deliveries = this.deliveries.get(lease.message.id) ?? lease.redeliveries + 1;
    if (!this.finish(lease)) return false;
    this.dead.set(lease.message.id, { message: lease.message, reason, deliveries, deadAt: this.now() });
    for (const id of this.dead.keys()) {
      if (this.dead.size <= this.maxDeadLetters) break;
      this.dead.delete(id);
    }
    return true;
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    return [...this.dead.values()].slice(0, Math.max(0, limit));
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
