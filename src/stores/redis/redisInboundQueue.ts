import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import {
  channelMaxDepth,
  DEFAULT_DEAD_LETTER_TTL_SECONDS,
  DEFAULT_DEDUP_TTL_SECONDS,
  DEFAULT_MAX_DEAD_LETTERS,
} from '../memory/memoryInboundQueue.js';
import {
  DEAD_LETTER_REASONS,
  deadLetterId,
  type DeadLetter,
  type DeadLetterReason,
  type EnqueueResult,
  type InboundLease,
  type InboundMessage,
  type InboundQueue,
} from '../types.js';
import { rewriteHashEntries } from './redisHashRewrite.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/** Options of {@link RedisInboundQueue}. */
export interface RedisInboundQueueOptions {
  readonly client: Redis;
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
  /** Longest `waitForWork` wait when this process enqueued or acked nothing, in ms; default 100. */
  readonly pollIntervalMs?: number;
}

/** Stored queue data that does not have the expected shape (written by another version, or edited by hand). */
export class InboundQueueDataError extends Error {
  constructor(
    readonly messageId: string,
    options?: { cause?: unknown },
  ) {
    super(`Inbound queue entry "${messageId}" is not in the expected format`, options);
    this.name = 'InboundQueueDataError';
  }
}

const InboundMessageSchema = z.object({
  id: z.string(),
  conversationKey: z.string(),
  channel: z.string(),
  payload: z.string(),
});

const DeadLetterSchema = z.object({
  id: z.string(),
  message: InboundMessageSchema,
  reason: z.enum(DEAD_LETTER_REASONS),
  error: z.string().optional(),
  deliveries: z.number().int(),
  deadAt: z.number(),
});

/**
 * Redis {@link InboundQueue}, shared by every instance on one Redis: one list of message ids per conversation,
 * a list of ready conversations and a lease per claimed conversation (BullMQ-group style). Every state change
 * is one Lua script over keys sharing the `{inbound}` hash tag, so it is atomic and Redis-Cluster safe.
 */
export class RedisInboundQueue implements InboundQueue {
  private readonly client: Redis;
  private readonly keys: RedisKeys;
  private readonly bounds: Pick<RedisInboundQueueOptions, 'maxDepth' | 'maxDepthByChannel'>;
  private readonly deadTtlMs: number;
  private readonly dedupTtlSeconds: number;
  private readonly pollIntervalMs: number;
  private readonly maxDeadLetters: number;
  private readonly local = new EventEmitter().setMaxListeners(0);
  private readonly scripts: Record<'enqueue' | 'claim' | 'extend' | 'finish' | 'release' | 'requeue', string>;

  constructor(options: RedisInboundQueueOptions) {
    this.client = options.client;
    this.keys = options.keys;
    this.bounds = { maxDepth: options.maxDepth, maxDepthByChannel: options.maxDepthByChannel };
    this.deadTtlMs = (options.deadLetterTtlSeconds ?? DEFAULT_DEAD_LETTER_TTL_SECONDS) * 1000;
    this.dedupTtlSeconds = options.dedupTtlSeconds ?? DEFAULT_DEDUP_TTL_SECONDS;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.maxDeadLetters = Math.max(1, options.maxDeadLetters ?? DEFAULT_MAX_DEAD_LETTERS);
    this.scripts = {
      enqueue: defineLuaScript(this.client, 'enqueueInbound-8.lua'),
      claim: defineLuaScript(this.client, 'claimInbound-6.lua'),
      extend: defineLuaScript(this.client, 'extendInbound-2.lua'),
      finish: defineLuaScript(this.client, 'finishInbound-11.lua'),
      release: defineLuaScript(this.client, 'releaseInbound-2.lua'),
      requeue: defineLuaScript(this.client, 'requeueDeadInbound-10.lua'),
    };
  }

