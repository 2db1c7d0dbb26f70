import { randomUUID } from 'node:crypto';
import type { AppointmentStore, BookingContact, BookingRecord, PreRegistration, ReminderKind } from '../../stores/appointmentStore.js';

export type { BookingContact, BookingRecord, PreRegistration, ReminderKind } from '../../stores/appointmentStore.js';
import type { BookingDraftStore, DraftDetails } from '../../stores/bookingDraftStore.js';
import { MemoryBookingDrafts } from '../../stores/memory/memoryBookingDrafts.js';
export type { DraftDetails } from '../../stores/bookingDraftStore.js';
import type { OrientationPoint } from './orientationPoints.js';
import type { OrientationPoints } from './orientationPointsStore.js';
import { personKeyOf } from './personKey.js';
import { phoneFromWhatsAppId } from './phoneNumber.js';
import { newReferenceCode } from './referenceCode.js';
import { bookableDates, slotAt, slotId, slotTimesOn, type Slot } from './slotCalendar.js';
import { addDays, localToUtc, utcToLocal } from './timeZones.js';

/** Dependencies of {@link AppointmentService}. */
export interface AppointmentServiceDeps {
  readonly store: AppointmentStore;
  readonly points: OrientationPoints;
  /** Epoch ms; injectable so tests control time. */
  readonly now?: () => number;
  /** Reference code generator, default {@link newReferenceCode}. */
  readonly newRef?: () => string;
  /** Answers of unconfirmed bookings, expiring with the hold; default in memory (one instance). */
  readonly drafts?: BookingDraftStore;
}

/** What the person gives in the booking dialog. */
export interface BookingDetails {
  readonly firstName: string;
  readonly nationality: string;
  readonly phone?: string;
  readonly contact: BookingContact;
  readonly preRegistration?: PreRegistration;
}

/** A held seat, to confirm before `expiresAt`. */
export interface HeldSeat {
  readonly holdId: string;
  readonly slot: Slot;
  readonly expiresAt: number;
}

/** Result of {@link AppointmentService.hold}. */
export type HoldResult =
  | { readonly status: 'held'; readonly seat: HeldSeat }
  /** Just taken by someone else: other free times of that day (or the next days' first ones). */
  | { readonly status: 'taken'; readonly alternatives: Slot[] }
  /** Not a slot of this point (closed day, outside hours, past or too far ahead). */
  | { readonly status: 'invalid' };

/** Result of {@link AppointmentService.confirm}. */
export type BookResult =
  | { readonly status: 'booked'; readonly booking: BookingRecord; readonly repeated: boolean }
  | { readonly status: 'taken'; readonly alternatives: Slot[] }
  | { readonly status: 'limit'; readonly upcoming: BookingRecord[] }
  | { readonly status: 'not_movable' };

/** Attempts at a fresh reference code before giving up (23^6 codes make even one retry rare). */
const REF_ATTEMPTS = 5;

/**
 * The booking rules over the configured points and the atomic store: which days and times are free, holding a
 * seat while the person confirms, booking (once), moving, cancelling, reminders and "delete my data".
 */
export class AppointmentService {
  private readonly now: () => number;
  private readonly newRef: () => string;
  private readonly drafts: BookingDraftStore;

  constructor(private readonly deps: AppointmentServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.newRef = deps.newRef ?? (() => newReferenceCode());
    this.drafts = deps.drafts ?? new MemoryBookingDrafts(this.now);
  }

  /**
   * Keeps a person's answers to an unconfirmed booking until `expiresAt` (the hold's expiry, or `holdMinutes` from
   * now when no seat is held), out of the conversation state, so they go when the hold does.
   */
  async keepDraft(personKey: string, details: DraftDetails, expiresAt?: number): Promise<void> {
    await this.drafts.keep(personKey, details, expiresAt ?? this.now() + this.settings().holdMinutes * 60_000);
  }

  /** The person's answers to an unconfirmed booking, unless they expired with the hold or were forgotten. */
  async draft(personKey: string): Promise<DraftDetails | undefined> {
    return this.drafts.get(personKey);
  }

  /** Erases the person's answers to an unconfirmed booking (the flow was left or the booking confirmed). */
  async forgetDraft(personKey: string): Promise<void> {
    await this.drafts.forget(personKey);
  }

