import { readdirSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/** Options of {@link watchTree}. */
export interface WatchTreeOptions {
  /**
   * `auto` (default) uses `fs.watch(root, { recursive: true })` and falls back to one watcher per
   * folder where the platform lacks it; `per-folder` forces the fallback.
   */
  readonly mode?: 'auto' | 'per-folder';
  /** Called with watcher errors (a watched folder removed, too many watches); default ignores them. */
  readonly onError?: (err: unknown) => void;
}

/** A running watch; `close()` stops every underlying watcher. */
export interface TreeWatch {
  close(): void;
}

/**
 * Calls `onEvent(relativeName)` for every change under `root` (the name may be null when the
 * platform does not say). In per-folder mode, folders created later are watched from the next event on.
 */
export function watchTree(root: string, onEvent: (filename: string | null) => void, options: WatchTreeOptions = {}): TreeWatch {
  const onError = options.onError ?? (() => undefined);
  if (options.mode !== 'per-folder') {
    try {
      const watcher = watch(root, { recursive: true }, (_event, filename) => onEvent(filename === null ? null : filename.toString()));
      watcher.on('error', onError);
      return { close: () => watcher.close() };
    } catch (err) {
      // Node < 20 on Linux: https://nodejs.org/docs/latest-v20.x/api/fs.html#caveats
      if ((err as NodeJS.ErrnoException).code !== 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM') throw err;
    }
  }
  const watchers = new Map<string, FSWatcher>();
  let closed = false;
  const addTree = (dir: string): void => {
    if (closed) return;
    if (!watchers.has(dir)) {
      try {
        const watcher = watch(dir, (_event, filename) => {
          addTree(root);
          onEvent(filename === null ? null : join(dir, filename.toString()).slice(root.length + 1));
        });
        watcher.on('error', (err) => {
          watcher.close();
          watchers.delete(dir);
          onError(err);
        });
        watchers.set(dir, watcher);
      } catch (err) {
        onError(err);
        return;
      }
    }
    for (const dirent of subfolders(dir)) addTree(join(dir, dirent.name));
  };
  addTree(root);
  return {
    close() {
      closed = true;
      watchers.forEach((watcher) => watcher.close());
      watchers.clear();
    },
  };
}

function subfolders(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((dirent) => dirent.isDirectory());
  } catch {
    return [];
  }
}
