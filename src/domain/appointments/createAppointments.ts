import { join } from 'node:path';
import type { AppLogger } from '../../observability/logger.js';
import type { StoreBackend } from '../../stores/createStores.js';
import { MemoryAppointmentStore } from '../../stores/memory/memoryAppointmentStore.js';
import { RedisAppointmentStore } from '../../stores/redis/redisAppointmentStore.js';
import { RedisBookingDrafts } from '../../stores/redis/redisBookingDrafts.js';
import type { AppointmentStore } from '../../stores/appointmentStore.js';
import { AppointmentService } from './appointmentService.js';
import { ORIENTATION_POINTS_FILE } from './orientationPoints.js';
import { createOrientationPointsStore, type OrientationPoints } from './orientationPointsStore.js';
import { assertTzData, MIN_TZ_DATA_VERSION, tzDataVersion } from './timeZones.js';

/** Options of {@link createAppointments}. */
export interface CreateAppointmentsOptions {
  /** ORIENTATION_POINTS_FILE; default `<localesDir>/orientation-points.yaml`. */
  readonly file?: string;
  readonly localesDir: string;
  readonly backend: Pick<StoreBackend, 'redis'>;
  readonly logger: AppLogger;
  /** Time-zone data version to check, default moment-timezone's (tests pass an old one). */
  readonly tzDataVersion?: string;
  /** Watch the points file for edits; default true. */
  readonly watch?: boolean;
  /** `events` (default) or `polling` (CONTENT_WATCH_MODE), as for the FAQ. */
  readonly watchMode?: 'events' | 'polling';
}

/** The appointment parts, built on the configured store. */
export interface Appointments {
  readonly service: AppointmentService;
  readonly store: AppointmentStore;
  readonly points: OrientationPoints;
  close(): void;
}

/**
 * Checks the time-zone data (logs its version; refuses anything older than 2026c, which still puts Casablanca at
 * UTC+1), loads the orientation points with hot reload, and builds the service on Redis or memory.
 * @throws {TimeZoneDataError} when the data is too old; {@link ContentError} when the points file is broken.
 */
export function createAppointments(options: CreateAppointmentsOptions): Appointments {
  const version = options.tzDataVersion ?? tzDataVersion();
  try {
    assertTzData(version);
  } catch (err) {
    options.logger.fatal({ event: 'appointments.tz_data_too_old', tzData: version, required: MIN_TZ_DATA_VERSION }, 'time-zone data too old: refusing to start');
    throw err;
  }
  options.logger.info(
    { event: 'appointments.tz_data', tzData: version, nodeTzData: process.versions.tz, required: MIN_TZ_DATA_VERSION },
    `time-zone data ${version} (moment-timezone; Node's own ${process.versions.tz ?? 'unknown'} is not used)`,
  );
  const points = createOrientationPointsStore({
    file: options.file ?? join(options.localesDir, ORIENTATION_POINTS_FILE),
    logger: options.logger,
    ...(options.watch === false ? { watch: false } : {}),
    ...(options.watchMode ? { watchMode: options.watchMode } : {}),
  });
  const redis = options.backend.redis;
  const store = redis ? new RedisAppointmentStore(redis.client, redis.keys) : new MemoryAppointmentStore();
  // Without Redis the service keeps drafts in memory itself.
  const drafts = redis ? new RedisBookingDrafts(redis.client, redis.keys) : undefined;
  return { service: new AppointmentService({ store, points, ...(drafts ? { drafts } : {}) }), store, points, close: () => points.close() };
}
