import type { RedisClient } from './redisConnection.js';
import type { WhatsAppArrivals } from '../whatsappArrivals.js';
import { DEFAULT_CONTACT_TTL_SECONDS } from '../whatsappContacts.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/**
 * Redis {@link WhatsAppArrivals}: each check is one Lua script (recordWhatsAppInboundUnless) over the id's link or move marker and its contact
 * record, which share the id's hash tag (one slot on a cluster, one round trip).
 */
export class RedisWhatsAppArrivals implements WhatsAppArrivals {
  private readonly script: string;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    /** The contact record's idle lifetime, as the contact store's (RedisWhatsAppContacts). */
    private readonly contactTtlSeconds = DEFAULT_CONTACT_TTL_SECONDS,
  ) {
    this.script = defineLuaScript(client, 'recordWhatsAppInboundUnless-2.lua');
  }

  async arrive(waId: string, at: number): Promise<string | undefined> {
    return this.run(this.keys.whatsappLink(waId), waId, at);
  }

  async beginTurn(waId: string, at: number): Promise<string | undefined> {
    return this.run(this.keys.whatsappMove(waId), waId, at);
  }

  private async run(checkKey: string, waId: string, at: number): Promise<string | undefined> {
    const found = await runLuaScript<string | null>(this.client, this.script, [checkKey, this.keys.whatsappContact(waId)], [Math.trunc(at), this.contactTtlSeconds]);
    return typeof found === 'string' ? found : undefined;
  }
}
