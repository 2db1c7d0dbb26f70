import type { OrientationPointsConfig } from '../../src/domain/appointments/orientationPoints.js';
import { loadOrientationPoints } from '../../src/domain/appointments/orientationPointsLoader.js';

/** Tuesday 2026-12-01 10:00 in Casablanca (UTC+0): a fixed "now" for appointment tests. */
export const APPT_NOW = Date.UTC(2026, 11, 1, 10);

/** The shipped orientation points with `edit` applied (seats, hours…), for tests. */
export function testPoints(edit: (config: OrientationPointsConfig) => void = () => undefined): OrientationPointsConfig {
  const { config } = loadOrientationPoints('locales/orientation-points.yaml');
  if (!config) throw new Error('shipped orientation points do not load');
  const copy = structuredClone(config);
  edit(copy);
  return copy;
}

/** A clock tests move by hand. */
export function manualClock(start = APPT_NOW) {
  let now = start;
  return { now: () => now, set: (ms: number) => void (now = ms), advance: (ms: number) => void (now += ms) };
}
