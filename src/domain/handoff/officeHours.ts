import moment from 'moment-timezone';

// moment-timezone carries its own tz data (pinned 0.6.6): Node's bundled data is wrong for Morocco since 2026-09-20.
const ZONE = 'Africa/Casablanca';
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
type Day = (typeof DAYS)[number];

/** Opening hours per weekday (minutes after local midnight, [start, end)) and closed dates (YYYY-MM-DD, local). */
export interface OfficeHours {
  readonly week: Readonly<Record<Day, ReadonlyArray<readonly [number, number]>>>;
  readonly closedDates: ReadonlySet<string>;
}

/** A bad `HANDOFF_OFFICE_HOURS` / `HANDOFF_CLOSED_DATES` value, with what was wrong. */
export class OfficeHoursError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OfficeHoursError';
  }
}

/**
 * Parses office hours such as `mon-thu 09:00-16:30; fri 09:00-12:00,14:00-16:00` (Africa/Casablanca time; days
 * not named are closed) and closed dates such as `2026-12-25,2027-01-01`.
 */
export function parseOfficeHours(spec: string, closedDates = ''): OfficeHours {
  const week = Object.fromEntries(DAYS.map((d) => [d, [] as Array<[number, number]>])) as Record<Day, Array<[number, number]>>;
  for (const part of spec.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]{3})(?:-([a-z]{3}))?\s+(.+)$/i.exec(part);
    if (!m) throw new OfficeHoursError(`"${part}": expected "<day>[-<day>] HH:MM-HH:MM[,HH:MM-HH:MM]"`);
    const from = DAYS.indexOf(m[1]!.toLowerCase() as Day);
    const to = DAYS.indexOf((m[2] ?? m[1]!).toLowerCase() as Day);
    if (from < 0 || to < 0) throw new OfficeHoursError(`"${part}": days are ${DAYS.join(', ')}`);
    const ranges = m[3]!.split(',').map((r) => parseRange(r.trim(), part));
    for (let d = from; ; d = (d + 1) % 7) {
      week[DAYS[d]!].push(...ranges);
      if (d === to) break;
    }
  }
  const dates = closedDates.split(',').map((d) => d.trim()).filter(Boolean);
  for (const d of dates) if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new OfficeHoursError(`closed date "${d}": expected YYYY-MM-DD`);
  return { week, closedDates: new Set(dates) };
}

function parseRange(range: string, part: string): [number, number] {
  const m = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(range);
  if (!m) throw new OfficeHoursError(`"${part}": "${range}" is not HH:MM-HH:MM`);
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  if (end <= start || end > 24 * 60) throw new OfficeHoursError(`"${part}": "${range}" must end after it starts, by 24:00`);
  return [start, end];
}

/** Whether caseworkers are expected at `at` (epoch ms). */
export function isOpenAt(hours: OfficeHours, at: number): boolean {
  const local = moment.tz(at, ZONE);
  if (hours.closedDates.has(local.format('YYYY-MM-DD'))) return false;
  const minute = local.hours() * 60 + local.minutes();
  return hours.week[DAYS[local.day()]!].some(([s, e]) => minute >= s && minute < e);
}

/** The next time (epoch ms) the office opens after `at`, within 60 days; undefined when it never does. */
export function nextOpening(hours: OfficeHours, at: number): number | undefined {
  const start = moment.tz(at, ZONE);
  for (let offset = 0; offset < 60; offset++) {
    const day = start.clone().startOf('day').add(offset, 'days');
    if (hours.closedDates.has(day.format('YYYY-MM-DD'))) continue;
    const ranges = [...hours.week[DAYS[day.day()]!]].sort((a, b) => a[0] - b[0]);
    for (const [s] of ranges) {
      const opening = day.clone().add(s, 'minutes').valueOf();
      if (opening > at) return opening;
    }
  }
  return undefined;
}

/** Local (Africa/Casablanca) weekday index 0–6 (Sunday first) and HH:MM of `at`, for messages. */
export function localTime(at: number): { weekday: number; time: string; date: string } {
  const local = moment.tz(at, ZONE);
  return { weekday: local.day(), time: local.format('HH:mm'), date: local.format('YYYY-MM-DD') };
}
