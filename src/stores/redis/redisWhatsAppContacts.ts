import type { RedisClient } from './redisConnection.js';
import { z } from 'zod';
import {
  DEFAULT_CONTACT_TTL_SECONDS,
  STATUS_RANK,
  type WhatsAppContactStore,
  type WhatsAppStatusUpdate,
} from '../whatsappContacts.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/** Options of {@link RedisWhatsAppContacts}. */
export interface RedisWhatsAppContactsOptions {
  readonly client: RedisClient;
  readonly keys: RedisKeys;
  /** Idle lifetime of a contact entry in seconds, default 2 592 000 (30 days); every write renews it. */
  readonly ttlSeconds?: number;
}

const StoredContact = z.object({
  in: z.coerce.number().optional(),
  out: z.string().optional(),
  st: z.enum(['sent', 'delivered', 'read', 'failed']).optional(),
  stAt: z.coerce.number().optional(),
  stErr: z.coerce.number().optional(),
});

/**
 * Redis {@link WhatsAppContactStore}: one hash per user (`whatsappContact` key), each change one Lua script,
 * so concurrent webhooks and senders on several instances never lose an update.
 */
export class RedisWhatsAppContacts implements WhatsAppContactStore {
  private readonly client: RedisClient;
  private readonly keys: RedisKeys;
  private readonly ttlSeconds: number;
  private readonly scripts: Record<'inbound' | 'outbound' | 'status', string>;

  constructor(options: RedisWhatsAppContactsOptions) {
    this.client = options.client;
    this.keys = options.keys;
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_CONTACT_TTL_SECONDS;
    this.scripts = {
      inbound: defineLuaScript(this.client, 'recordWhatsAppInbound-1.lua'),
      outbound: defineLuaScript(this.client, 'recordWhatsAppOutbound-1.lua'),
      status: defineLuaScript(this.client, 'recordWhatsAppStatus-1.lua'),
    };
  }

  async recordInbound(waId: string, at: number): Promise<void> {
    await runLuaScript(this.client, this.scripts.inbound, [this.keys.whatsappContact(waId)], [Math.trunc(at), this.ttlSeconds]);
  }

  async lastInboundAt(waId: string): Promise<number | undefined> {
    return (await this.read(waId)).in;
  }

  async recordOutbound(waId: string, graphMessageId: string, at: number): Promise<void> {
    await runLuaScript(this.client, this.scripts.outbound, [this.keys.whatsappContact(waId)], [graphMessageId, Math.trunc(at), this.ttlSeconds]);
  }

  async recordStatus(status: WhatsAppStatusUpdate): Promise<boolean> {
    const kept = await runLuaScript<number>(
      this.client,
      this.scripts.status,
      [this.keys.whatsappContact(status.waId)],
      [status.messageId, status.status, STATUS_RANK[status.status], Math.trunc(status.at), status.errorCode ?? '', this.ttlSeconds],
    );
    return kept === 1;
  }

  async lastStatus(waId: string): Promise<WhatsAppStatusUpdate | undefined> {
    const c = await this.read(waId);
    if (!c.out || !c.st || c.stAt === undefined) return undefined;
    return { waId, messageId: c.out, status: c.st, at: c.stAt, ...(c.stErr !== undefined ? { errorCode: c.stErr } : {}) };
  }

  async forget(waId: string): Promise<void> {
    await this.client.del(this.keys.whatsappContact(waId));
  }

  private async read(waId: string): Promise<z.infer<typeof StoredContact>> {
    const raw = await this.client.hgetall(this.keys.whatsappContact(waId));
    const parsed = StoredContact.safeParse(raw);
    // A hash in an unexpected shape (edited by hand, other version) reads as unknown rather than failing the turn.
    return parsed.success ? parsed.data : {};
  }
}
