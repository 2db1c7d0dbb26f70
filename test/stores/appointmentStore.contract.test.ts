import { describe, expect, it } from 'vitest';
import type { AppointmentStore, BookingRecord, ConfirmRequest } from '../../src/stores/appointmentStore.js';
import { MemoryAppointmentStore } from '../../src/stores/memory/memoryAppointmentStore.js';
import { RedisAppointmentStore } from '../../src/stores/redis/redisAppointmentStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../helpers/redisClients.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

/** Two handles on one store (two app instances on one Redis; the same object in memory). */
type Pair = () => [AppointmentStore, AppointmentStore];
const factories: Array<[string, Pair]> = [
  ['memory', () => {
    const store = new MemoryAppointmentStore();
    return [store, store];
  }],
  ...REDIS_TOPOLOGIES.map((topology): [string, Pair] => [topology, () => {
    const keys = redisKeys(uniquePrefix('appt'));
    return [new RedisAppointmentStore(testRedisClient(topology), keys), new RedisAppointmentStore(testRedisClient(topology), keys)];
  }]),
];

const NOW = Date.UTC(2026, 11, 1, 10);
const START = Date.UTC(2026, 11, 10, 9);
const SLOT = 'casablanca/2026-12-10/09:00';
const MIN = 60_000;

function booking(ref: string, person: string, over: Partial<BookingRecord> = {}): BookingRecord {
  return {
    ref, pointId: 'casablanca', date: '2026-12-10', time: '09:00', slot: SLOT, startMs: START, status: 'booked', personKey: person,
    contact: { channel: 'webchat', userId: `u-${person}`, conversationId: `c-${person}`, lang: 'fr' },
    firstName: 'Awa', nationality: 'CI', phone: '+212612345678', preRegistration: { adults: 1, children: 2, document: 'passport', urgentMedical: false },
    createdAt: NOW, updatedAt: NOW, ...over,
  };
}
function confirmOf(b: BookingRecord, holdId: string, over: Partial<ConfirmRequest> = {}): ConfirmRequest {
  return { holdId, capacity: 2, booking: b, now: NOW, maxUpcoming: 1, reminders: [{ kind: 'dayBefore', at: START - 15 * 3600_000 }], idempotencyTtlMs: 3600_000, ...over };
}
const hold = (person: string, holdId: string, capacity = 2, slot = SLOT, now = NOW) => ({ personKey: person, slot, holdId, capacity, now, expiresAt: now + 10 * MIN });

