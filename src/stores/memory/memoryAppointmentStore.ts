import {
  REMINDER_KINDS,
  type AppointmentStore,
  type BookingRecord,
  type BookingStatus,
  type ConfirmOutcome,
  type ConfirmRequest,
  type DueReminder,
  type HoldOutcome,
  type HoldRequest,
  type PersonIds,
  type ReminderKind,
  type SlotCount,
} from '../appointmentStore.js';

interface Hold {
  readonly slot: string;
  readonly holdId: string;
  readonly expiresAt: number;
}

/**
 * The embedded {@link AppointmentStore}: the same rules as the Redis scripts, each method one synchronous
 * step (no await in between), so it is atomic within the process. Data is lost on restart.
 */
export class MemoryAppointmentStore implements AppointmentStore {
  private readonly holds = new Map<string, Hold>();
  private readonly booked = new Map<string, number>();
  private readonly bookings = new Map<string, BookingRecord>();
  private readonly confirmed = new Map<string, { ref: string; until: number }>();
  private readonly reminders = new Map<string, number>();

  async hold(r: HoldRequest): Promise<HoldOutcome> {
    this.purgeHolds(r.now);
    const mine = this.holds.get(r.personKey);
    if (mine && mine.slot === r.slot) {
      this.holds.set(r.personKey, { slot: r.slot, holdId: r.holdId, expiresAt: r.expiresAt });
      return { status: 'held' };
    }
    const taken = (this.booked.get(r.slot) ?? 0) + this.heldCount(r.slot);
    if (taken >= r.capacity) return { status: 'full' };
    this.holds.set(r.personKey, { slot: r.slot, holdId: r.holdId, expiresAt: r.expiresAt });
    return { status: 'held' };
  }

  async releaseHold(personKey: string, now: number, holdId?: string): Promise<void> {
    this.purgeHolds(now);
    const mine = this.holds.get(personKey);
    if (mine && (holdId === undefined || mine.holdId === holdId)) this.holds.delete(personKey);
  }

  async confirm(r: ConfirmRequest): Promise<ConfirmOutcome> {
    this.purgeHolds(r.now);
    const b = r.booking;
    const done = this.confirmed.get(r.holdId);
    if (done && done.until > r.now) return { status: 'booked', ref: done.ref, repeated: true };
    if (this.bookings.has(b.ref)) return { status: 'collision' };
    const replaced = r.replaces ? this.bookings.get(r.replaces) : undefined;
    if (r.replaces && (!replaced || replaced.personKey !== b.personKey || replaced.status !== 'booked' || replaced.startMs <= r.now)) {
      return { status: 'not_movable' };
    }
    const upcoming = [...this.bookings.values()].filter(
      (x) => x.personKey === b.personKey && x.status === 'booked' && x.startMs > r.now && x.ref !== r.replaces,
    ).length;
    if (upcoming >= r.maxUpcoming) return { status: 'limit' };
    const mine = this.holds.get(b.personKey);
    const holding = mine !== undefined && mine.holdId === r.holdId && mine.slot === b.slot;
    if (!holding && (this.booked.get(b.slot) ?? 0) + this.heldCount(b.slot) >= r.capacity) return { status: 'full' };
    if (holding) this.holds.delete(b.personKey);
    this.booked.set(b.slot, (this.booked.get(b.slot) ?? 0) + 1);
    this.bookings.set(b.ref, structuredClone(b));
    if (replaced) {
      replaced.status = 'moved';
      replaced.movedTo = b.ref;
      replaced.updatedAt = r.now;
      this.booked.set(replaced.slot, (this.booked.get(replaced.slot) ?? 1) - 1);
      this.dropReminders(replaced.ref);
    }
    for (const reminder of r.reminders) this.reminders.set(`${b.ref}|${reminder.kind}`, reminder.at);
    this.confirmed.set(r.holdId, { ref: b.ref, until: r.now + r.idempotencyTtlMs });
    return { status: 'booked', ref: b.ref, repeated: false };
  }

  async setStatus(ref: string, status: Exclude<BookingStatus, 'moved'>, now: number): Promise<BookingStatus | undefined> {
    const b = this.bookings.get(ref);
    if (!b) return undefined;
    const previous = b.status;
    if (previous === status) return previous;
    if (previous === 'cancelled' || previous === 'moved') return previous; // a freed seat is never taken back silently
    if (previous === 'booked' && status === 'cancelled') this.booked.set(b.slot, (this.booked.get(b.slot) ?? 1) - 1);
    b.status = status;
    b.updatedAt = now;
    this.dropReminders(ref);
    return previous;
  }

  async get(ref: string): Promise<BookingRecord | undefined> {
    const b = this.bookings.get(ref);
    return b ? structuredClone(b) : undefined;
  }

