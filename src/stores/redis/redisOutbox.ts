import type { RedisClient } from './redisConnection.js';
import { OUTBOX_KINDS, OutboxEntry, type OutboxKind, type OutboxStore } from '../outboxStore.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import { parseJsonOrUndefined, rewriteHashEntries } from './redisHashRewrite.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link OutboxStore}: claims are `SET NX PX` (one atomic command); parking and taking an entry
 * touch several keys and run as Lua scripts. All keys share the `{outbox}` hash tag.
 */
export class RedisOutbox implements OutboxStore {
  private readonly parkScript: string;
  private readonly takeScript: string;
  private readonly attemptScript: string;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.parkScript = defineLuaScript(client, 'parkOutboxEntry-3.lua');
    this.takeScript = defineLuaScript(client, 'takeOutboxEntry-2.lua');
    this.attemptScript = defineLuaScript(client, 'beginOutboxAttempt-1.lua');
  }

  async claim(idempotencyKey: string, ttlMs: number): Promise<boolean> {
    const result = await this.client.set(this.keys.outboxClaim(idempotencyKey), 'pending', 'PX', ttlMs, 'NX');
    return result === 'OK';
  }

  async beginAttempt(idempotencyKey: string, ttlMs: number): Promise<'new' | 'retry' | 'done'> {
    return runLuaScript<'new' | 'retry' | 'done'>(this.client, this.attemptScript, [this.keys.outboxClaim(idempotencyKey)], [Math.max(1, Math.round(ttlMs))]);
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
      [entry.id, JSON.stringify(entry), entry.at, `${entry.kind}:${entry.id}`, claimTtlMs, entry.at - claimTtlMs],
    );
  }

  async list(kind: OutboxKind, limit = 100): Promise<OutboxEntry[]> {
    const ids = await this.client.zrange(this.keys.outboxIndex(kind), 0, limit - 1);
    if (ids.length === 0) return [];
    const values = await this.client.hmget(this.keys.outboxEntries(kind), ...ids);
    return values.flatMap((json) => (json === null ? [] : [OutboxEntry.parse(JSON.parse(json))]));
  }

  async purge(kind: OutboxKind, olderThanMs: number): Promise<number> {
    const ids = await this.client.zrangebyscore(this.keys.outboxIndex(kind), '-inf', `(${olderThanMs}`);
    return this.remove(kind, ids);
  }

  async forgetUser(waId: string): Promise<number> {
    let forgotten = 0;
    for (const kind of OUTBOX_KINDS) {
      // Staff lists are small and expire; reading one whole is cheaper than keeping a per-user index.
      const all = await this.client.hgetall(this.keys.outboxEntries(kind));
      const ids = Object.entries(all)
        .filter(([, json]) => OutboxEntry.safeParse(JSON.parse(json)).data?.waId === waId)
        .map(([id]) => id);
      forgotten += await this.remove(kind, ids);
    }
    return forgotten;
  }

  async moveRecipient(oldWaId: string, newWaId: string): Promise<number> {
    let moved = 0;
    for (const kind of OUTBOX_KINDS) {
      const fields = await rewriteHashEntries(this.client, this.keys.outboxEntries(kind), (_id, json) => {
        const entry = OutboxEntry.safeParse(parseJsonOrUndefined(json)).data;
        return entry?.waId === oldWaId ? JSON.stringify({ ...entry, waId: newWaId }) : undefined;
      });
      moved += fields.length;
    }
    return moved;
  }

  private async remove(kind: OutboxKind, ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const results = await this.client.multi().hdel(this.keys.outboxEntries(kind), ...ids).zrem(this.keys.outboxIndex(kind), ...ids).exec();
    const [error, removed] = results?.[0] ?? [null, 0];
    if (error) throw error;
    return Number(removed);
  }

  async take(kind: OutboxKind, id: string): Promise<OutboxEntry | undefined> {
    const json = await runLuaScript<string | null>(this.client, this.takeScript, [this.keys.outboxEntries(kind), this.keys.outboxIndex(kind)], [id]);
    return json ? OutboxEntry.parse(JSON.parse(json)) : undefined;
  }
}