describe.each(factories)('AppointmentStore (%s)', (_name, pair) => {
  it('never gives more seats than the slot has, whatever the number of people and instances', async () => {
    const [a, b] = pair();
    const attempts = Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).hold(hold(`p${i}`, `h${i}`, 5)));
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o.status === 'held')).toHaveLength(5);
    expect(await a.counts([SLOT], NOW)).toEqual([{ booked: 0, held: 5 }]);
  });

  it('lets holds lapse by themselves, freeing the seat', async () => {
    const [s] = pair();
    expect((await s.hold(hold('p1', 'h1', 1))).status).toBe('held');
    expect((await s.hold(hold('p2', 'h2', 1))).status).toBe('full');
    const later = NOW + 11 * MIN;
    expect(await s.counts([SLOT], later)).toEqual([{ booked: 0, held: 0 }]);
    expect((await s.hold(hold('p2', 'h2', 1, SLOT, later))).status).toBe('held');
  });

  it('keeps one hold per person: holding another time releases the first', async () => {
    const [s] = pair();
    const other = 'casablanca/2026-12-10/09:30';
    await s.hold(hold('p1', 'h1'));
    await s.hold(hold('p1', 'h2', 2, other));
    expect(await s.counts([SLOT, other], NOW)).toEqual([{ booked: 0, held: 0 }, { booked: 0, held: 1 }]);
    await s.releaseHold('p1', NOW, 'not-mine');
    expect(await s.counts([other], NOW)).toEqual([{ booked: 0, held: 1 }]);
    await s.releaseHold('p1', NOW);
    expect(await s.counts([other], NOW)).toEqual([{ booked: 0, held: 0 }]);
  });

  it('confirms once: a repeated confirm returns the same booking and takes no second seat', async () => {
    const [a, b] = pair();
    await a.hold(hold('p1', 'h1'));
    const first = await a.confirm(confirmOf(booking('AAAAAA', 'p1'), 'h1'));
    const again = await b.confirm(confirmOf(booking('CCCCCC', 'p1'), 'h1'));
    expect(first).toEqual({ status: 'booked', ref: 'AAAAAA', repeated: false });
    expect(again).toEqual({ status: 'booked', ref: 'AAAAAA', repeated: true });
    expect(await a.counts([SLOT], NOW)).toEqual([{ booked: 1, held: 0 }]);
    expect((await a.get('AAAAAA'))?.firstName).toBe('Awa');
    expect(await a.get('CCCCCC')).toBeUndefined();
  });

  it('books a lapsed hold only when a seat is still free', async () => {
    const [s] = pair();
    const later = NOW + 11 * MIN;
    await s.hold(hold('p1', 'h1', 1));
    expect((await s.confirm(confirmOf(booking('AAAAAA', 'p1'), 'h1', { capacity: 1, now: later }))).status).toBe('booked');
    await s.hold(hold('p2', 'h2', 2));
    await s.hold(hold('p3', 'h3', 2));
    expect((await s.confirm(confirmOf(booking('DDDDDD', 'p2'), 'h2', { now: later }))).status).toBe('booked');
    await s.hold(hold('p4', 'h4', 2, SLOT, later));
    expect(await s.confirm(confirmOf(booking('EEEEEE', 'p3'), 'h3', { now: later }))).toEqual({ status: 'full' });
  });

  it('refuses a second upcoming booking, and a reference already used', async () => {
    const [s] = pair();
    await s.hold(hold('p1', 'h1'));
    await s.confirm(confirmOf(booking('AAAAAA', 'p1'), 'h1'));
    await s.hold(hold('p1', 'h2'));
    expect(await s.confirm(confirmOf(booking('CCCCCC', 'p1'), 'h2'))).toEqual({ status: 'limit' });
    expect((await s.confirm(confirmOf(booking('CCCCCC', 'p1'), 'h2', { maxUpcoming: 2 }))).status).toBe('booked');
    await s.hold(hold('p2', 'h3', 3));
    expect(await s.confirm(confirmOf(booking('AAAAAA', 'p2'), 'h3', { capacity: 3 }))).toEqual({ status: 'collision' });
  });

  it('moves a booking: the old seat is freed in the same step the new one is taken, and its reminders go', async () => {
    const [s] = pair();
    const other = 'casablanca/2026-12-11/10:00';
    await s.hold(hold('p1', 'h1', 1));
    await s.confirm(confirmOf(booking('AAAAAA', 'p1'), 'h1', { capacity: 1 }));
    // The new time is full: nothing changes, the old seat is kept.
    await s.hold(hold('p9', 'h9', 1, other));
    await s.hold(hold('p1', 'h2', 1, other));
    const moved = booking('CCCCCC', 'p1', { slot: other, date: '2026-12-11', time: '10:00', startMs: START + 25 * 3600_000 });
    expect(await s.confirm(confirmOf(moved, 'h2', { capacity: 1, replaces: 'AAAAAA' }))).toEqual({ status: 'full' });
    expect((await s.get('AAAAAA'))?.status).toBe('booked');
    expect(await s.counts([SLOT], NOW)).toEqual([{ booked: 1, held: 0 }]);
    await s.releaseHold('p9', NOW);
    await s.hold(hold('p1', 'h3', 1, other));
    expect((await s.confirm(confirmOf(moved, 'h3', { capacity: 1, replaces: 'AAAAAA' }))).status).toBe('booked');
    expect(await s.get('AAAAAA')).toMatchObject({ status: 'moved', movedTo: 'CCCCCC' });
    expect(await s.counts([SLOT, other], NOW)).toEqual([{ booked: 0, held: 0 }, { booked: 1, held: 0 }]);
    expect(await s.remindersOf('AAAAAA')).toEqual([]);
    expect(await s.remindersOf('CCCCCC')).toHaveLength(1);
    // Someone else's booking cannot be moved.
    await s.hold(hold('p2', 'h4', 2));
    expect(await s.confirm(confirmOf(booking('DDDDDD', 'p2'), 'h4', { replaces: 'CCCCCC' }))).toEqual({ status: 'not_movable' });
  });

  it('cancelling frees the seat once and drops the reminders; staff marks keep the seat', async () => {
    const [s] = pair();
    await s.hold(hold('p1', 'h1'));
    await s.confirm(confirmOf(booking('AAAAAA', 'p1'), 'h1'));
    expect(await s.setStatus('AAAAAA', 'cancelled', NOW)).toBe('booked');
    expect(await s.setStatus('AAAAAA', 'cancelled', NOW)).toBe('cancelled');
    expect(await s.counts([SLOT], NOW)).toEqual([{ booked: 0, held: 0 }]);
    expect(await s.remindersOf('AAAAAA')).toEqual([]);
    expect(await s.setStatus('NOPE99', 'cancelled', NOW)).toBeUndefined();
    await s.hold(hold('p2', 'h2'));
    await s.confirm(confirmOf(booking('CCCCCC', 'p2'), 'h2'));
    expect(await s.setStatus('CCCCCC', 'no_show', START + MIN)).toBe('booked');
    expect(await s.counts([SLOT], NOW)).toEqual([{ booked: 1, held: 0 }]);
  });

  it('lists bookings by person and by period and point', async () => {
    const [s] = pair();
    await s.hold(hold('p1', 'h1'));
    await s.confirm(confirmOf(booking('AAAAAA', 'p1'), 'h1'));
    const rabat = 'rabat/2026-12-10/09:00';
    await s.hold(hold('p2', 'h2', 2, rabat));
    await s.confirm(confirmOf(booking('CCCCCC', 'p2', { pointId: 'rabat', slot: rabat }), 'h2'));
    expect((await s.ofPerson('p1')).map((b) => b.ref)).toEqual(['AAAAAA']);
    expect((await s.between(START, START + 1)).map((b) => b.ref).sort()).toEqual(['AAAAAA', 'CCCCCC']);
    expect((await s.between(START, START + 1, 'rabat')).map((b) => b.ref)).toEqual(['CCCCCC']);
    expect(await s.between(START + 1, START + 2)).toEqual([]);
  });

  it('delete my data: cancels upcoming bookings, strips the personal fields and the pre-registration answers', async () => {
    const [s] = pair();
    await s.hold(hold('p1', 'h1'));
    await s.confirm(confirmOf(booking('AAAAAA', 'p1'), 'h1'));
    await s.hold(hold('p1', 'h2', 2, 'casablanca/2026-12-10/09:30'));
    expect(await s.anonymisePerson('p1', NOW)).toBe(1);
    const b = await s.get('AAAAAA');
    expect(b).toMatchObject({ status: 'cancelled', anonymised: true, ref: 'AAAAAA', pointId: 'casablanca' });
    expect(JSON.stringify(b)).not.toMatch(/Awa|212612|u-p1|passport|"CI"/);
    expect(await s.ofPerson('p1')).toEqual([]);
    expect(await s.counts([SLOT, 'casablanca/2026-12-10/09:30'], NOW)).toEqual([{ booked: 0, held: 0 }, { booked: 0, held: 0 }]);
    expect(await s.remindersOf('AAAAAA')).toEqual([]);
  });

  it('purges bookings past their lifetime', async () => {
    const [s] = pair();
    await s.hold(hold('p1', 'h1'));
    await s.confirm(confirmOf(booking('AAAAAA', 'p1'), 'h1'));
    expect(await s.purge(START)).toBe(0);
    expect(await s.purge(START + 1)).toBe(1);
    expect(await s.get('AAAAAA')).toBeUndefined();
    expect(await s.ofPerson('p1')).toEqual([]);
  });

  it('leases each due reminder to one worker, again after the lease if never acknowledged, never for a cancelled booking', async () => {
    const [a, b] = pair();
    const due = START - 15 * 3600_000;
    for (const [ref, person] of [['AAAAAA', 'p1'], ['CCCCCC', 'p2']] as const) {
      await a.hold(hold(person, `h-${person}`));
      await a.confirm(confirmOf(booking(ref, person), `h-${person}`));
    }
    await a.setStatus('CCCCCC', 'cancelled', NOW);
    expect(await a.takeDueReminders(due - 1, MIN, 10)).toEqual([]);
    const [first, second] = await Promise.all([a.takeDueReminders(due, MIN, 10), b.takeDueReminders(due, MIN, 10)]);
    expect([...first!, ...second!]).toEqual([{ ref: 'AAAAAA', kind: 'dayBefore' }]);
    expect(await a.takeDueReminders(due + MIN - 1, MIN, 10)).toEqual([]);
    expect(await b.takeDueReminders(due + MIN, MIN, 10)).toEqual([{ ref: 'AAAAAA', kind: 'dayBefore' }]);
    await b.ackReminder({ ref: 'AAAAAA', kind: 'dayBefore' });
    expect(await a.takeDueReminders(due + 10 * MIN, MIN, 10)).toEqual([]);
  });
});

describe('appointment Redis keys', () => {
  it('share one hash tag, so every script runs in one Redis Cluster slot', () => {
    const k = redisKeys('tdu');
    const keys = [k.apptHolds(), k.apptHoldInfo(), k.apptHeldCount(), k.apptBookedCount(), k.apptBookings(), k.apptPersonRefs(), k.apptByTime(), k.apptReminders(), k.apptConfirmed('h1')];
    expect(new Set(keys.map((key) => /\{([^}]*)\}/.exec(key)?.[1]))).toEqual(new Set(['appt']));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
