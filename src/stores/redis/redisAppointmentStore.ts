import type { RedisClient } from './redisConnection.js';
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
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/** Return codes of confirmBooking-9.lua. */
const CONFIRM_CODES: Readonly<Record<number, ConfirmOutcome>> = {
  [-1]: { status: 'full' },
  [-2]: { status: 'limit' },
  [-3]: { status: 'collision' },
  [-4]: { status: 'not_movable' },
};

/** {@link AppointmentStore} on Redis: each change is one Lua script over keys sharing the `{appt}` hash tag. */
export class RedisAppointmentStore implements AppointmentStore {
  private readonly scripts;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = {
      hold: defineLuaScript(client, 'holdSeat-4.lua'),
      release: defineLuaScript(client, 'releaseHold-3.lua'),
      confirm: defineLuaScript(client, 'confirmBooking-9.lua'),
      status: defineLuaScript(client, 'setBookingStatus-3.lua'),
      anonymise: defineLuaScript(client, 'anonymisePerson-7.lua'),
      move: defineLuaScript(client, 'moveAppointmentPerson-4.lua'),
      counts: defineLuaScript(client, 'slotCounts-4.lua'),
      take: defineLuaScript(client, 'takeDueReminders-2.lua'),
      purge: defineLuaScript(client, 'purgeBookings-4.lua'),
    };
  }

  private holdKeys(): string[] {
    const k = this.keys;
    return [k.apptHolds(), k.apptHoldInfo(), k.apptHeldCount()];
  }

  async hold(r: HoldRequest): Promise<HoldOutcome> {
    const code = await runLuaScript<number>(this.client, this.scripts.hold, [...this.holdKeys(), this.keys.apptBookedCount()], [
      r.now, r.personKey, r.slot, r.holdId, r.capacity, r.expiresAt,
    ]);
    return code === 1 ? { status: 'held' } : { status: 'full' };
  }

  async releaseHold(personKey: string, now: number, holdId?: string): Promise<void> {
    await runLuaScript(this.client, this.scripts.release, this.holdKeys(), [now, personKey, holdId ?? '']);
  }

  async confirm(r: ConfirmRequest): Promise<ConfirmOutcome> {
    const k = this.keys;
    const b = r.booking;
    const result = await runLuaScript<string | number | string[]>(
      this.client,
      this.scripts.confirm,
      [...this.holdKeys(), k.apptBookedCount(), k.apptBookings(), k.apptPersonRefs(), k.apptByTime(), k.apptReminders(), k.apptConfirmed(r.holdId)],
      [
        r.now, b.personKey, r.holdId, b.slot, r.capacity, b.ref, JSON.stringify(b), b.startMs, r.maxUpcoming, r.replaces ?? '',
        r.idempotencyTtlMs, ...r.reminders.flatMap((m) => [m.kind, m.at]),
      ],
    );
    if (typeof result === 'string') return { status: 'booked', ref: result, repeated: false };
    if (Array.isArray(result)) return { status: 'booked', ref: String(result[0]), repeated: true };
    const outcome = CONFIRM_CODES[result];
    if (!outcome) throw new Error(`confirmBooking returned unknown code ${result}`);
    return outcome;
  }

  async setStatus(ref: string, status: Exclude<BookingStatus, 'moved'>, now: number): Promise<BookingStatus | undefined> {
    const k = this.keys;
    const previous = await runLuaScript<string | null>(this.client, this.scripts.status, [k.apptBookings(), k.apptBookedCount(), k.apptReminders()], [ref, status, now]);
    return previous ? (previous as BookingStatus) : undefined;
  }

  async get(ref: string): Promise<BookingRecord | undefined> {
    const raw = await this.client.hget(this.keys.apptBookings(), ref);
    return raw ? parse(raw) : undefined;
  }

  async ofPerson(personKey: string): Promise<BookingRecord[]> {
    const refs = ((await this.client.hget(this.keys.apptPersonRefs(), personKey)) ?? '').split(' ').filter(Boolean);
    return (await this.many(refs)).sort((a, b) => a.startMs - b.startMs || (a.ref < b.ref ? -1 : 1));
  }

  async between(fromMs: number, toMs: number, pointId?: string): Promise<BookingRecord[]> {
    const refs = await this.client.zrangebyscore(this.keys.apptByTime(), fromMs, `(${toMs}`);
    return (await this.many(refs)).filter((b) => pointId === undefined || b.pointId === pointId);
  }

  async counts(slots: readonly string[], now: number): Promise<SlotCount[]> {
    if (slots.length === 0) return [];
    const flat = await runLuaScript<number[]>(this.client, this.scripts.counts, [...this.holdKeys(), this.keys.apptBookedCount()], [now, ...slots]);
    return slots.map((_, i) => ({ booked: Number(flat[2 * i]), held: Number(flat[2 * i + 1]) }));
  }

  async anonymisePerson(personKey: string, now: number): Promise<number> {
    const k = this.keys;
    return runLuaScript<number>(
      this.client,
      this.scripts.anonymise,
      [...this.holdKeys(), k.apptBookedCount(), k.apptBookings(), k.apptPersonRefs(), k.apptReminders()],
      [now, personKey],
    );
  }

  async movePerson(from: PersonIds, to: PersonIds, now: number): Promise<number> {
    const k = this.keys;
    return runLuaScript<number>(
      this.client,
      this.scripts.move,
      [k.apptHolds(), k.apptHoldInfo(), k.apptBookings(), k.apptPersonRefs()],
      [from.personKey, to.personKey, from.userId, to.userId, from.phone ?? '', to.phone ?? '', now],
    );
  }

  async purge(beforeMs: number): Promise<number> {
    const k = this.keys;
    return runLuaScript<number>(this.client, this.scripts.purge, [k.apptBookings(), k.apptByTime(), k.apptPersonRefs(), k.apptReminders()], [beforeMs]);
  }

  async takeDueReminders(now: number, leaseMs: number, limit: number): Promise<DueReminder[]> {
    const members = await runLuaScript<string[]>(this.client, this.scripts.take, [this.keys.apptReminders(), this.keys.apptBookings()], [now, leaseMs, limit]);
    return members.map((m) => {
      const [ref = '', kind = ''] = m.split('|');
      return { ref, kind: kind as ReminderKind };
    });
  }

  async ackReminder(reminder: DueReminder): Promise<void> {
    await this.client.zrem(this.keys.apptReminders(), `${reminder.ref}|${reminder.kind}`);
  }

  async remindersOf(ref: string): Promise<Array<{ kind: ReminderKind; at: number }>> {
    const scores = await Promise.all(REMINDER_KINDS.map((kind) => this.client.zscore(this.keys.apptReminders(), `${ref}|${kind}`)));
    return REMINDER_KINDS.flatMap((kind, i) => (scores[i] === null || scores[i] === undefined ? [] : [{ kind, at: Number(scores[i]) }]));
  }

  private async many(refs: string[]): Promise<BookingRecord[]> {
    if (refs.length === 0) return [];
    const raws = await this.client.hmget(this.keys.apptBookings(), ...refs);
    return raws.filter((r): r is string => r !== null).map(parse);
  }
}

function parse(raw: string): BookingRecord {
  return JSON.parse(raw) as BookingRecord;
}
