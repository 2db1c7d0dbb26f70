import { basename, dirname } from 'node:path';
import type { AppLogger } from '../../observability/logger.js';
import { ContentError, formatProblem } from '../content/contentError.js';
import { watchTree } from '../content/watchTree.js';
import type { OrientationPoint, OrientationPointsConfig } from './orientationPoints.js';
import { loadOrientationPoints } from './orientationPointsLoader.js';

/** Options of {@link createOrientationPointsStore}. */
export interface OrientationPointsStoreOptions {
  /** Path of `orientation-points.yaml` (ORIENTATION_POINTS_FILE, default `<LOCALES_DIR>/orientation-points.yaml`). */
  readonly file: string;
  readonly logger: Pick<AppLogger, 'info' | 'warn' | 'error'>;
  /** Quiet time after the last file event before reloading, in ms; default 200. */
  readonly debounceMs?: number;
  /** Watch the file for edits; default true. */
  readonly watch?: boolean;
}

/** The live orientation points: the last good configuration, swapped whole when a valid edit lands. */
export interface OrientationPoints {
  current(): OrientationPointsConfig;
  /** The point with this id, if configured. */
  point(id: string): OrientationPoint | undefined;
  /** Calls `listener` after each accepted reload; returns a function that unsubscribes. */
  onChange(listener: (config: OrientationPointsConfig) => void): () => void;
  close(): void;
}

/** A fixed configuration (tests, CLIs): never reloads. */
export function fixedOrientationPoints(config: OrientationPointsConfig): OrientationPoints {
  return { current: () => config, point: (id) => config.points.find((p) => p.id === id), onChange: () => () => undefined, close: () => undefined };
}

/**
 * Loads the points and keeps them fresh like the FAQ (same watcher): a bad edit is logged as
 * `file:line: problem` lines and refused, so the last good configuration keeps serving.
 * @throws {ContentError} at start-up when the file has any problem.
 */
export function createOrientationPointsStore(options: OrientationPointsStoreOptions): OrientationPoints {
  const { file, logger } = options;
  const initial = loadOrientationPoints(file);
  if (!initial.config) throw new ContentError(initial.problems);
  let config = initial.config;
  const report = (warnings: typeof initial.warnings) => {
    for (const w of warnings) logger.warn({ event: 'appointments.placeholder_hours' }, formatProblem(w));
  };
  logger.info({ event: 'appointments.points_loaded', points: config.points.length }, 'orientation points loaded');
  report(initial.warnings);
  let fingerprint = JSON.stringify(config);
  const listeners = new Set<(c: OrientationPointsConfig) => void>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const reload = () => {
    timer = undefined;
    if (closed) return;
    const result = loadOrientationPoints(file);
    if (!result.config) {
      logger.warn({ event: 'appointments.points_reload_refused', problems: result.problems.map((p) => formatProblem(p)) }, 'orientation points edit refused, the last good configuration keeps serving');
      return;
    }
    const next = JSON.stringify(result.config);
    if (next === fingerprint) return;
    config = result.config;
    fingerprint = next;
    logger.info({ event: 'appointments.points_reloaded', points: config.points.length }, 'orientation points reloaded');
    report(result.warnings);
    for (const listener of listeners) {
      try {
        listener(config);
      } catch (err) {
        logger.error({ event: 'appointments.points_listener_failed', err }, 'an orientation points listener failed');
      }
    }
  };
  const name = basename(file);
  const watcher =
    options.watch === false
      ? undefined
      : watchTree(dirname(file), (changed) => {
          if (closed || (changed !== null && basename(changed) !== name)) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(reload, options.debounceMs ?? 200);
        }, { onError: (err) => logger.warn({ event: 'appointments.points_watch_failed', err }, 'orientation points watcher error') });
  return {
    current: () => config,
    point: (id) => config.points.find((p) => p.id === id),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      listeners.clear();
    },
  };
}
