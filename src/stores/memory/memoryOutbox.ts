import type { OutboxEntry, OutboxKind, OutboxStore } from '../outboxStore.js';

/**
 * In-process {@link OutboxStore} (embedded store). Its dead letters live only as long as the running
 * process, so `npm run outbox` cannot reach them: configure REDIS_URL for a staff-visible outbox.
 */
export class MemoryOutbox implements OutboxStore {
  private readonly claims = new Map<string, { state: string; expiresAt: number }>();
  private readonly entries: Record<OutboxKind, Map<string, OutboxEntry>> = { dead: new Map(), held: new Map() };

  /** @param now clock in epoch ms, default `Date.now`. */
  constructor(private readonly now: () => number = Date.now) {}

  async claim(idempotencyKey: string, ttlMs: number): Promise<boolean> {
    if (this.current(idempotencyKey) !== undefined) return false;
    this.sweep();
    this.claims.set(idempotencyKey, { state: 'pending', expiresAt: this.now() + ttlMs });
    return true;
  }

  async beginAttempt(idempotencyKey: string, ttlMs: number): Promise<'new' | 'retry' | 'done'> {
    const state = this.current(idempotencyKey);
    if (state !== undefined && state !== 'pending' && state !== 'attempt') return 'done';
    this.sweep();
    this.claims.set(idempotencyKey, { state: 'attempt', expiresAt: this.now() + ttlMs });
    return state === undefined ? 'new' : 'retry';
  }

  async markSent(idempotencyKey: string, graphMessageId: string, ttlMs: number): Promise<void> {
    this.claims.set(idempotencyKey, { state: `sent:${graphMessageId}`, expiresAt: this.now() + ttlMs });
  }

  async release(idempotencyKey: string): Promise<void> {
    this.claims.delete(idempotencyKey);
  }

  async claimState(idempotencyKey: string): Promise<string | undefined> {
    return this.current(idempotencyKey);
  }

  async park(entry: OutboxEntry, claimTtlMs: number): Promise<void> {
    await this.purge(entry.kind, entry.at - claimTtlMs);
    this.entries[entry.kind].set(entry.id, structuredClone(entry));
    this.claims.set(entry.idempotencyKey, { state: `${entry.kind}:${entry.id}`, expiresAt: this.now() + claimTtlMs });
  }

  async list(kind: OutboxKind, limit = 100): Promise<OutboxEntry[]> {
    return [...this.entries[kind].values()]
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((e) => structuredClone(e));
  }

  async take(kind: OutboxKind, id: string): Promise<OutboxEntry | undefined> {
    const entry = this.entries[kind].get(id);
    this.entries[kind].delete(id);
    return entry;
  }

  async purge(kind: OutboxKind, olderThanMs: number): Promise<number> {
    let purged = 0;
    for (const [id, entry] of this.entries[kind]) {
      if (entry.at >= olderThanMs) continue;
      this.entries[kind].delete(id);
      purged++;
    }
    return purged;
  }

  async forgetUser(waId: string): Promise<number> {
    let forgotten = 0;
    for (const list of Object.values(this.entries)) {
      for (const [id, entry] of list) {
        if (entry.waId !== waId) continue;
        list.delete(id);
        forgotten++;
      }
    }
    return forgotten;
  }

  async moveRecipient(oldWaId: string, newWaId: string): Promise<number> {
    let moved = 0;
    for (const list of Object.values(this.entries)) {
      for (const entry of list.values()) {
        if (entry.waId !== oldWaId || oldWaId === newWaId) continue;
        entry.waId = newWaId;
        moved++;
      }
    }
    return moved;
  }

  private current(key: string): string | undefined {
    const claim = this.claims.get(key);
    if (!claim) return undefined;
    if (claim.expiresAt <= this.now()) {
      this.claims.delete(key);
      return undefined;
    }
    return claim.state;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, claim] of this.claims) if (claim.expiresAt <= now) this.claims.delete(key);
  }
}