  /** The configured points, in file order. */
  points(): readonly OrientationPoint[] {
    return this.deps.points.current().points;
  }

  point(id: string): OrientationPoint | undefined {
    return this.deps.points.point(id);
  }

  /** Today's local date at a point ("YYYY-MM-DD"), for typed answers such as "demain". */
  today(pointId: string): string {
    const point = this.point(pointId);
    return utcToLocal(this.now(), point?.timeZone ?? 'UTC').date;
  }

  /** Current shared settings (hold time, retention, reminders, what to bring). */
  settings() {
    return this.deps.points.current().settings;
  }

  /** The next bookable dates of a point that still have a free seat, at most `limit`. */
  async freeDays(pointId: string, limit = 7): Promise<string[]> {
    const point = this.point(pointId);
    if (!point) return [];
    const days: string[] = [];
    for (const date of bookableDates(point, this.now())) {
      if ((await this.freeTimes(pointId, date)).length > 0) days.push(date);
      if (days.length >= limit) break;
    }
    return days;
  }

  /** Slots of a point on a date with a seat neither booked nor held, not yet started. */
  async freeTimes(pointId: string, date: string): Promise<Slot[]> {
    const point = this.point(pointId);
    if (!point || !bookableDates(point, this.now()).includes(date)) return [];
    const slots = slotTimesOn(point, date).map((time) => ({ pointId, date, time, startMs: localToUtc(date, time, point.timeZone) }));
    const counts = await this.deps.store.counts(slots.map(slotId), this.now());
    return slots.filter((s, i) => s.startMs > this.now() && (counts[i]?.booked ?? 0) + (counts[i]?.held ?? 0) < point.seatsPerSlot);
  }

  /** Holds a seat for `personKey` (releasing any other hold they had) for the configured minutes. */
  async hold(personKey: string, pointId: string, date: string, time: string): Promise<HoldResult> {
    const point = this.point(pointId);
    const slot = point ? slotAt(point, date, time) : undefined;
    if (!point || !slot || !bookableDates(point, this.now()).includes(date)) return { status: 'invalid' };
    const now = this.now();
    const holdId = randomUUID();
    const expiresAt = now + this.settings().holdMinutes * 60_000;
    const outcome = await this.deps.store.hold({ personKey, slot: slotId(slot), holdId, capacity: point.seatsPerSlot, now, expiresAt });
    if (outcome.status === 'held') return { status: 'held', seat: { holdId, slot, expiresAt } };
    return { status: 'taken', alternatives: await this.alternatives(pointId, date) };
  }

  /** Lets a held seat go (the person went back or left). */
  async release(personKey: string, holdId?: string): Promise<void> {
    await this.deps.store.releaseHold(personKey, this.now(), holdId);
  }

  /**
   * Books the held seat. Confirming the same hold again returns the same booking. With `replaces`, this is a
   * move: the old booking is freed in the same atomic step, only if the new seat is taken.
   */
  async confirm(personKey: string, seat: HeldSeat, details: BookingDetails, replaces?: string): Promise<BookResult> {
    const point = this.point(seat.slot.pointId);
    if (!point) return { status: 'taken', alternatives: [] };
    const settings = this.settings();
    const now = this.now();
    for (let attempt = 0; attempt < REF_ATTEMPTS; attempt += 1) {
      const booking: BookingRecord = {
        ref: this.newRef(),
        pointId: point.id,
        date: seat.slot.date,
        time: seat.slot.time,
        slot: slotId(seat.slot),
        startMs: seat.slot.startMs,
        status: 'booked',
        personKey,
        contact: details.contact,
        firstName: details.firstName,
        nationality: details.nationality,
        ...(details.phone ? { phone: details.phone } : {}),
        ...(details.preRegistration && Object.keys(details.preRegistration).length > 0 ? { preRegistration: details.preRegistration } : {}),
        createdAt: now,
        updatedAt: now,
      };
      const outcome = await this.deps.store.confirm({
        holdId: seat.holdId,
        capacity: point.seatsPerSlot,
        booking,
        now,
        maxUpcoming: settings.maxUpcomingPerPerson,
        ...(replaces ? { replaces } : {}),
        reminders: this.remindersFor(point, seat.slot, now),
        idempotencyTtlMs: 24 * 3600_000,
      });
      switch (outcome.status) {
        case 'booked': {
          const stored = await this.deps.store.get(outcome.ref);
          return { status: 'booked', booking: stored ?? booking, repeated: outcome.repeated };
        }
        case 'collision':
          continue;
        case 'full':
          return { status: 'taken', alternatives: await this.alternatives(point.id, seat.slot.date) };
        case 'limit':
          return { status: 'limit', upcoming: await this.upcoming(personKey) };
        case 'not_movable':
          return { status: 'not_movable' };
      }
    }
    throw new Error(`no free reference code after ${REF_ATTEMPTS} attempts`);
  }

