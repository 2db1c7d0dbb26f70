import type { RedisClient } from './redisConnection.js';
import { MENU_MEMORY_TTL_SECONDS, type MenuMemoryStore } from '../menuMemoryStore.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link MenuMemoryStore}: one string key per user holding the menu's values as JSON,
 * written with `SET … EX` (one atomic command, so no script is needed).
 */
export class RedisMenuMemory implements MenuMemoryStore {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    /** Lifetime of a menu in seconds, default 86 400 (one day). */
    private readonly ttlSeconds: number = MENU_MEMORY_TTL_SECONDS,
  ) {}

  async save(waId: string, values: readonly string[]): Promise<void> {
    await this.client.set(this.keys.whatsappMenu(waId), JSON.stringify(values), 'EX', this.ttlSeconds);
  }

  async load(waId: string): Promise<string[] | undefined> {
    const json = await this.client.get(this.keys.whatsappMenu(waId));
    if (json === null) return undefined;
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : undefined;
  }
}
