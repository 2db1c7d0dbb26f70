import { isCluster, type RedisClient } from './redisConnection.js';
import { TurnOutcome, type TurnOutcomeStore } from '../turnOutcomeStore.js';
import type { RedisKeys } from './redisKeys.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';

/**
 * Redis {@link TurnOutcomeStore}: one string per decided turn, under its conversation's hash tag, written with
 * one script (`decideTurn`: stored unless one is there, else the stored one returned), so the first decision wins and
 * every caller sees it. One command where a MULTI of SET NX and GET took four.
 */
export class RedisTurnOutcomes implements TurnOutcomeStore {
  private readonly decideScript: string;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.decideScript = defineLuaScript(client, 'decideTurn-1.lua');
  }

  /** One connection runs its commands in the order sent (the state storage shares the client); not on a cluster. */
  get decideOrder(): 'issued' | undefined {
    return isCluster(this.client) ? undefined : 'issued';
  }

  async decide(outcome: TurnOutcome, ttlMs: number): Promise<TurnOutcome> {
    const key = this.keys.turnOutcome(outcome.conversationKey, outcome.messageId);
    const json = JSON.stringify(outcome);
    const stored = await runLuaScript<string | null>(this.client, this.decideScript, [key], [json, Math.max(1, Math.round(ttlMs))]);
    // Ours won: it is what a later read would give (its replies and state changes are JSON copies already), so it is
    // not parsed back, and the caller's check that the decided state is its own is an identity check.
    return stored === null ? outcome : TurnOutcome.parse(JSON.parse(stored));
  }

  async get(conversationKey: string, messageId: string): Promise<TurnOutcome | undefined> {
    const json = await this.client.get(this.keys.turnOutcome(conversationKey, messageId));
    return json === null ? undefined : TurnOutcome.parse(JSON.parse(json));
  }

  async move(oldKey: string, newKey: string, messageIds: readonly string[], rewrite: (outcome: TurnOutcome) => TurnOutcome): Promise<void> {
    if (oldKey === newKey) return;
    for (const messageId of messageIds) {
      const from = this.keys.turnOutcome(oldKey, messageId);
      const json = await this.client.get(from);
      const ttl = await this.client.pttl(from);
      // The two conversations are two hash tags: set-if-absent under the new one, then delete the old (a retry redoes both).
      if (json !== null && ttl !== -2) {
        const moved = rewrite(TurnOutcome.parse(JSON.parse(json)));
        await this.client.set(this.keys.turnOutcome(newKey, messageId), JSON.stringify(moved), 'PX', ttl > 0 ? ttl : 1, 'NX');
      }
      await this.client.del(from);
    }
  }

  async remove(conversationKey: string, messageId: string): Promise<void> {
    await this.client.del(this.keys.turnOutcome(conversationKey, messageId));
  }
}
