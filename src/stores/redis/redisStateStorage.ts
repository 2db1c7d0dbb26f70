import type { StoreItems } from 'botbuilder';
import type { RedisClient } from './redisConnection.js';
import { StaleWriteError, type StateStorage } from '../types.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link StateStorage}: one hash per item, conditional writes in one Lua script,
 * idle expiry renewed on every write.
 */
export class RedisStateStorage implements StateStorage {
  private readonly writeScript: string;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds: number,
  ) {
    this.writeScript = defineLuaScript(client, 'writeState-1.lua');
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const pipeline = this.client.pipeline();
    for (const key of keys) pipeline.hmget(this.keys.state(key), 'e', 'd');
    const results = (await pipeline.exec()) ?? [];
    const out: StoreItems = {};
    keys.forEach((key, i) => {
      const [err, value] = results[i] ?? [];
      if (err) throw err;
      const [eTag, json] = value as [string | null, string | null];
      if (eTag !== null && json !== null) out[key] = { ...(JSON.parse(json) as object), eTag };
    });
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag, ...data } = item as { eTag?: string };
      const result = await runLuaScript<string | number>(this.client, this.writeScript, [this.keys.state(key)], [
        eTag ?? '',
        JSON.stringify(data),
        this.ttlSeconds,
      ]);
      if (result === -1) throw new StaleWriteError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.client.del(...keys.map((k) => this.keys.state(k)));
  }
}
