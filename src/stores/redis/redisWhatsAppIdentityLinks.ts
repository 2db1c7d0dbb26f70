import type { RedisClient } from './redisConnection.js';
import { DEFAULT_LINK_TTL_SECONDS, type WhatsAppIdentityLinks } from '../whatsappIdentityLinks.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link WhatsAppIdentityLinks}: `wa:link:{alias}` holds the conversation key, `wa:aliases:{key}` the set of
 * its aliases. The two live under different ids' hash tags, so every step is a single-key command (Cluster-safe);
 * the alias set is written before the link, so "delete my data" always finds a link that exists.
 */
export class RedisWhatsAppIdentityLinks implements WhatsAppIdentityLinks {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly ttlSeconds = DEFAULT_LINK_TTL_SECONDS,
  ) {}

  async link(alias: string, canonical: string): Promise<void> {
    if (alias === canonical) return;
    const aliases = this.keys.whatsappAliases(canonical);
    await this.client.sadd(aliases, alias);
    await this.client.expire(aliases, this.ttlSeconds);
    await this.client.set(this.keys.whatsappLink(alias), canonical, 'EX', this.ttlSeconds);
  }

  async resolve(id: string): Promise<string | undefined> {
    const canonical = await this.client.get(this.keys.whatsappLink(id));
    if (canonical === null) return undefined;
    await this.client.expire(this.keys.whatsappLink(id), this.ttlSeconds);
    await this.client.expire(this.keys.whatsappAliases(canonical), this.ttlSeconds);
    return canonical;
  }

  async aliasesOf(canonical: string): Promise<string[]> {
    return (await this.client.smembers(this.keys.whatsappAliases(canonical))).sort();
  }

  async unlink(alias: string): Promise<void> {
    const canonical = await this.client.get(this.keys.whatsappLink(alias));
    await this.client.del(this.keys.whatsappLink(alias));
    if (canonical !== null) await this.client.srem(this.keys.whatsappAliases(canonical), alias);
  }

  async forget(canonical: string): Promise<void> {
    for (const alias of await this.client.smembers(this.keys.whatsappAliases(canonical))) {
      if ((await this.client.get(this.keys.whatsappLink(alias))) === canonical) await this.client.del(this.keys.whatsappLink(alias));
    }
    await this.client.del(this.keys.whatsappAliases(canonical));
    await this.unlink(canonical);
  }

  async move(oldId: string, newId: string): Promise<void> {
    if (oldId === newId) return;
    for (const alias of await this.client.smembers(this.keys.whatsappAliases(oldId))) {
      if (alias === newId) {
        await this.client.del(this.keys.whatsappLink(alias));
        continue;
      }
      await this.client.sadd(this.keys.whatsappAliases(newId), alias);
      await this.client.expire(this.keys.whatsappAliases(newId), this.ttlSeconds);
      // XX: an expired link stays gone; KEEPTTL: a move is not a use.
      await this.client.set(this.keys.whatsappLink(alias), newId, 'KEEPTTL', 'XX');
    }
    await this.client.del(this.keys.whatsappAliases(oldId));
  }
}
