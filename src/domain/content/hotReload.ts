import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import type { AppLogger } from '../../observability/logger.js';
import { watchTree } from './watchTree.js';

/** What one load of a hot-reloaded file or folder gave: its value, or the problems that refuse it. */
export type HotReloadResult<T> = { readonly value: T } | { readonly problems: readonly string[] };

/** Options of {@link createHotReload}. */
export interface HotReloadOptions<T> {
  /** File or folder to watch (folders recursively). */
  readonly path: string;
  /** The value loaded at start-up (load and refuse to start yourself: each file has its own error type). */
  readonly initial: T;
  /** Loads and validates the whole value again; problems are `file:line: problem` lines, never user text. */
  readonly load: () => HotReloadResult<T>;
  /**
   * Names the log events: `<name>.reloaded`, `<name>.reload_refused`, `<name>.listener_failed`,
   * `<name>.watch_failed`, e.g. `content`, `safety`.
   */
  readonly name: string;
  readonly logger: Pick<AppLogger, 'info' | 'warn' | 'error'>;
  /** Counts to add to the `reloaded` log line (e.g. `{ faqEntries: 12 }`); never content. */
  readonly describe?: (value: T) => Record<string, unknown>;
  /** Which changed names (relative to `path`, '' for a watched file) trigger a reload; default all. */
  readonly isRelevant?: (name: string) => boolean;
  /** Quiet time after the last change before reloading, in ms; default 200. */
  readonly debounceMs?: number;
  /** Watch for edits; default true. With false the value is never reloaded. */
  readonly watch?: boolean;
  /** `events` (default) or `polling` (see {@link watchTree}). */
  readonly watchMode?: 'events' | 'polling';
}

/** A value kept fresh from its files: the last good one, swapped whole when a valid edit lands. */
export interface HotReloaded<T> {
  /** The current (last good) value. */
  current(): T;
  /** Calls `listener` after each accepted reload that changed the value; returns a function that unsubscribes. */
  onChange(listener: (value: T) => void): () => void;
  /** Resolves once edits are being watched (at once when not watching). */
  ready(): Promise<void>;
  /** Stops watching; the last value stays readable. */
  close(): void;
}

/**
 * Keeps a value loaded from staff-edited files fresh: watches `path` (every save style, see watchTree),
 * reloads `debounceMs` after the last change, and swaps the value only when `load` accepts the whole of it.
 * A refused edit is logged (warn, its problems) while the last good value keeps serving; the same refusal is
 * not logged twice by the watcher's quiet-time recheck, but is again when the file is saved again.
 */
export function createHotReload<T>(options: HotReloadOptions<T>): HotReloaded<T> {
  const { logger, name } = options;
  const debounceMs = options.debounceMs ?? 200;
  let value = options.initial;
  let fingerprint = fingerprintOf(value);
  const listeners = new Set<(value: T) => void>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let lastRefusal: string | undefined;
  let pendingIsRecheck = true;

  const reload = (): void => {
    timer = undefined;
    const recheck = pendingIsRecheck;
    pendingIsRecheck = true;
    if (closed) return;
    const result = options.load();
    if ('problems' in result) {
      // The file's size and mtime tell a new save of a broken file from the recheck of the same one, even when
      // the watcher missed the save's own event (writes close together, a loaded machine).
      const refusal = JSON.stringify(result.problems) + savedState(options.path);
      if (recheck && refusal === lastRefusal) return;
      lastRefusal = refusal;
      logger.warn({ event: `${name}.reload_refused`, problems: result.problems }, `${name} edit refused, the last good ${name} keeps serving`);
      return;
    }
    lastRefusal = undefined;
    const next = fingerprintOf(result.value);
    if (next === fingerprint) return;
    value = result.value;
    fingerprint = next;
    logger.info({ event: `${name}.reloaded`, ...options.describe?.(value) }, `${name} reloaded`);
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (err) {
        logger.error({ event: `${name}.listener_failed`, err }, `a ${name} change listener failed`);
      }
    }
  };

  const schedule = (recheck: boolean): void => {
    if (closed) return;
    // A real event in the burst makes the reload a real one (a re-saved broken file is logged again).
    if (!recheck) pendingIsRecheck = false;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };

  const isRelevant = options.isRelevant ?? (() => true);
  const watch =
    options.watch === false
      ? undefined
      : watchTree(options.path, (changed, recheck) => isRelevant(changed) && schedule(recheck), {
          mode: options.watchMode ?? 'events',
          onError: (err) => logger.warn({ event: `${name}.watch_failed`, err }, `${name} watcher error`),
        });

  return {
    current: () => value,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready: async () => {
      await watch?.ready;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watch?.close().catch((err: unknown) => logger.warn({ event: `${name}.watch_failed`, err }, `${name} watcher did not close cleanly`));
      listeners.clear();
    },
  };
}

/** Size and modification time of a single watched file ('' for a folder or a missing file). */
function savedState(path: string): string {
  try {
    const stat = statSync(path);
    return stat.isFile() ? `:${stat.size}:${stat.mtimeMs}` : '';
  } catch {
    return '';
  }
}

/**
 * What tells a reload that changed nothing from one that did: a hash of the value's JSON, not the JSON itself,
 * which for the content is about 0.9 MB kept in every thread of an instance (README "Performance", memory).
 */
function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64');
}
