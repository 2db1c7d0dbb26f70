import type { RedisClient } from './redisConnection.js';
import type { StreamLeases } from '../streamLeases.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link StreamLeases}: one sorted set of lease ids by expiry per conversation, taken and renewed in one
 * Lua script. While Redis fails, the `insurance` leases (in memory) decide instead, so a stream can still open
 * during an outage and the limit still holds per instance, rather than failing open or closed.
 */
export class RedisStreamLeases implements StreamLeases {
  private readonly script: string;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly insurance?: StreamLeases,
  ) {
    this.script = defineLuaScript(client, 'leaseStream-1.lua');
  }

  async acquire(conversationId: string, leaseId: string, max: number, ttlMs: number): Promise<boolean> {
    try {
      const held = await runLuaScript<number>(this.client, this.script, [this.keys.webChatStreams(conversationId)], [leaseId, max, ttlMs]);
      return held === 1;
    } catch (err) {
      if (!this.insurance) throw err;
      return this.insurance.acquire(conversationId, leaseId, max, ttlMs);
    }
  }

  async release(conversationId: string, leaseId: string): Promise<void> {
    await this.insurance?.release(conversationId, leaseId);
    try {
      await this.client.zrem(this.keys.webChatStreams(conversationId), leaseId);
    } catch (err) {
      // The lease expires by itself; without insurance the caller decides whether to log.
      if (!this.insurance) throw err;
    }
  }
}
