import { statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { watch } from 'chokidar';

/** Options of {@link watchTree}. */
export interface WatchTreeOptions {
  /**
   * `events` (default): file-system events, through chokidar, which follows every way editors and tools save
   * (rename over the file, in-place write, `cp` over it, `git checkout`, delete and re-create). `polling`: look
   * at every file's stat each `pollIntervalMs` instead, for file systems that send no events (some network
   * drives and container bind mounts).
   */
  readonly mode?: 'events' | 'polling';
  /** Polling period in ms (mode `polling`), default 300 (a few dozen stats: negligible). */
  readonly pollIntervalMs?: number;
  /** Called with watcher errors (a watched folder removed, too many watches); default ignores them. */
  readonly onError?: (err: unknown) => void;
  /**
   * After a burst of events, the last name is reported once more this many ms later (with `recheck` true),
   * default 1 000; 0 turns it off. Why: a write that lands within ~100 ms of a rename-save produces no event
   * while the watcher re-attaches to the new file (measured with chokidar 4 on Linux), so a reader should look
   * again once things are quiet.
   */
  readonly recheckMs?: number;
}

/** A running watch. */
export interface TreeWatch {
  /** Resolves once the initial scan is done: changes made from then on are reported. */
  readonly ready: Promise<void>;
  /** Stops watching; resolves when every underlying watcher is closed. */
  close(): Promise<void>;
}

/**
 * Calls `onEvent(relativeName, false)` for every file or folder added, changed or removed under `root` (a folder,
 * watched recursively, or a single file; the name is then ''). Folders created later are watched too.
 * Generic on purpose: the content store uses it for `locales/`, and any other hot-reloaded file (e.g. a
 * safety or offices file) can use it for its own path.
 *
 * Why chokidar rather than `fs.watch(root, { recursive: true })`: on Node 20 / Linux the latter stops
 * reporting in-place writes to a file once an editor has rename-saved it, and misses `cp` and `git checkout`.
 */
export function watchTree(root: string, onEvent: (filename: string, recheck: boolean) => void, options: WatchTreeOptions = {}): TreeWatch {
  const onError = options.onError ?? (() => undefined);
  const polling = options.mode === 'polling';
  // A single file is watched through its folder: a rename-save replaces the file, and the folder sees it.
  const file = isFile(root) ? resolve(root) : undefined;
  const watcher = watch(file ? dirname(file) : root, {
    ...(file ? { depth: 0, ignored: (path: string) => resolve(path) !== file && resolve(path) !== dirname(file) } : {}),
    ignoreInitial: true,
    persistent: true,
    usePolling: polling,
    interval: options.pollIntervalMs ?? 300,
    binaryInterval: options.pollIntervalMs ?? 300,
    // A delete followed by a re-create within 100 ms (atomic saves) is reported as one change.
    atomic: !polling,
  });
  const recheckMs = options.recheckMs ?? 1_000;
  let recheck: NodeJS.Timeout | undefined;
  let closed = false;
  const scheduleRecheck = (name: string): void => {
    if (recheckMs <= 0 || closed) return;
    if (recheck) clearTimeout(recheck);
    recheck = setTimeout(() => {
      recheck = undefined;
      if (!closed) onEvent(name, true);
    }, recheckMs);
    recheck.unref();
  };
  watcher.on('all', (_event, path) => {
    if (closed) return;
    if (file && resolve(path) !== file) return;
    const name = file ? '' : relative(root, path);
    onEvent(name, false);
    scheduleRecheck(name);
  });
  watcher.on('error', onError);
  // An edit made while the watcher took its first look (polling baselines) is caught by this one recheck.
  const ready = new Promise<void>((done) => watcher.once('ready', () => done())).then(() => scheduleRecheck(''));
  return {
    ready,
    close: () => {
      closed = true;
      if (recheck) clearTimeout(recheck);
      return watcher.close();
    },
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