  async ofPerson(personKey: string): Promise<BookingRecord[]> {
    return [...this.bookings.values()].filter((b) => b.personKey === personKey).sort(byStart).map((b) => structuredClone(b));
  }

  async between(fromMs: number, toMs: number, pointId?: string): Promise<BookingRecord[]> {
    return [...this.bookings.values()]
      .filter((b) => b.startMs >= fromMs && b.startMs < toMs && (pointId === undefined || b.pointId === pointId))
      .sort(byStart)
      .map((b) => structuredClone(b));
  }

  async counts(slots: readonly string[], now: number): Promise<SlotCount[]> {
    this.purgeHolds(now);
    return slots.map((slot) => ({ booked: this.booked.get(slot) ?? 0, held: this.heldCount(slot) }));
  }

  async anonymisePerson(personKey: string, now: number): Promise<number> {
    this.holds.delete(personKey);
    let touched = 0;
    for (const b of this.bookings.values()) {
      if (b.personKey !== personKey) continue;
      if (b.status === 'booked' && b.startMs > now) {
        b.status = 'cancelled';
        this.booked.set(b.slot, (this.booked.get(b.slot) ?? 1) - 1);
      }
      this.dropReminders(b.ref);
      anonymise(b, now);
      touched += 1;
    }
    return touched;
  }

  async movePerson(from: PersonIds, to: PersonIds, now: number): Promise<number> {
    if (from.personKey === to.personKey) return 0;
    const hold = this.holds.get(from.personKey);
    if (hold && !this.holds.has(to.personKey)) this.holds.set(to.personKey, hold);
    this.holds.delete(from.personKey);
    let moved = 0;
    for (const b of this.bookings.values()) {
      if (b.personKey !== from.personKey) continue;
      b.personKey = to.personKey;
      if (b.contact) {
        b.contact = {
          ...b.contact,
          userId: b.contact.userId === from.userId ? to.userId : b.contact.userId,
          conversationId: b.contact.conversationId === from.userId ? to.userId : b.contact.conversationId,
        };
      }
      if (from.phone !== undefined && b.phone === from.phone) {
        if (to.phone !== undefined) b.phone = to.phone;
        else delete b.phone;
      }
      b.updatedAt = now;
      moved += 1;
    }
    return moved;
  }

  async purge(beforeMs: number): Promise<number> {
    let removed = 0;
    for (const [ref, b] of this.bookings) {
      if (b.startMs >= beforeMs) continue;
      this.bookings.delete(ref);
      this.dropReminders(ref);
      removed += 1;
    }
    return removed;
  }

  async takeDueReminders(now: number, leaseMs: number, limit: number): Promise<DueReminder[]> {
    const due = [...this.reminders.entries()].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
    const taken: DueReminder[] = [];
    for (const [member] of due) {
      if (taken.length >= limit) break;
      const [ref = '', kind = ''] = member.split('|');
      if (this.bookings.get(ref)?.status !== 'booked') {
        this.reminders.delete(member);
        continue;
      }
      this.reminders.set(member, now + leaseMs);
      taken.push({ ref, kind: kind as ReminderKind });
    }
    return taken;
  }

  async ackReminder(reminder: DueReminder): Promise<void> {
    this.reminders.delete(`${reminder.ref}|${reminder.kind}`);
  }

  async remindersOf(ref: string): Promise<Array<{ kind: ReminderKind; at: number }>> {
    return REMINDER_KINDS.flatMap((kind) => {
      const at = this.reminders.get(`${ref}|${kind}`);
      return at === undefined ? [] : [{ kind, at }];
    });
  }

  private heldCount(slot: string): number {
    let n = 0;
    for (const h of this.holds.values()) if (h.slot === slot) n += 1;
    return n;
  }

  private purgeHolds(now: number): void {
    for (const [person, h] of this.holds) if (h.expiresAt <= now) this.holds.delete(person);
    for (const [id, c] of this.confirmed) if (c.until <= now) this.confirmed.delete(id);
  }

  private dropReminders(ref: string): void {
    for (const kind of REMINDER_KINDS) this.reminders.delete(`${ref}|${kind}`);
  }
}

function byStart(a: BookingRecord, b: BookingRecord): number {
  return a.startMs - b.startMs || (a.ref < b.ref ? -1 : 1);
}

/** Strips every personal field of a booking (the Redis script does the same). */
function anonymise(b: BookingRecord, now: number): void {
  delete b.contact;
  delete b.firstName;
  delete b.nationality;
  delete b.phone;
  delete b.preRegistration;
  b.personKey = '';
  b.anonymised = true;
  b.updatedAt = now;
}
