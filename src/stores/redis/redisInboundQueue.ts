import { randomUUID } from 'node:crypto';
import { isCluster, type RedisClient } from './redisConnection.js';
import {
  channelMaxDepth,
  DEFAULT_DEAD_LETTER_TTL_SECONDS,
  DEFAULT_DEDUP_TTL_SECONDS,
  DEFAULT_MAX_DEAD_LETTERS,
} from '../memory/memoryInboundQueue.js';
import {
  deadLetterId,
  type DeadLetter,
  type DeadLetterReason,
  type EnqueueResult,
  type InboundLease,
  type InboundMessage,
  type InboundQueue,
} from '../types.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { InboundPartitionKeys, RedisKeys } from './redisKeys.js';
import { inboundPartitionOf } from './inboundPartitioning.js';
import { RedisInboundDeadLetters } from './redisInboundDeadLetters.js';
import { RedisInboundDepthView } from './redisInboundDepthView.js';
import { RedisInboundIdleWait } from './redisInboundIdleWait.js';
import { DeadLetterSchema, InboundMessageSchema, parseJson, safeJson, toPlain } from './redisInboundRecords.js';

/** Options of {@link RedisInboundQueue}. */
export interface RedisInboundQueueOptions {
  readonly client: RedisClient;
  readonly keys: RedisKeys;
  /** Messages of one channel waiting or in progress past which `enqueue` answers 'full' for that channel. */
  readonly maxDepth: number;
  /** Bounds of particular channels (e.g. `{ webchat: 2000 }`); the others use `maxDepth`. */
  readonly maxDepthByChannel?: Readonly<Record<string, number>>;
  /** How long a message id is remembered for de-duplication, in seconds; default 604 800 (7 days). */
  readonly dedupTtlSeconds?: number;
  /** Most dead letters kept; past it the oldest are dropped (they hold personal data); default 1 000. */
  readonly maxDeadLetters?: number;
  /** How long a dead letter is kept, in seconds; default 2 592 000 (30 days). */
  readonly deadLetterTtlSeconds?: number;
  /** Wait after an empty claim while the queue has looked empty for less than that, in ms; default 100. */
  readonly pollIntervalMs?: number;
  /**
   * Longest wait between two claims of an idle process, in ms (config INBOUND_IDLE_POLL_MAX_MS); default 1 000.
   * Enqueues wake idle claimers at once (pub/sub, see {@link RedisInboundIdleWait}); this bounds what no signal
   * announces: a lease running out, another instance's delayed retry, a missed signal.
   */
  readonly idlePollMaxMs?: number;
  /**
   * Partitions (hash slots) the queue is spread over, default 1; every instance on one Redis must use the same
   * number, and it must not change while messages wait (a conversation's partition would change).
   */
  readonly partitions?: number;
  /**
   * With several partitions, how old (ms) this instance's view of the other partitions' per-channel counts may
   * be when `enqueue` checks a bound; default 250. 0 reads them before every enqueue (exact, one command per
   * partition). A stale view lets a channel overshoot its bound by what other instances queued meanwhile.
   */
  readonly depthViewMaxAgeMs?: number;
}

/**
 * Redis {@link InboundQueue}, shared by every instance on one Redis or Redis Cluster: one list of message ids per
 * conversation, a list of ready conversations and a lease per claimed conversation (BullMQ-group style), spread
 * over partitions. A conversation lives in one partition (stable hash), and every state change is one Lua script
 * over that partition's keys (one hash tag, one cluster slot), so it is atomic; dedup markers, dead letters and
 * channel counts are per partition too. Claims go round-robin over the partitions.
 */
export class RedisInboundQueue implements InboundQueue {
  private readonly client: RedisClient;
  private readonly partitions: readonly InboundPartitionKeys[];
  private readonly bounds: Pick<RedisInboundQueueOptions, 'maxDepth' | 'maxDepthByChannel'>;
  private readonly deadTtlMs: number;
  private readonly dedupTtlSeconds: number;
  private readonly maxDeadLetters: number;
  private readonly depthView: RedisInboundDepthView;
  private readonly dead: RedisInboundDeadLetters;
  private readonly idle: RedisInboundIdleWait;
  private readonly scripts: Record<'enqueue' | 'claim' | 'ready' | 'extend' | 'finish' | 'release' | 'requeue', string>;
  /** Next partition to claim from (round-robin). */
  private cursor = 0;

