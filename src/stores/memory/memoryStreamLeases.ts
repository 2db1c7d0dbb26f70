import type { StreamLeases } from '../streamLeases.js';

/**
 * In-memory {@link StreamLeases}: the embedded store's twin of the Redis one (this process only), and the
 * Redis one's insurance while Redis is down. A conversation's entry is dropped with its last lease.
 */
export class MemoryStreamLeases implements StreamLeases {
  /** conversation id → lease id → expiry (ms since the epoch). */
  private readonly leases = new Map<string, Map<string, number>>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(conversationId: string, leaseId: string, max: number, ttlMs: number): Promise<boolean> {
    const now = this.now();
    const held = this.leases.get(conversationId) ?? new Map<string, number>();
    for (const [id, expiresAt] of held) if (expiresAt <= now) held.delete(id);
    if (!held.has(leaseId) && held.size >= max) {
      if (held.size === 0) this.leases.delete(conversationId);
      return false;
    }
    held.set(leaseId, now + ttlMs);
    this.leases.set(conversationId, held);
    return true;
  }

  async release(conversationId: string, leaseId: string): Promise<void> {
    const held = this.leases.get(conversationId);
    if (!held) return;
    held.delete(leaseId);
    if (held.size === 0) this.leases.delete(conversationId);
  }
}
