import {
  DEFAULT_CONTACT_TTL_SECONDS,
  STATUS_RANK,
  type WhatsAppContactStore,
  type WhatsAppStatusUpdate,
} from '../whatsappContacts.js';

interface Contact {
  inboundAt?: number;
  outboundId?: string;
  outboundAt?: number;
  status?: WhatsAppStatusUpdate;
  expiresAt: number;
}

/** In-memory {@link WhatsAppContactStore} for the embedded mode (lost on restart). */
export class MemoryWhatsAppContacts implements WhatsAppContactStore {
  private readonly contacts = new Map<string, Contact>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  /**
   * @param options.ttlSeconds idle lifetime of an entry in seconds, default 30 days.
   * @param options.now clock in ms, default `Date.now`.
   */
  constructor(options: { ttlSeconds?: number; now?: () => number } = {}) {
    this.ttlMs = (options.ttlSeconds ?? DEFAULT_CONTACT_TTL_SECONDS) * 1000;
    this.now = options.now ?? Date.now;
  }

  async recordInbound(waId: string, at: number): Promise<void> {
    const c = this.touch(waId);
    if (c.inboundAt === undefined || at > c.inboundAt) c.inboundAt = at;
  }

  async lastInboundAt(waId: string): Promise<number | undefined> {
    return this.get(waId)?.inboundAt;
  }

  async recordOutbound(waId: string, graphMessageId: string, at: number): Promise<void> {
    // Only a user who wrote has a record; one erased by "delete my data" is not re-created by our reply.
    if (!this.get(waId)) return;
    const c = this.touch(waId);
    c.outboundId = graphMessageId;
    c.outboundAt = at;
    c.status = undefined;
  }

  async recordStatus(status: WhatsAppStatusUpdate): Promise<boolean> {
    const c = this.get(status.waId);
    if (!c || c.outboundId !== status.messageId) return false;
    if (c.status && STATUS_RANK[c.status.status] > STATUS_RANK[status.status]) return false;
    if (c.status?.status === 'failed') return false;
    c.status = { ...status };
    c.expiresAt = this.now() + this.ttlMs;
    return true;
  }

  async lastStatus(waId: string): Promise<WhatsAppStatusUpdate | undefined> {
    const status = this.get(waId)?.status;
    return status ? { ...status } : undefined;
  }

  async forget(waId: string): Promise<void> {
    this.contacts.delete(waId);
  }

  /** Moves a contact record to a new id unless that id has one (then the old one is dropped). Synchronous. */
  moveContact(from: string, to: string): void {
    const c = this.get(from);
    if (!c || from === to) return;
    this.contacts.delete(from);
    if (!this.get(to)) this.contacts.set(to, c);
  }

  private get(waId: string): Contact | undefined {
    const c = this.contacts.get(waId);
    if (c && c.expiresAt <= this.now()) {
      this.contacts.delete(waId);
      return undefined;
    }
    return c;
  }

  private touch(waId: string): Contact {
    const c = this.get(waId) ?? { expiresAt: 0 };
    c.expiresAt = this.now() + this.ttlMs;
    this.contacts.set(waId, c);
    return c;
  }
}
