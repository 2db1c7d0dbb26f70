import type { RedisClient } from './redisConnection.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';

/**
 * A token bucket in Redis (one Lua script, server clock), so every instance sending for one WhatsApp business
 * number shares one rate. Same reservation contract as the in-memory TokenBucket.
 */
export class RedisTokenBucket {
  private readonly script: string;

  /**
   * @param key the bucket's key (redisKeys.whatsappRate(phoneNumberId)).
   * @param ratePerSecond sustained rate (> 0).
   * @param capacity burst size, default one second's worth.
   */
  constructor(
    private readonly client: RedisClient,
    private readonly key: string,
    private readonly ratePerSecond: number,
    private readonly capacity: number = ratePerSecond,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
    this.script = defineLuaScript(client, 'reserveToken-1.lua');
  }

  /** Takes a token; resolves with the ms to wait before using it (0 when one is available now). */
  async reserve(): Promise<number> {
    return runLuaScript<number>(this.client, this.script, [this.key], [this.ratePerSecond, this.capacity]);
  }
}
