import { AsyncLocalStorage } from 'node:async_hooks';
import type { StoreItems } from 'botbuilder';
import type { StateStorage } from './types.js';

/** One change a turn made to bot state, in the order it made it. */
export type StateChange =
  | { readonly op: 'write'; readonly key: string; readonly item: Record<string, unknown> }
  | { readonly op: 'delete'; readonly key: string };

interface TurnBuffer {
  readonly changes: StateChange[];
  /** Latest buffered value per key; null = deleted in this turn. */
  readonly latest: Map<string, Record<string, unknown> | null>;
  /** Items read ahead by {@link BufferedStateStorage.prefetch} (undefined = not stored), served once each. */
  readonly fetched: Map<string, StoreItems[string] | undefined>;
}

/**
 * The bot's state storage, able to hold back a turn's writes: inside {@link capture} every write and delete
 * is recorded instead of applied (reads see them), so the turn's state changes can be stored together with
 * its replies as one decided outcome and applied afterwards with {@link apply}, as often as a crash requires.
 * Outside `capture` (e.g. the Bot Framework route) it passes everything straight through.
 *
 * The buffer follows the turn's async context (AsyncLocalStorage), because botbuilder's `Storage` calls carry
 * no turn context.
 */
export class BufferedStateStorage implements StateStorage {
  private readonly scope = new AsyncLocalStorage<TurnBuffer>();

  constructor(private readonly inner: StateStorage) {}

  /** Runs `turn` with its state changes held back; resolves with its result and the changes, in order. */
  async capture<T>(turn: () => Promise<T>): Promise<{ result: T; changes: StateChange[] }> {
    const buffer: TurnBuffer = { changes: [], latest: new Map(), fetched: new Map() };
    const result = await this.scope.run(buffer, turn);
    return { result, changes: buffer.changes };
  }

  /**
   * Inside {@link capture}: reads `keys` now, all at once, so the turn's own reads of them (botbuilder loads each
   * state one after the other) wait for nothing; each prefetched item is served to the turn's first read of it.
   * The caller starts it beside its other reads, so they share one wait on the store.
   */
  async prefetch(keys: readonly string[]): Promise<void> {
    const buffer = this.scope.getStore();
    if (!buffer || keys.length === 0) return;
    const items = await this.inner.read([...keys]);
    for (const key of keys) buffer.fetched.set(key, items[key]);
  }

  /** Inside {@link capture}: drops what {@link prefetch} read (the records moved meanwhile, e.g. a number change). */
  forgetPrefetched(): void {
    this.scope.getStore()?.fetched.clear();
  }

  /**
   * Applies captured changes to the real storage. Writes are unconditional (eTag `*`): the inbound queue runs one
   * turn per conversation at a time, and re-applying the same changes after a crash must succeed. Only each key's
   * last change counts (a write or a delete replaces the whole item), so the keys are written side by side.
   */
  async apply(changes: readonly StateChange[]): Promise<void> {
    const last = new Map<string, StateChange>();
    for (const change of changes) last.set(change.key, change);
    await Promise.all(
      [...last.values()].map((change) => (change.op === 'delete' ? this.inner.delete([change.key]) : this.inner.write({ [change.key]: { ...change.item, eTag: '*' } }))),
    );
  }

  async read(keys: string[]): Promise<StoreItems> {
    const buffer = this.scope.getStore();
    if (!buffer) return this.inner.read(keys);
    const unbuffered = keys.filter((key) => !buffer.latest.has(key) && !buffer.fetched.has(key));
    const items = unbuffered.length > 0 ? await this.inner.read(unbuffered) : {};
    for (const key of keys) {
      if (buffer.latest.has(key) || !buffer.fetched.has(key)) continue;
      const item = buffer.fetched.get(key);
      buffer.fetched.delete(key);
      if (item !== undefined) items[key] = item;
    }
    for (const key of keys) {
      const latest = buffer.latest.get(key);
      if (latest) items[key] = { ...structuredClone(latest), eTag: '*' };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const buffer = this.scope.getStore();
    if (!buffer) return this.inner.write(changes);
    for (const [key, value] of Object.entries(changes)) {
      // Through JSON like the real stores, so the turn cannot change what was recorded.
      const { eTag: _eTag, ...item } = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
      buffer.changes.push({ op: 'write', key, item });
      buffer.latest.set(key, item);
    }
  }

  async delete(keys: string[]): Promise<void> {
    const buffer = this.scope.getStore();
    if (!buffer) return this.inner.delete(keys);
    for (const key of keys) {
      buffer.changes.push({ op: 'delete', key });
      buffer.latest.set(key, null);
    }
  }
}