  constructor(options: RedisInboundQueueOptions) {
    this.client = options.client;
    const count = Math.max(1, Math.floor(options.partitions ?? 1));
    this.partitions = Array.from({ length: count }, (_, i) => options.keys.inboundPartition(i, count));
    this.bounds = { maxDepth: options.maxDepth, maxDepthByChannel: options.maxDepthByChannel };
    this.deadTtlMs = (options.deadLetterTtlSeconds ?? DEFAULT_DEAD_LETTER_TTL_SECONDS) * 1000;
    this.dedupTtlSeconds = options.dedupTtlSeconds ?? DEFAULT_DEDUP_TTL_SECONDS;
    this.idle = new RedisInboundIdleWait({
      client: this.client,
      channels: { idle: options.keys.inboundIdle(), wake: options.keys.inboundWake() },
      basePollMs: options.pollIntervalMs ?? 100,
      maxPollMs: options.idlePollMaxMs ?? 1_000,
    });
    this.maxDeadLetters = Math.max(1, options.maxDeadLetters ?? DEFAULT_MAX_DEAD_LETTERS);
    this.depthView = new RedisInboundDepthView(this.client, this.partitions, Math.max(0, options.depthViewMaxAgeMs ?? 250));
    this.dead = new RedisInboundDeadLetters(this.client, this.partitions);
    this.scripts = {
      enqueue: defineLuaScript(this.client, 'enqueueInbound-8.lua'),
      claim: defineLuaScript(this.client, 'claimInbound-6.lua'),
      ready: defineLuaScript(this.client, 'readyInbound-2.lua'),
      extend: defineLuaScript(this.client, 'extendInbound-2.lua'),
      finish: defineLuaScript(this.client, 'finishInbound-11.lua'),
      release: defineLuaScript(this.client, 'releaseInbound-2.lua'),
      requeue: defineLuaScript(this.client, 'requeueDeadInbound-10.lua'),
    };
  }

  /** One connection runs its commands in the order sent: a write sent after the ack runs after it (not on a cluster). */
  get ackOrder(): 'issued' | undefined {
    return isCluster(this.client) ? undefined : 'issued';
  }

  /** How many partitions the queue is spread over. */
  get partitionCount(): number {
    return this.partitions.length;
  }

  async enqueue(message: InboundMessage): Promise<EnqueueResult> {
    const partition = this.partitionOf(message.conversationKey);
    const k = this.partitions[partition]!;
    const elsewhere = await this.depthView.elsewhere(partition, message.channel);
    const result = await runLuaScript<EnqueueResult>(
      this.client,
      this.scripts.enqueue,
      [k.seen(message.id), k.messages(), k.conversation(message.conversationKey), k.heads(), k.ready(), k.leases(), k.channelOf(), k.channelDepth()],
      [message.id, JSON.stringify(toPlain(message)), this.dedupTtlSeconds, channelMaxDepth(this.bounds, message.channel), message.conversationKey, message.channel, elsewhere],
    );
    if (result === 'queued') {
      this.depthView.queued(partition, message.channel);
      this.idle.enqueued();
    }
    return result;
  }

  /**
   * Tries the partition after the last one served first (under load it has work: one script), then asks every
   * partition at once how much is ready (one cheap read-only script each, in parallel) and claims where there is.
   */
  async claim(workerId: string, leaseMs: number): Promise<InboundLease | null> {
    const n = this.partitions.length;
    const first = this.cursor % n;
    const lease = await this.claimIn(first, workerId, leaseMs);
    if (lease || n === 1) return lease;
    const order = Array.from({ length: n - 1 }, (_, i) => (first + 1 + i) % n);
    const ready = await Promise.all(order.map((p) => runLuaScript<number>(this.client, this.scripts.ready, [this.partitions[p]!.ready(), this.partitions[p]!.leases()], [])));
    for (const [i, p] of order.entries()) {
      if (Number(ready[i]) <= 0) continue;
      const found = await this.claimIn(p, workerId, leaseMs);
      if (found) return found;
    }
    return null;
  }

  async ack(lease: InboundLease): Promise<void> {
    await this.finish(lease, '');
  }

  async extend(lease: InboundLease, leaseMs: number): Promise<boolean> {
    const k = this.partitionKeys(lease.message.conversationKey);
    const extended = await runLuaScript<number>(this.client, this.scripts.extend, [k.leaseIds(), k.leases()], [lease.message.conversationKey, lease.leaseId, Math.max(1, Math.round(leaseMs))]);
    return extended === 1;
  }

  async release(lease: InboundLease, delayMs: number): Promise<boolean> {
    const k = this.partitionKeys(lease.message.conversationKey);
    const released = await runLuaScript<number>(this.client, this.scripts.release, [k.leaseIds(), k.leases()], [lease.message.conversationKey, lease.leaseId, Math.max(0, Math.round(delayMs))]);
    // Its retry falls due after the delay: this process's claimers look then (others within their idle poll).
    if (released === 1) this.idle.notify(Math.max(0, Math.round(delayMs)) + 1);
    return released === 1;
  }

  async deadLetter(lease: InboundLease, reason: DeadLetterReason, error?: string): Promise<boolean> {
    const record: DeadLetter = {
      id: deadLetterId(lease.message.id),
      message: toPlain(lease.message),
      reason,
      ...(error ? { error } : {}),
      deliveries: lease.redeliveries + 1,
      deadAt: Date.now(),
    };
    const finished = await this.finish(lease, JSON.stringify(record));
    if (finished) await this.dead.enforceCap(this.maxDeadLetters);
    return finished;
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    if (limit <= 0) return [];
    const records = await this.dead.oldest(Date.now() - this.deadTtlMs, limit);
    return records.map((json) => parseJson(DeadLetterSchema, json, 'dead letter'));
  }

  async purgeDeadLetters(olderThanMs: number): Promise<number> {
    return this.dead.purge(olderThanMs);
  }