  async enqueue(message: InboundMessage): Promise<EnqueueResult> {
    const k = this.keys;
    const result = await runLuaScript<EnqueueResult>(
      this.client,
      this.scripts.enqueue,
      [
        k.inboundSeen(message.id),
        k.inboundMessages(),
        k.inboundConversation(message.conversationKey),
        k.inboundHeads(),
        k.inboundReady(),
        k.inboundLeases(),
        k.inboundChannelOf(),
        k.inboundChannelDepth(),
      ],
      [message.id, JSON.stringify(toPlain(message)), this.dedupTtlSeconds, channelMaxDepth(this.bounds, message.channel), message.conversationKey, message.channel],
    );
    if (result === 'queued') this.notify();
    return result;
  }

  async claim(workerId: string, leaseMs: number): Promise<InboundLease | null> {
    const k = this.keys;
    for (;;) {
      const leaseId = `${workerId}:${randomUUID()}`;
      const result = await runLuaScript<[string, number, string, string] | null>(
        this.client,
        this.scripts.claim,
        [k.inboundReady(), k.inboundLeases(), k.inboundLeaseIds(), k.inboundHeads(), k.inboundMessages(), k.inboundDeliveries()],
        [Math.max(1, Math.round(leaseMs)), leaseId],
      );
      if (!result) return null;
      const [json, redeliveries, conversationKey, id] = result;
      const parsed = json === '' ? undefined : InboundMessageSchema.safeParse(safeJson(json));
      if (parsed?.success) return { message: parsed.data, leaseId, redeliveries: Number(redeliveries) };
      // A missing or unreadable entry must not block its conversation: it goes to the dead letters (raw text
      // kept for staff), and the next conversation is tried.
      const lease = { message: { id, conversationKey, channel: '', payload: json }, leaseId, redeliveries: Number(redeliveries) };
      await this.deadLetter(lease, json === '' ? 'missingEntry' : 'unreadableEntry');
    }
  }

  async ack(lease: InboundLease): Promise<void> {
    await this.finish(lease, '');
  }

  async extend(lease: InboundLease, leaseMs: number): Promise<boolean> {
    const extended = await runLuaScript<number>(
      this.client,
      this.scripts.extend,
      [this.keys.inboundLeaseIds(), this.keys.inboundLeases()],
      [lease.message.conversationKey, lease.leaseId, Math.max(1, Math.round(leaseMs))],
    );
    return extended === 1;
  }

  async release(lease: InboundLease, delayMs: number): Promise<boolean> {
    const released = await runLuaScript<number>(
      this.client,
      this.scripts.release,
      [this.keys.inboundLeaseIds(), this.keys.inboundLeases()],
      [lease.message.conversationKey, lease.leaseId, Math.max(0, Math.round(delayMs))],
    );
    if (released === 1) this.notify();
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
    return this.finish(lease, JSON.stringify(record));
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    if (limit <= 0) return [];
    const since = Date.now() - this.deadTtlMs;
    const ids = await this.client.zrangebyscore(this.keys.inboundDeadByTime(), since, '+inf', 'LIMIT', 0, limit);
    if (ids.length === 0) return [];
    const records = await this.client.hmget(this.keys.inboundDead(), ...ids);
    return records.flatMap((json, i) => (json === null ? [] : [parseJson(DeadLetterSchema, json, ids[i] ?? 'dead letter')]));
  }

  async purgeDeadLetters(olderThanMs: number): Promise<number> {
    const ids = await this.client.zrangebyscore(this.keys.inboundDeadByTime(), '-inf', `(${olderThanMs}`);
    return this.removeDeadLetters(ids);
  }

  async forgetConversation(conversationKey: string): Promise<number> {
    return this.removeDeadLetters(await this.deadLetterIdsOf(conversationKey));
  }

