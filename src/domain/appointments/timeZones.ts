import moment from 'moment-timezone';

/**
 * All time-zone arithmetic goes through moment-timezone, whose data version is pinned by package.json
 * (0.6.6 ships tzdata 2026f). Node's own ICU data (`process.versions.tz`, 2025c on our machines) still puts
 * Africa/Casablanca at UTC+1 after 2026-09-20, one hour wrong, so neither `Intl` nor fixed offsets are used
 * for zone conversions anywhere in appointments.
 */

/** Oldest tz data that knows Morocco's permanent UTC+0 (IANA 2026c). */
export const MIN_TZ_DATA_VERSION = '2026c';

/** Thrown at start-up when the time-zone data is too old to give Moroccan times right. */
export class TimeZoneDataError extends Error {
  constructor(readonly version: string, readonly required: string) {
    super(`time-zone data ${version} is older than ${required}: Africa/Casablanca times would be wrong; update moment-timezone`);
    this.name = 'TimeZoneDataError';
  }
}

/** Version of the time-zone data in use (e.g. "2026f"). */
export function tzDataVersion(): string {
  return moment.tz.dataVersion;
}

/** Compares IANA versions like "2025c" < "2026c" (year, then letter). */
export function tzVersionAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) => /^(\d{4})([a-z]*)$/.exec(v);
  const a = parse(version);
  const b = parse(minimum);
  if (!a || !b) return false;
  if (a[1] !== b[1]) return Number(a[1]) > Number(b[1]);
  return (a[2] ?? '') >= (b[2] ?? '');
}

/**
 * Refuses time-zone data older than `minimum` (default {@link MIN_TZ_DATA_VERSION}); returns the version to log.
 * @throws {TimeZoneDataError}
 */
export function assertTzData(version = tzDataVersion(), minimum = MIN_TZ_DATA_VERSION): string {
  if (!tzVersionAtLeast(version, minimum)) throw new TimeZoneDataError(version, minimum);
  return version;
}

/** Whether `zone` is known to the time-zone data. */
export function isKnownZone(zone: string): boolean {
  return moment.tz.zone(zone) !== null;
}

/** Epoch ms of local wall time `date` ("YYYY-MM-DD") `time` ("HH:MM") in `zone`. */
export function localToUtc(date: string, time: string, zone: string): number {
  return moment.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', true, zone).valueOf();
}

/** Local calendar date, wall time and ISO weekday (1 = Monday) of `ms` in `zone`. */
export function utcToLocal(ms: number, zone: string): { date: string; time: string; isoWeekday: number } {
  const m = moment.tz(ms, zone);
  return { date: m.format('YYYY-MM-DD'), time: m.format('HH:mm'), isoWeekday: m.isoWeekday() };
}

/** `date` ("YYYY-MM-DD") plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return moment.utc(date, 'YYYY-MM-DD', true).add(days, 'days').format('YYYY-MM-DD');
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function isoWeekdayOf(date: string): number {
  return moment.utc(date, 'YYYY-MM-DD', true).isoWeekday();
}
