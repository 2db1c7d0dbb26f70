import type { RedisClient } from './redisConnection.js';
import { TurnOutcome, type TurnOutcomeStore } from '../turnOutcomeStore.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link TurnOutcomeStore}: one string per decided turn, under its conversation's hash tag, written with
 * `SET NX PX` and read back with `GET` in one MULTI, so the first decision wins and every caller sees it.
 */
export class RedisTurnOutcomes implements TurnOutcomeStore {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async decide(outcome: TurnOutcome, ttlMs: number): Promise<TurnOutcome> {
    const key = this.keys.turnOutcome(outcome.conversationKey, outcome.messageId);
    const results = await this.client.multi().set(key, JSON.stringify(outcome), 'PX', Math.max(1, Math.round(ttlMs)), 'NX').get(key).exec();
    const [error, json] = results?.[1] ?? [new Error('MULTI returned nothing'), null];
    if (error) throw error;
    if (typeof json !== 'string') throw new Error('turn outcome vanished right after it was stored');
    return TurnOutcome.parse(JSON.parse(json));
  }

  async get(conversationKey: string, messageId: string): Promise<TurnOutcome | undefined> {
    const json = await this.client.get(this.keys.turnOutcome(conversationKey, messageId));
    return json === null ? undefined : TurnOutcome.parse(JSON.parse(json));
  }

  async remove(conversationKey: string, messageId: string): Promise<void> {
    await this.client.del(this.keys.turnOutcome(conversationKey, messageId));
  }
}
