import type { Redis } from 'ioredis';
import { OutboxEntry, type OutboxKind, type OutboxStore } from '../outboxStore.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link OutboxStore}: claims are `SET NX PX` (one atomic command); parking and taking an entry
 * touch several keys and run as Lua scripts. All keys share the `{outbox}` hash tag.
 */
export class RedisOutbox implements OutboxStore {
  private readonly parkScript: string;
  private readonly takeScript: string;

  constructor(
    private readonly client: Redis,
    private readonly keys: RedisKeys,
  ) {
    this.parkScript = defineLuaScript(client, 'parkOutboxEntry-3.lua');
    this.takeScript = defineLuaScript(client, 'takeOutboxEntry-2.lua');
  }

  async claim(idempotencyKey: string, ttlMs: number): Promise<boolean> {
    const result = await this.client.set(this.keys.outboxClaim(idempotencyKey), 'pending', 'PX', ttlMs, 'NX');
    return result === 'OK';
  }

  async markSent(idempotencyKey: string, graphMessageId: string, ttlMs: number): Promise<void> {
    await this.client.set(this.keys.outboxClaim(idempotencyKey), `sent:${graphMessageId}`, 'PX', ttlMs);
  }

  async release(idempotencyKey: string): Promise<void> {
    await this.client.del(this.keys.outboxClaim(idempotencyKey));
  }

  async claimState(idempotencyKey: string): Promise<string | undefined> {
    return (await this.client.get(this.keys.outboxClaim(idempotencyKey))) ?? undefined;
  }

  async park(entry: OutboxEntry, claimTtlMs: number): Promise<void> {
    await runLuaScript(
      this.client,
      this.parkScript,
      [this.keys.outboxEntries(entry.kind), this.keys.outboxIndex(entry.kind), this.keys.outboxClaim(entry.idempotencyKey)],
      [entry.id, JSON.stringify(entry), entry.at, `${entry.kind}:${entry.id}`, claimTtlMs],
    );
  }

  async list(kind: OutboxKind, limit = 100): Promise<OutboxEntry[]> {
    const ids = await this.client.zrange(this.keys.outboxIndex(kind), 0, limit - 1);
    if (ids.length === 0) return [];
    const values = await this.client.hmget(this.keys.outboxEntries(kind), ...ids);
    return values.flatMap((json) => (json === null ? [] : [OutboxEntry.parse(JSON.parse(json))]));
  }

  async take(kind: OutboxKind, id: string): Promise<OutboxEntry | undefined> {
    const json = await runLuaScript<string | null>(this.client, this.takeScript, [this.keys.outboxEntries(kind), this.keys.outboxIndex(kind)], [id]);
    return json ? OutboxEntry.parse(JSON.parse(json)) : undefined;
  }
}
