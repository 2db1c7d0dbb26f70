import { MENU_MEMORY_TTL_SECONDS, type MenuMemoryStore } from '../menuMemoryStore.js';

/** Options of {@link MemoryMenuMemory}. */
export interface MemoryMenuMemoryOptions {
  /** Lifetime of a menu in seconds, default 86 400 (one day). */
  readonly ttlSeconds?: number;
  /** Clock in epoch ms, default `Date.now`. */
  readonly now?: () => number;
}

/** In-process {@link MenuMemoryStore} (embedded store, single instance). */
export class MemoryMenuMemory implements MenuMemoryStore {
  private readonly menus = new Map<string, { values: string[]; expiresAt: number }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryMenuMemoryOptions = {}) {
    this.ttlMs = (options.ttlSeconds ?? MENU_MEMORY_TTL_SECONDS) * 1000;
    this.now = options.now ?? Date.now;
  }

  async save(waId: string, values: readonly string[]): Promise<void> {
    this.sweep();
    this.menus.set(waId, { values: [...values], expiresAt: this.now() + this.ttlMs });
  }

  async load(waId: string): Promise<string[] | undefined> {
    const menu = this.menus.get(waId);
    if (!menu) return undefined;
    if (menu.expiresAt <= this.now()) {
      this.menus.delete(waId);
      return undefined;
    }
    return [...menu.values];
  }

  /** Moves a user's menu to a new id unless that id has one (then the old one is dropped). Synchronous. */
  moveMenu(from: string, to: string): void {
    const menu = this.menus.get(from);
    if (!menu || from === to) return;
    this.menus.delete(from);
    const existing = this.menus.get(to);
    if (!existing || existing.expiresAt <= this.now()) this.menus.set(to, menu);
  }

  /** Drops expired menus so the map does not grow without bound. */
  private sweep(): void {
    const now = this.now();
    for (const [key, menu] of this.menus) if (menu.expiresAt <= now) this.menus.delete(key);
  }
}
