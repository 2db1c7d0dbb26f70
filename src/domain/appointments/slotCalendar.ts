import { WEEKDAYS, clockOf, minutesOf, type OrientationPoint } from './orientationPoints.js';
import { addDays, localToUtc, utcToLocal, isoWeekdayOf } from './timeZones.js';

/** One bookable time at a point: local date and time, and the instant. */
export interface Slot {
  readonly pointId: string;
  /** Local calendar date at the point, YYYY-MM-DD. */
  readonly date: string;
  /** Local start time at the point, HH:MM. */
  readonly time: string;
  /** Start instant, epoch ms (computed with moment-timezone). */
  readonly startMs: number;
}

/** Store key of a slot: `<pointId>/<date>/<time>`. */
export function slotId(slot: Pick<Slot, 'pointId' | 'date' | 'time'>): string {
  return `${slot.pointId}/${slot.date}/${slot.time}`;
}

/** Local start times ("HH:MM") of a point's slots on `date`, none on closed dates and closed weekdays. */
export function slotTimesOn(point: OrientationPoint, date: string): string[] {
  if (point.closedDates.includes(date)) return [];
  const weekday = WEEKDAYS[isoWeekdayOf(date) - 1];
  const ranges = weekday ? (point.weeklyHours[weekday] ?? []) : [];
  const times: string[] = [];
  for (const range of ranges) {
    const [from = '', to = ''] = range.split('-');
    for (let m = minutesOf(from); m + point.slotMinutes <= minutesOf(to); m += point.slotMinutes) times.push(clockOf(m));
  }
  return [...new Set(times)].sort();
}

/** The slot of `point` at local `date` `time`, when it is one of its slot times. */
export function slotAt(point: OrientationPoint, date: string, time: string): Slot | undefined {
  if (!slotTimesOn(point, date).includes(time)) return undefined;
  return { pointId: point.id, date, time, startMs: localToUtc(date, time, point.timeZone) };
}

/** Bookable dates from tomorrow (local time at the point) to `bookAheadDays` ahead, with at least one slot. */
export function bookableDates(point: OrientationPoint, nowMs: number): string[] {
  const today = utcToLocal(nowMs, point.timeZone).date;
  const dates: string[] = [];
  for (let i = 1; i <= point.bookAheadDays; i += 1) {
    const date = addDays(today, i);
    if (slotTimesOn(point, date).length > 0) dates.push(date);
  }
  return dates;
}

/** Whether `date` is within the booking window of `point` (tomorrow … bookAheadDays). */
export function isBookableDate(point: OrientationPoint, date: string, nowMs: number): boolean {
  return bookableDates(point, nowMs).includes(date);
}