  /** The person's booked appointments that have not started yet, soonest first. */
  async upcoming(personKey: string): Promise<BookingRecord[]> {
    const now = this.now();
    return (await this.deps.store.ofPerson(personKey)).filter((b) => b.status === 'booked' && b.startMs > now);
  }

  /**
   * The pre-registration answers of the person's next appointment, for a later handoff: urgent medical needs or
   * children travelling should raise its priority, and staff see the answers with the booking.
   */
  async preRegistrationOf(personKey: string): Promise<PreRegistration | undefined> {
    return (await this.upcoming(personKey))[0]?.preRegistration;
  }

  /** Cancels the person's own upcoming booking; false when it is not theirs or no longer upcoming. */
  async cancel(personKey: string, ref: string): Promise<boolean> {
    const booking = await this.deps.store.get(ref);
    if (!booking || booking.personKey !== personKey || booking.status !== 'booked' || booking.startMs <= this.now()) return false;
    return (await this.deps.store.setStatus(ref, 'cancelled', this.now())) === 'booked';
  }

  /**
   * "Delete my data": cancels and anonymises every booking of the person, erases the pre-registration answers and
   * the answers of a booking not yet confirmed.
   */
  async eraseMyData(personKey: string): Promise<number> {
    await this.drafts.forget(personKey);
    return this.deps.store.anonymisePerson(personKey, this.now());
  }

  /**
   * A number change: the person's bookings and hold follow them to their new id, so reminders reach the new
   * number; a booking phone that was the old WhatsApp number becomes the new one.
   */
  async moveUser(channel: string, oldUserId: string, newUserId: string): Promise<number> {
    const ids = (userId: string) => {
      const phone = channel === 'whatsapp' ? phoneFromWhatsAppId(userId) : undefined;
      return { personKey: personKeyOf(channel, userId), userId, ...(phone ? { phone } : {}) };
    };
    return this.deps.store.movePerson(ids(oldUserId), ids(newUserId), this.now());
  }

  /** Deletes bookings older than the configured lifetime (`retentionDays` after their date). */
  async purgeExpired(): Promise<number> {
    return this.deps.store.purge(this.now() - this.settings().retentionDays * 24 * 3600_000);
  }

  /** Reminder times of a slot under the current settings, skipping those already past or after the start. */
  remindersFor(point: OrientationPoint, slot: Slot, now: number): Array<{ kind: ReminderKind; at: number }> {
    const { dayBefore, morning } = this.settings().reminders;
    const out: Array<{ kind: ReminderKind; at: number }> = [];
    if (dayBefore.enabled) out.push({ kind: 'dayBefore', at: localToUtc(addDays(slot.date, -1), dayBefore.at, point.timeZone) });
    if (morning.enabled) out.push({ kind: 'morning', at: localToUtc(slot.date, morning.at, point.timeZone) });
    return out.filter((r) => r.at > now && r.at < slot.startMs);
  }

  /** Other free times the same day, else the first free times of the next free days. */
  private async alternatives(pointId: string, date: string): Promise<Slot[]> {
    const sameDay = await this.freeTimes(pointId, date);
    if (sameDay.length > 0) return sameDay.slice(0, 6);
    const out: Slot[] = [];
    for (const day of await this.freeDays(pointId, 3)) out.push(...(await this.freeTimes(pointId, day)).slice(0, 2));
    return out.slice(0, 6);
  }
}
