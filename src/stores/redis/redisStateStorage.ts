import type { StoreItems } from 'botbuilder';
import { isCluster, type RedisClient } from './redisConnection.js';
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
    const results = await this.readAll(keys.map((k) => this.keys.state(k)));
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
    if (keys.length === 0) return;
    const stateKeys = keys.map((k) => this.keys.state(k));
    // Each item has its own hash tag, so on a cluster one DEL of several would be refused (CROSSSLOT).
    if (isCluster(this.client)) await Promise.all(stateKeys.map((k) => this.client.del(k)));
    else await this.client.del(...stateKeys);
  }

  /**
   * `HMGET e d` of every key, all sent side by side (one wait, and on a cluster each goes to its own node). Not an
   * ioredis pipeline: building one copies every defined script onto it, 50 µs of CPU against 10–15 µs for two reads.
   */
  private readAll(stateKeys: string[]): Promise<Array<[Error | null, unknown]>> {
    return Promise.all(stateKeys.map((key) => this.client.hmget(key, 'e', 'd').then((v): [null, unknown] => [null, v], (e: Error): [Error, unknown] => [e, null])));
  }
}
