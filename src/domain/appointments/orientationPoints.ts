import { z } from 'zod';

/** Weekdays as written in the file, Monday first (ISO order: index + 1 is the ISO weekday). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** One weekday key of {@link WEEKDAYS}. */
export type Weekday = (typeof WEEKDAYS)[number];

const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
const dateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD' });
const perLanguage = z.strictObject({
  fr: z.string().trim().min(1),
  en: z.string().trim().min(1),
  ar: z.string().trim().min(1),
});

/** "HH:MM-HH:MM", the end after the start. */
export const OpeningRange = z
  .string()
  .refine((v) => {
    const [from, to] = v.split('-');
    return from !== undefined && to !== undefined && clock.test(from) && clock.test(to) && from < to;
  }, { error: 'must be a time range "HH:MM-HH:MM" ending after it starts, e.g. "09:00-12:00"' });

/** One orientation point as configured by staff. */
export const OrientationPoint = z.strictObject({
  /** Stable id, used in button values (`book:point:<id>`) and the staff API. */
  id: z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, { error: 'must be lower-case letters, digits or "-" (2 to 31), starting with a letter' }),
  name: perLanguage,
  /** Typed words that select this point, lower case ("casa"). */
  aliases: z.array(z.string().trim().min(2)).default([]),
  /** Postal address per language; absent: the confirmation says the team will give it. */
  address: perLanguage.optional(),
  /** IANA time zone (checked against moment-timezone's data). */
  timeZone: z.string().min(3),
  weeklyHours: z.partialRecord(z.enum(WEEKDAYS), z.array(OpeningRange)),
  /** Length of one slot in minutes (5 to 240). */
  slotMinutes: z.number().int().min(5).max(240),
  /** People booked at the same time (1 to 50). */
  seatsPerSlot: z.number().int().min(1).max(50),
  /** Days ahead people may book, today excluded (1 to 90). */
  bookAheadDays: z.number().int().min(1).max(90),
  /** Days without appointments (YYYY-MM-DD). */
  closedDates: z.array(dateText).default([]),
});
/** One orientation point, validated. */
export type OrientationPoint = z.infer<typeof OrientationPoint>;

const reminder = z.strictObject({
  enabled: z.boolean(),
  /** Local time of the point, "HH:MM". */
  at: z.string().regex(clock, { error: 'must be a time "HH:MM"' }),
});

/** Settings shared by every point. */
export const BookingSettings = z.strictObject({
  /** True while the hours are the shipped placeholders (start-up and content:check warn). */
  placeholderHours: z.boolean(),
  /** Minutes a chosen time is held while the person confirms, default 10. */
  holdMinutes: z.number().int().min(1).max(60).default(10),
  /** Upcoming appointments per person, default 1. */
  maxUpcomingPerPerson: z.number().int().min(1).max(10).default(1),
  /** Days a booking record is kept after its date, default 90. */
  retentionDays: z.number().int().min(1).max(3650).default(90),
  reminders: z.strictObject({
    /** The day before, at `at` (local time of the point). */
    dayBefore: reminder,
    /** The morning of the appointment, at `at` (skipped when the appointment is earlier). */
    morning: reminder,
  }),
  /** What to bring, shown in the confirmation, per language. */
  whatToBring: perLanguage,
});
/** Settings shared by every point, validated. */
export type BookingSettings = z.infer<typeof BookingSettings>;

/** The whole `orientation-points.yaml`. */
export const OrientationPointsFile = z.strictObject({
  settings: BookingSettings,
  points: z.array(OrientationPoint).min(1, { error: 'needs at least one point' }),
});
/** The validated `orientation-points.yaml`. */
export type OrientationPointsConfig = z.infer<typeof OrientationPointsFile>;

/** Default file name, inside the locales folder (ORIENTATION_POINTS_FILE overrides the path). */
export const ORIENTATION_POINTS_FILE = 'orientation-points.yaml';

/** Parses "HH:MM" into minutes since midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Formats minutes since midnight as "HH:MM". */
export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