  async forgetConversation(conversationKey: string): Promise<number> {
    const partition = this.partitionOf(conversationKey);
    return this.dead.removeIn(partition, await this.deadLetterIdsOf(conversationKey));
  }

  /** Message ids of one conversation's dead letters: all in its partition, and capped, so reading them all stays small. */
  private async deadLetterIdsOf(conversationKey: string): Promise<string[]> {
    const all = await this.dead.allIn(this.partitionOf(conversationKey));
    return Object.entries(all)
      .filter(([, json]) => (safeJson(json) as { message?: { conversationKey?: unknown } } | undefined)?.message?.conversationKey === conversationKey)
      .map(([id]) => id);
  }

  async moveDeadLetters(oldKey: string, newKey: string, rewritePayload: (payload: string) => string): Promise<string[]> {
    if (oldKey === newKey) return [];
    // The two conversations may sit in different partitions (slots): the records are copied to the new one, then
    // deleted from the old, so a retry after a crash in between finishes the move.
    await this.dead.move(this.partitionOf(oldKey), this.partitionOf(newKey), (json) => {
      const letter = DeadLetterSchema.safeParse(safeJson(json)).data;
      if (letter?.message.conversationKey !== oldKey) return undefined;
      return JSON.stringify({ ...letter, message: { ...letter.message, conversationKey: newKey, payload: rewritePayload(letter.message.payload) } });
    });
    return this.deadLetterIdsOf(newKey);
  }

  async requeueDeadLetter(messageId: string): Promise<boolean> {
    const found = await this.dead.find(messageId);
    if (!found) return false;
    const { json, partition } = found;
    const { message } = parseJson(DeadLetterSchema, json, messageId);
    const k = this.partitions[partition]!;
    // The script requeues only if the record is still the one read here, so two staff clicks requeue once. It goes
    // back into the partition it died in, which is its conversation's (the same hash, unless the count changed).
    const requeued = await runLuaScript<number>(
      this.client,
      this.scripts.requeue,
      [k.dead(), k.deadByTime(), k.messages(), k.deliveries(), k.conversation(message.conversationKey), k.heads(), k.ready(), k.leases(), k.channelOf(), k.channelDepth()],
      [messageId, json, JSON.stringify(message), message.conversationKey, message.channel],
    );
    if (requeued === 1) this.idle.enqueued();
    return requeued === 1;
  }

  async depth(): Promise<number> {
    const depths = await Promise.all(this.partitions.map((k) => this.client.hlen(k.messages())));
    return depths.reduce((a, b) => a + b, 0);
  }

  /**
   * Resolves when this process enqueues, acks or releases a message, when another process or instance signals an
   * enqueue, or after the idle back-off (100 ms growing to `idlePollMaxMs`) or `timeoutMs`, whichever is first.
   */
  waitForWork(timeoutMs: number): Promise<void> {
    return this.idle.wait(timeoutMs);
  }

  private async claimIn(partition: number, workerId: string, leaseMs: number): Promise<InboundLease | null> {
    const k = this.partitions[partition]!;
    for (;;) {
      const leaseId = `${workerId}:${randomUUID()}`;
      const result = await runLuaScript<[string, number, string, string] | null>(
        this.client,
        this.scripts.claim,
        [k.ready(), k.leases(), k.leaseIds(), k.heads(), k.messages(), k.deliveries()],
        [Math.max(1, Math.round(leaseMs)), leaseId],
      );
      if (!result) return null;
      this.cursor = partition + 1;
      this.idle.claimed();
      const [json, redeliveries, conversationKey, id] = result;
      const parsed = json === '' ? undefined : InboundMessageSchema.safeParse(safeJson(json));
      if (parsed?.success) return { message: parsed.data, leaseId, redeliveries: Number(redeliveries) };
      // A missing or unreadable entry must not block its conversation: it goes to the dead letters (raw text
      // kept for staff), and the next conversation is tried.
      const lease = { message: { id, conversationKey, channel: '', payload: json }, leaseId, redeliveries: Number(redeliveries) };
      await this.deadLetter(lease, json === '' ? 'missingEntry' : 'unreadableEntry');
    }
  }

  private async finish(lease: InboundLease, deadRecord: string): Promise<boolean> {
    const { conversationKey, id } = lease.message;
    const k = this.partitionKeys(conversationKey);
    const finished = await runLuaScript<number>(
      this.client,
      this.scripts.finish,
      [k.leaseIds(), k.leases(), k.conversation(conversationKey), k.heads(), k.messages(), k.deliveries(), k.ready(), k.dead(), k.deadByTime(), k.channelOf(), k.channelDepth()],
      [conversationKey, lease.leaseId, id, deadRecord, this.maxDeadLetters, this.deadTtlMs],
    );
    if (finished === 1) this.idle.notify();
    return finished === 1;
  }

  private partitionOf(conversationKey: string): number {
    return inboundPartitionOf(conversationKey, this.partitions.length);
  }

  private partitionKeys(conversationKey: string): InboundPartitionKeys {
    return this.partitions[this.partitionOf(conversationKey)]!;
  }
}
