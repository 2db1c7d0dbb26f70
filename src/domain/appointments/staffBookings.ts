import moment from 'moment-timezone';
import type { Translator } from '../../i18n/i18n.js';
import type { AppointmentStore, BookingRecord, BookingStatus, StaffStatus } from '../../stores/appointmentStore.js';
import type { AppointmentNotifier } from './appointmentNotifier.js';
import { bookingFacts } from './appointmentMessages.js';
import type { OrientationPoints } from './orientationPointsStore.js';
import { slotId, slotTimesOn } from './slotCalendar.js';
import { addDays, localToUtc } from './timeZones.js';

/** Dependencies of {@link StaffBookings}. */
export interface StaffBookingsDeps {
  readonly store: AppointmentStore;
  readonly points: OrientationPoints;
  readonly translator: Translator;
  /** Tells the person when staff cancel; without it the cancellation is silent. */
  readonly notifier?: AppointmentNotifier;
  /** Epoch ms, default `Date.now`. */
  readonly now?: () => number;
}

/** One slot of a day as staff see it. */
export interface SlotView {
  /** Start instant, ISO 8601 UTC. */
  readonly start: string;
  /** Local start time at the point, HH:MM (so pages need not trust the browser's own time-zone data). */
  readonly time: string;
  readonly seats: number;
  readonly booked: number;
  readonly held: number;
}

/** No-shows of one point in one ISO week (only appointments staff marked attended or no-show count). */
export interface NoShowWeek {
  readonly pointId: string;
  /** ISO week, e.g. `2026-W50`. */
  readonly week: string;
  readonly attended: number;
  readonly noShow: number;
  /** noShow / (attended + noShow), 0 to 1, rounded to 3 decimals; null when nothing was marked. */
  readonly rate: number | null;
}

/** What staff may do with bookings: day lists with pre-registration answers, seats, marks, cancel, exports, no-show rates. */
export class StaffBookings {
  private readonly now: () => number;

  constructor(private readonly deps: StaffBookingsDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The configured points (id and display name per language), in file order, for the staff page. */
  pointList(): Array<{ id: string; name: Record<string, string> }> {
    return this.deps.points.current().points.map((p) => ({ id: p.id, name: { ...p.name } }));
  }

  /** Whether `id` is a configured point. */
  hasPoint(id: string): boolean {
    return this.deps.points.point(id) !== undefined;
  }

  /** Bookings of a point on a local date (every status), by time. */
  async list(pointId: string, date: string): Promise<BookingRecord[]> {
    return this.between(date, date, pointId);
  }

  /** Every slot of a point on a local date, with its seats, booked and held counts. */
  async slots(pointId: string, date: string): Promise<SlotView[]> {
    const point = this.deps.points.point(pointId);
    if (!point) return [];
    const times = slotTimesOn(point, date);
    const counts = await this.deps.store.counts(times.map((time) => slotId({ pointId, date, time })), this.now());
    return times.map((time, i) => ({
      start: new Date(localToUtc(date, time, point.timeZone)).toISOString(),
      time,
      seats: point.seatsPerSlot,
      booked: counts[i]?.booked ?? 0,
      held: counts[i]?.held ?? 0,
    }));
  }

  /**
   * Marks a booking attended / no-show, or cancels it (freeing the seat and telling the person on their channel).
   * Returns the previous status, or undefined when there is no such booking.
   */
  async setStatus(ref: string, status: StaffStatus): Promise<BookingStatus | undefined> {
    const booking = await this.deps.store.get(ref);
    if (!booking) return undefined;
    const previous = await this.deps.store.setStatus(ref, status, this.now());
    if (status === 'cancelled' && previous === 'booked' && booking.contact && this.deps.notifier) {
      const lang = booking.contact.lang;
      const t = this.deps.translator.forLanguage(lang);
      const facts = bookingFacts(booking, this.deps.points.point(booking.pointId), lang);
      await this.deps.notifier.notify(
        booking.contact,
        {
          lang,
          text: t('booking.staffCancelled', facts),
          buttons: [{ title: t('booking.button.book'), value: 'intent.book' }],
          // Outside WhatsApp's 24-hour window: the approved cancellation template (WHATSAPP_CANCELLATION_TEMPLATE).
          templateParams: [facts.date, facts.time, facts.point, facts.ref],
          templateKind: 'cancellation',
        },
        `staff-cancel:${ref}`,
      );
    }
    return previous;
  }

  /** Bookings with local dates in [from, to] (inclusive), optionally of one point, by start. */
  async between(from: string, to: string, pointId?: string): Promise<BookingRecord[]> {
    const zones = this.deps.points.current().points.map((p) => p.timeZone);
    const starts = zones.map((z) => localToUtc(from, '00:00', z));
    const ends = zones.map((z) => localToUtc(addDays(to, 1), '00:00', z));
    const records = await this.deps.store.between(Math.min(...starts) - 86_400_000, Math.max(...ends) + 86_400_000, pointId);
    return records.filter((b) => b.date >= from && b.date <= to);
  }

  /** No-show rate per point and ISO week, over local dates [from, to]. */
  async noShowRates(from: string, to: string, pointId?: string): Promise<NoShowWeek[]> {
    const weeks = new Map<string, { pointId: string; week: string; attended: number; noShow: number }>();
    for (const b of await this.between(from, to, pointId)) {
      const m = moment.utc(b.date, 'YYYY-MM-DD');
      const week = `${m.isoWeekYear()}-W${String(m.isoWeek()).padStart(2, '0')}`;
      const key = `${b.pointId}|${week}`;
      const entry = weeks.get(key) ?? { pointId: b.pointId, week, attended: 0, noShow: 0 };
      if (b.status === 'attended') entry.attended += 1;
      if (b.status === 'no_show') entry.noShow += 1;
      weeks.set(key, entry);
    }
    return [...weeks.values()]
      .sort((a, b) => (a.pointId + a.week < b.pointId + b.week ? -1 : 1))
      .map((w) => ({ ...w, rate: w.attended + w.noShow === 0 ? null : Math.round((w.noShow / (w.attended + w.noShow)) * 1000) / 1000 }));
  }
}
