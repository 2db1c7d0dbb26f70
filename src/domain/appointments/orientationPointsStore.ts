import type { AppLogger } from '../../observability/logger.js';
import { ContentError, formatProblem } from '../content/contentError.js';
import { createHotReload } from '../content/hotReload.js';
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
  /** `events` (default) or `polling` (CONTENT_WATCH_MODE), as for the FAQ. */
  readonly watchMode?: 'events' | 'polling';
}

/** The live orientation points: the last good configuration, swapped whole when a valid edit lands. */
export interface OrientationPoints {
  current(): OrientationPointsConfig;
  /** The point with this id, if configured. */
  point(id: string): OrientationPoint | undefined;
  /** Calls `listener` after each accepted reload; returns a function that unsubscribes. */
  onChange(listener: (config: OrientationPointsConfig) => void): () => void;
  /** Resolves once edits are being watched. */
  ready(): Promise<void>;
  close(): void;
}

/** A fixed configuration (tests, CLIs): never reloads. */
export function fixedOrientationPoints(config: OrientationPointsConfig): OrientationPoints {
  return {
    current: () => config,
    point: (id) => config.points.find((p) => p.id === id),
    onChange: () => () => undefined,
    ready: async () => undefined,
    close: () => undefined,
  };
}

/**
 * Loads the points and keeps them fresh with the FAQ's hot reload (same watcher): a bad edit is logged as
 * `file:line: problem` lines and refused, so the last good configuration keeps serving. Placeholder hours are
 * warned about at start-up and after each reload.
 * @throws {ContentError} at start-up when the file has any problem.
 */
export function createOrientationPointsStore(options: OrientationPointsStoreOptions): OrientationPoints {
  const { file, logger } = options;
  const initial = loadOrientationPoints(file);
  if (!initial.config) throw new ContentError(initial.problems);
  const warn = (warnings: typeof initial.warnings) => {
    for (const w of warnings) logger.warn({ event: 'appointments.placeholder_hours' }, formatProblem(w));
  };
  logger.info({ event: 'appointments.points_loaded', points: initial.config.points.length }, 'orientation points loaded');
  warn(initial.warnings);
  const live = createHotReload<OrientationPointsConfig>({
    path: file,
    initial: initial.config,
    name: 'orientation_points',
    logger,
    describe: (config) => ({ points: config.points.length }),
    load: () => {
      const result = loadOrientationPoints(file);
      if (!result.config) return { problems: result.problems.map((p) => formatProblem(p)) };
      warn(result.warnings);
      return { value: result.config };
    },
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    ...(options.watch === false ? { watch: false } : {}),
    ...(options.watchMode ? { watchMode: options.watchMode } : {}),
  });
  return {
    current: () => live.current(),
    point: (id) => live.current().points.find((p) => p.id === id),
    onChange: (listener) => live.onChange(listener),
    ready: () => live.ready(),
    close: () => live.close(),
  };
}
