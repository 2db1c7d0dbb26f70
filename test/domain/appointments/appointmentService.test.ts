import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { AppointmentService, type BookingDetails } from '../../../src/domain/appointments/appointmentService.js';
import { fixedOrientationPoints } from '../../../src/domain/appointments/orientationPointsStore.js';
import { MemoryAppointmentStore } from '../../../src/stores/memory/memoryAppointmentStore.js';
import { RedisAppointmentStore } from '../../../src/stores/redis/redisAppointmentStore.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { APPT_NOW, manualClock, testPoints } from '../../helpers/appointments.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});
const details = (i: number): BookingDetails => ({
  firstName: `P${i}`,
  nationality: 'SN',
  contact: { channel: 'webchat', userId: `u${i}`, conversationId: `c${i}`, lang: 'fr' },
});

describe('AppointmentService', () => {
  it('lists tomorrow onwards, working days only, and free times in the point\'s local time', async () => {
    const service = new AppointmentService({ store: new MemoryAppointmentStore(), points: fixedOrientationPoints(testPoints()), now: () => APPT_NOW });
    const days = await service.freeDays('casablanca');
    expect(days).toEqual(['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10']);
    const times = await service.freeTimes('casablanca', '2026-12-10');
    expect(times[0]).toEqual({ pointId: 'casablanca', date: '2026-12-10', time: '09:00', startMs: Date.UTC(2026, 11, 10, 9) });
    expect(times.map((s) => s.time)).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '14:00', '14:30', '15:00', '15:30']);
    expect(await service.freeTimes('casablanca', '2026-12-05')).toEqual([]); // Saturday
    expect(await service.freeTimes('casablanca', '2026-12-01')).toEqual([]); // today
  });

  it('skips closed dates', async () => {
    const points = testPoints((c) => void (c.points[0]!.closedDates = ['2026-12-02']));
    const service = new AppointmentService({ store: new MemoryAppointmentStore(), points: fixedOrientationPoints(points), now: () => APPT_NOW });
    expect((await service.freeDays('casablanca', 1))[0]).toBe('2026-12-03');
  });

  it('200 people on two instances for 5 seats: exactly 5 bookings, 195 told it was just taken with other times', async () => {
    const points = fixedOrientationPoints(testPoints((c) => void (c.points[0]!.seatsPerSlot = 5)));
    const keys = redisKeys(uniquePrefix('svc'));
    const services = [0, 1].map(() => {
      const client = new Redis(inject('redisUrl'));
      clients.push(client);
      return new AppointmentService({ store: new RedisAppointmentStore(client, keys), points, now: () => APPT_NOW });
    });
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const service = services[i % 2]!;
        const held = await service.hold(`p${i}`, 'casablanca', '2026-12-10', '09:00');
        if (held.status !== 'held') return held;
        return service.confirm(`p${i}`, held.seat, details(i));
      }),
    );
    expect(results.filter((r) => r.status === 'booked')).toHaveLength(5);
    const taken = results.filter((r) => r.status === 'taken');
    expect(taken).toHaveLength(195);
    for (const r of taken) expect(r.status === 'taken' && r.alternatives[0]?.time).toBe('09:30');
    expect((await services[0]!.freeTimes('casablanca', '2026-12-10'))[0]?.time).toBe('09:30');
  });

  it('holds expire by themselves; an expired hold still books while the seat is free', async () => {
    const clock = manualClock();
    const points = fixedOrientationPoints(testPoints((c) => void (c.points[0]!.seatsPerSlot = 1)));
    const service = new AppointmentService({ store: new MemoryAppointmentStore(), points, now: clock.now });
    const first = await service.hold('a', 'casablanca', '2026-12-10', '09:00');
    expect((await service.hold('b', 'casablanca', '2026-12-10', '09:00')).status).toBe('taken');
    clock.advance(10 * 60_000);
    expect((await service.freeTimes('casablanca', '2026-12-10'))[0]?.time).toBe('09:00');
    if (first.status !== 'held') throw new Error('not held');
    expect((await service.confirm('a', first.seat, details(1))).status).toBe('booked');
  });

  it('offers to move rather than book a second upcoming appointment, and moves keeping the old seat until the new one is taken', async () => {
    const service = new AppointmentService({ store: new MemoryAppointmentStore(), points: fixedOrientationPoints(testPoints()), now: () => APPT_NOW });
    const a = await service.hold('a', 'casablanca', '2026-12-10', '09:00');
    if (a.status !== 'held') throw new Error('not held');
    const first = await service.confirm('a', a.seat, details(1));
    if (first.status !== 'booked') throw new Error('not booked');
    expect(first.booking.ref).toMatch(/^[34679ACDEFGHJKMNPQRTWXY]{6}$/);
    const b = await service.hold('a', 'rabat', '2026-12-11', '10:00');
    if (b.status !== 'held') throw new Error('not held');
    const second = await service.confirm('a', b.seat, details(1));
    expect(second).toMatchObject({ status: 'limit', upcoming: [{ ref: first.booking.ref }] });
    const moved = await service.confirm('a', b.seat, details(1), first.booking.ref);
    expect(moved).toMatchObject({ status: 'booked', booking: { pointId: 'rabat', time: '10:00' } });
    expect((await service.upcoming('a')).map((x) => x.pointId)).toEqual(['rabat']);
    expect(await service.preRegistrationOf('a')).toBeUndefined();
    expect(await service.cancel('someone-else', moved.status === 'booked' ? moved.booking.ref : '')).toBe(false);
    expect(await service.cancel('a', moved.status === 'booked' ? moved.booking.ref : '')).toBe(true);
    expect(await service.upcoming('a')).toEqual([]);
  });

  it('schedules the reminders the day before and on the morning, in local time, each one can be off', () => {
    const points = testPoints();
    const service = new AppointmentService({ store: new MemoryAppointmentStore(), points: fixedOrientationPoints(points), now: () => APPT_NOW });
    const point = points.points[0]!;
    const slot = { pointId: 'casablanca', date: '2026-12-10', time: '09:00', startMs: Date.UTC(2026, 11, 10, 9) };
    expect(service.remindersFor(point, slot, APPT_NOW)).toEqual([
      { kind: 'dayBefore', at: Date.UTC(2026, 11, 9, 18) },
      { kind: 'morning', at: Date.UTC(2026, 11, 10, 8) },
    ]);
    points.settings.reminders.dayBefore.enabled = false;
    expect(service.remindersFor(point, { ...slot, time: '08:00', startMs: Date.UTC(2026, 11, 10, 8) }, APPT_NOW)).toEqual([]);
  });

  it('gives the pre-registration answers of the next appointment, for a later handoff', async () => {
    const service = new AppointmentService({ store: new MemoryAppointmentStore(), points: fixedOrientationPoints(testPoints()), now: () => APPT_NOW });
    const held = await service.hold('a', 'casablanca', '2026-12-10', '09:00');
    if (held.status !== 'held') throw new Error('not held');
    await service.confirm('a', held.seat, { ...details(1), preRegistration: { children: 2, urgentMedical: true } });
    expect(await service.preRegistrationOf('a')).toEqual({ children: 2, urgentMedical: true });
  });

  it('purges bookings past their configured lifetime', async () => {
    const clock = manualClock();
    const service = new AppointmentService({ store: new MemoryAppointmentStore(), points: fixedOrientationPoints(testPoints()), now: clock.now });
    const held = await service.hold('a', 'casablanca', '2026-12-10', '09:00');
    if (held.status !== 'held') throw new Error('not held');
    const booked = await service.confirm('a', held.seat, details(1));
    clock.set(Date.UTC(2026, 11, 10, 9) + 90 * 24 * 3600_000);
    expect(await service.purgeExpired()).toBe(0);
    clock.advance(1);
    expect(await service.purgeExpired()).toBe(1);
    expect(booked.status).toBe('booked');
  });
});
