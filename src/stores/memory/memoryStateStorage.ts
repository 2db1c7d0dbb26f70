import type { StoreItems } from 'botbuilder';
import { StaleWriteError, type StateStorage } from '../types.js';

interface Entry {
  eTag: string;
  json: string;
  expiresAt: number;
}

/**
 * In-memory {@link StateStorage} for the embedded mode and tests.
 * Items are copied through JSON on the way in and out, like the Redis store, so callers never share objects.
 */
export class MemoryStateStorage implements StateStorage {
  private readonly items = new Map<string, Entry>();
  private nextTag = 1;

  /**
   * @param ttlSeconds idle lifetime of an item; each write renews it.
   * @param now clock, injectable for tests.
   */
  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    const out: StoreItems = {};
    for (const key of keys) {
      const entry = this.live(key);
      if (entry) out[key] = { ...(JSON.parse(entry.json) as object), eTag: entry.eTag };
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    // Check every item first so a refused batch writes nothing.
    for (const [key, item] of Object.entries(changes)) {
      const expected = (item as { eTag?: string }).eTag;
      const current = this.live(key);
      if (current && expected && expected !== '*' && expected !== current.eTag) throw new StaleWriteError(key);
    }
    for (const [key, item] of Object.entries(changes)) {
      const { eTag: _ignored, ...data } = item as { eTag?: string };
      this.items.set(key, {
        eTag: String(this.nextTag++),
        json: JSON.stringify(data),
        expiresAt: this.now() + this.ttlSeconds * 1000,
      });
    }
    this.sweep();
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  /**
   * Moves an item to another key, keeping its lifetime, unless `to` already holds one (then `from` is just
   * dropped). Synchronous, so a caller can move several items in one step (see MemoryWhatsAppUserMove).
   */
  moveItem(from: string, to: string): void {
    const entry = this.live(from);
    if (!entry || from === to) return;
    this.items.delete(from);
    if (!this.live(to)) this.items.set(to, entry);
  }

  private live(key: string): Entry | undefined {
    const entry = this.items.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.items.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Bounded sweep of expired items so an idle-heavy process does not grow forever. */
  private sweep(): void {
    if (this.nextTag % 256 !== 0) return;
    const now = this.now();
    for (const [key, entry] of this.items) if (entry.expiresAt <= now) this.items.delete(key);
  }
}