  /** Message ids of one conversation's dead letters (they are capped by maxDeadLetters, so reading them all stays small). */
  private async deadLetterIdsOf(conversationKey: string): Promise<string[]> {
    const all = await this.client.hgetall(this.keys.inboundDead());
    return Object.entries(all)
      .filter(([, json]) => (safeJson(json) as { message?: { conversationKey?: unknown } } | undefined)?.message?.conversationKey === conversationKey)
      .map(([id]) => id);
  }

  async moveDeadLetters(oldKey: string, newKey: string, rewritePayload: (payload: string) => string): Promise<string[]> {
    if (oldKey === newKey) return [];
    await rewriteHashEntries(this.client, this.keys.inboundDead(), (_id, json) => {
      const letter = DeadLetterSchema.safeParse(safeJson(json)).data;
      if (letter?.message.conversationKey !== oldKey) return undefined;
      return JSON.stringify({ ...letter, message: { ...letter.message, conversationKey: newKey, payload: rewritePayload(letter.message.payload) } });
    });
    return this.deadLetterIdsOf(newKey);
  }

  private async removeDeadLetters(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const results = await this.client.multi().hdel(this.keys.inboundDead(), ...ids).zrem(this.keys.inboundDeadByTime(), ...ids).exec();
    const [error, removed] = results?.[0] ?? [null, 0];
    if (error) throw error;
    return Number(removed);
  }

  async requeueDeadLetter(messageId: string): Promise<boolean> {
    const k = this.keys;
    const json = await this.client.hget(k.inboundDead(), messageId);
    if (json === null) return false;
    const { message } = parseJson(DeadLetterSchema, json, messageId);
    // The script requeues only if the record is still the one read here, so two staff clicks requeue once.
    const requeued = await runLuaScript<number>(
      this.client,
      this.scripts.requeue,
      [
        k.inboundDead(),
        k.inboundDeadByTime(),
        k.inboundMessages(),
        k.inboundDeliveries(),
        k.inboundConversation(message.conversationKey),
        k.inboundHeads(),
        k.inboundReady(),
        k.inboundLeases(),
        k.inboundChannelOf(),
        k.inboundChannelDepth(),
      ],
      [messageId, json, JSON.stringify(message), message.conversationKey, message.channel],
    );
    if (requeued === 1) this.notify();
    return requeued === 1;
  }

  async depth(): Promise<number> {
    return this.client.hlen(this.keys.inboundMessages());
  }

  /**
   * Resolves when this process enqueues, acks or releases a message, or after the poll interval (default
   * 100 ms) or `timeoutMs`, whichever is shorter: other instances' messages are found by polling.
   */
  waitForWork(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.local.off('work', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, Math.min(timeoutMs, this.pollIntervalMs)));
      this.local.on('work', done);
    });
  }

  private async finish(lease: InboundLease, deadRecord: string): Promise<boolean> {
    const k = this.keys;
    const { conversationKey, id } = lease.message;
    const finished = await runLuaScript<number>(
      this.client,
      this.scripts.finish,
      [
        k.inboundLeaseIds(),
        k.inboundLeases(),
        k.inboundConversation(conversationKey),
        k.inboundHeads(),
        k.inboundMessages(),
        k.inboundDeliveries(),
        k.inboundReady(),
        k.inboundDead(),
        k.inboundDeadByTime(),
        k.inboundChannelOf(),
        k.inboundChannelDepth(),
      ],
      [conversationKey, lease.leaseId, id, deadRecord, this.maxDeadLetters, this.deadTtlMs],
    );
    if (finished === 1) this.notify();
    return finished === 1;
  }

  private notify(): void {
    this.local.emit('work');
  }
}

/** Only the message's own fields, whatever object the caller passed. */
function toPlain(message: InboundMessage): InboundMessage {
  return { id: message.id, conversationKey: message.conversationKey, channel: message.channel, payload: message.payload };
}

function safeJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

function parseJson<T>(schema: z.ZodType<T>, json: string, id: string): T {
  try {
    return schema.parse(JSON.parse(json));
  } catch (cause) {
    throw new InboundQueueDataError(id, { cause });
  }
}
