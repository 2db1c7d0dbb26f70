import type { Language } from '../i18n/languages.js';

/**
 * Life of a booking: `booked` → `cancelled` (by the person or staff) | `moved` (replaced by another booking)
 * | `attended` | `no_show` (marked by staff).
 */
export type BookingStatus = 'booked' | 'cancelled' | 'moved' | 'attended' | 'no_show';
/** Statuses staff may set through the console. */
export const STAFF_STATUSES = ['attended', 'no_show', 'cancelled'] as const;
/** One of {@link STAFF_STATUSES}. */
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** Reminder kinds, in the order they are sent. */
export const REMINDER_KINDS = ['dayBefore', 'morning'] as const;
/** One of {@link REMINDER_KINDS}. */
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Optional answers given before the appointment (each may be skipped); erased by "delete my data". */
export interface PreRegistration {
  adults?: number;
  children?: number;
  /** Whether the person holds a valid passport, another identity document, or none. */
  document?: 'passport' | 'other_id' | 'none';
  /** Urgent medical needs, as the person said them (yes/no). */
  urgentMedical?: boolean;
}

/** How to reach the person again on their channel (reminders, staff cancellations). */
export interface BookingContact {
  readonly channel: string;
  /** The channel's user id (WhatsApp wa_id, web chat user id). */
  readonly userId: string;
  readonly conversationId: string;
  readonly lang: Language;
}

/** One booking as stored. Personal fields are absent once anonymised. */
export interface BookingRecord {
  /** Short reference code shown to the person and staff. */
  readonly ref: string;
  readonly pointId: string;
  /** Local date and time at the point. */
  readonly date: string;
  readonly time: string;
  /** `<pointId>/<date>/<time>`: the seat counter this booking uses. */
  readonly slot: string;
  readonly startMs: number;
  status: BookingStatus;
  /** Pseudonymous id of the person (a hash of channel and user id); empty once anonymised. */
  personKey: string;
  contact?: BookingContact;
  firstName?: string;
  /** ISO 3166 alpha-2, or `other`. */
  nationality?: string;
  /** E.164 phone number. */
  phone?: string;
  preRegistration?: PreRegistration;
  readonly createdAt: number;
  updatedAt: number;
  /** The booking that replaced this one (status `moved`). */
  movedTo?: string;
  anonymised?: boolean;
}

/** How the appointment store knows a person: pseudonymous key, channel user id, and phone in E.164 when it is one. */
export interface PersonIds {
  readonly personKey: string;
  readonly userId: string;
  readonly phone?: string;
}

/** A request to hold one seat of a slot while the person confirms. */
export interface HoldRequest {
  readonly personKey: string;
  /** `<pointId>/<date>/<time>`. */
  readonly slot: string;
  readonly holdId: string;
  /** Seats of the slot. */
  readonly capacity: number;
  readonly now: number;
  /** Epoch ms when the hold lapses by itself. */
  readonly expiresAt: number;
}

/** Whether a seat is held now (`full`: every seat is booked or held by someone else). */
export type HoldOutcome = { readonly status: 'held' } | { readonly status: 'full' };

/** A request to turn a hold into a booking. */
export interface ConfirmRequest {
  readonly holdId: string;
  readonly capacity: number;
  readonly booking: BookingRecord;
  readonly now: number;
  /** Upcoming bookings a person may have at once. */
  readonly maxUpcoming: number;
  /** Ref of the booking this one replaces (a move): freed only once the new seat is taken, in the same step. */
  readonly replaces?: string;
  /** Reminders to schedule: kind and epoch ms. */
  readonly reminders: ReadonlyArray<{ readonly kind: ReminderKind; readonly at: number }>;
  /** How long a confirmed hold id keeps answering with its booking (idempotent confirm), in ms. */
  readonly idempotencyTtlMs: number;
}

/** What confirming did. */
export type ConfirmOutcome =
  /** `repeated`: this hold was already confirmed; the same booking is returned. */
  | { readonly status: 'booked'; readonly ref: string; readonly repeated: boolean }
  /** The hold lapsed and the seat went to someone else. */
  | { readonly status: 'full' }
  /** The person already has `maxUpcoming` upcoming bookings. */
  | { readonly status: 'limit' }
  /** The reference code is taken: try again with another. */
  | { readonly status: 'collision' }
  /** The booking to replace is not this person's upcoming booking any more. */
  | { readonly status: 'not_movable' };

/** Seats of one slot: booked, and held by people still confirming. */
export interface SlotCount {
  readonly booked: number;
  readonly held: number;
}

/** A reminder due to be sent (leased to the caller for a while; acknowledge it once sent). */
export interface DueReminder {
  readonly ref: string;
  readonly kind: ReminderKind;
}

/**
 * Appointments: seats, holds, bookings and reminders. Every change is atomic (one Lua script on Redis, one
 * synchronous step in memory), so capacity is never exceeded whatever the number of users and instances.
 */
export interface AppointmentStore {
  /** Holds a seat for a person, replacing any hold they had; `full` when no seat is free. */
  hold(request: HoldRequest): Promise<HoldOutcome>;
  /** Releases the person's hold (only if it is `holdId`, when given). */
  releaseHold(personKey: string, now: number, holdId?: string): Promise<void>;
  /** Books the held seat (or a free seat of the same slot when the hold lapsed); idempotent per hold id. */
  confirm(request: ConfirmRequest): Promise<ConfirmOutcome>;
  /**
   * Sets a booking's status. Leaving `booked` frees the seat (cancelled) and drops its reminders.
   * Returns the previous status, or undefined when no such booking exists.
   */
  setStatus(ref: string, status: Exclude<BookingStatus, 'moved'>, now: number): Promise<BookingStatus | undefined>;
  get(ref: string): Promise<BookingRecord | undefined>;
  /** The person's bookings, oldest first. */
  ofPerson(personKey: string): Promise<BookingRecord[]>;
  /** Bookings starting in [fromMs, toMs), by start time, optionally of one point. */
  between(fromMs: number, toMs: number, pointId?: string): Promise<BookingRecord[]>;
  /** Booked and held seats of each slot, in order. */
  counts(slots: readonly string[], now: number): Promise<SlotCount[]>;
  /**
   * "Delete my data": cancels the person's upcoming bookings, strips every personal field (name, phone,
   * nationality, contact, pre-registration) from all of them, and releases their hold. Returns how many
   * bookings were touched. Dated statuses stay for the no-show statistics, with no link to the person.
   */
  anonymisePerson(personKey: string, now: number): Promise<number>;
  /**
   * A WhatsApp number change: the person's bookings (reminders follow their booking) and hold move to
   * `to.personKey`; each booking's contact now names `to.userId`, and a phone equal to `from.phone` becomes
   * `to.phone` (dropped when there is none). Idempotent; returns how many bookings moved.
   */
  movePerson(from: PersonIds, to: PersonIds, now: number): Promise<number>;
  /** Deletes bookings that started before `beforeMs` (their configured lifetime is over); returns how many. */
  purge(beforeMs: number): Promise<number>;
  /**
   * Takes up to `limit` reminders due at `now` for booked appointments, leasing each for `leaseMs` so another
   * worker does not take it too; reminders of cancelled or moved bookings are dropped.
   */
  takeDueReminders(now: number, leaseMs: number, limit: number): Promise<DueReminder[]>;
  /** Marks a reminder sent (it is never taken again). */
  ackReminder(reminder: DueReminder): Promise<void>;
  /** Reminders still scheduled for a booking (for tests and staff), kind and epoch ms. */
  remindersOf(ref: string): Promise<Array<{ kind: ReminderKind; at: number }>>;
}
