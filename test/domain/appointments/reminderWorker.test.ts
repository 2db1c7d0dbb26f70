import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { AppointmentNotice, AppointmentNotifier } from '../../../src/domain/appointments/appointmentNotifier.js';
import { AppointmentService } from '../../../src/domain/appointments/appointmentService.js';
import { fixedOrientationPoints } from '../../../src/domain/appointments/orientationPointsStore.js';
import { ReminderWorker } from '../../../src/domain/appointments/reminderWorker.js';
import { createTranslator } from '../../../src/i18n/i18n.js';
import type { AppointmentStore, BookingContact } from '../../../src/stores/appointmentStore.js';
import { RedisAppointmentStore } from '../../../src/stores/redis/redisAppointmentStore.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { manualClock, testPoints } from '../../helpers/appointments.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});
const translator = await createTranslator('locales');
const points = fixedOrientationPoints(testPoints());
const DAY_BEFORE = Date.UTC(2026, 11, 9, 18);
const MORNING = Date.UTC(2026, 11, 10, 8);

function redisStore(keys = redisKeys(uniquePrefix('rem'))): AppointmentStore {
  const client = new Redis(inject('redisUrl'));
  clients.push(client);
  return new RedisAppointmentStore(client, keys);
}

function recorder(fail = 0) {
  const sent: Array<{ contact: BookingContact; notice: AppointmentNotice; key: string }> = [];
  let failures = fail;
  const notifier: AppointmentNotifier = {
    notify: async (contact, notice, key) => {
      if (failures-- > 0) throw new Error('channel down');
      sent.push({ contact, notice, key });
      return 'sent';
    },
  };
  return { sent, notifier };
}

async function book(store: AppointmentStore, clock: ReturnType<typeof manualClock>, person: string, lang: 'fr' | 'ar' = 'fr') {
  const service = new AppointmentService({ store, points, now: clock.now });
  const held = await service.hold(person, 'casablanca', '2026-12-10', '09:00');
  if (held.status !== 'held') throw new Error('not held');
  const result = await service.confirm(person, held.seat, { firstName: 'Awa', nationality: 'CI', contact: { channel: 'webchat', userId: person, conversationId: `c-${person}`, lang } });
  if (result.status !== 'booked') throw new Error('not booked');
  return { service, ref: result.booking.ref };
}

const worker = (store: AppointmentStore, notifier: AppointmentNotifier, clock: ReturnType<typeof manualClock>) =>
  new ReminderWorker({ store, points, translator, notifier, logger: pino({ level: 'silent' }), now: clock.now, leaseMs: 60_000 });

describe('ReminderWorker', () => {
  it('sends the day-before and morning reminders once each, in the person\'s language, with one-tap choices', async () => {
    const clock = manualClock();
    const store = redisStore();
    const { ref } = await book(store, clock, 'p1', 'ar');
    const { sent, notifier } = recorder();
    const w = worker(store, notifier, clock);
    clock.set(DAY_BEFORE - 1);
    expect(await w.runOnce()).toBe(0);
    clock.set(DAY_BEFORE);
    expect(await w.runOnce()).toBe(1);
    expect(await w.runOnce()).toBe(0);
    clock.set(MORNING);
    expect(await w.runOnce()).toBe(1);
    expect(sent.map((s) => s.key)).toEqual([`reminder:${ref}:dayBefore`, `reminder:${ref}:morning`]);
    expect(sent[0]!.notice.text).toContain('تذكير');
    expect(sent[0]!.notice.text).toContain('الخميس، 10 ديسمبر');
    expect(sent[0]!.notice.buttons.map((b) => b.value)).toEqual([`appt:confirm:${ref}`, `appt:move:${ref}`, `appt:cancel:${ref}`]);
    expect(sent[0]!.notice.templateParams).toEqual(['الخميس، 10 ديسمبر', '09:00', 'الدار البيضاء', ref]);
    expect(sent[0]!.contact).toMatchObject({ channel: 'webchat', userId: 'p1' });
  });

  it('two workers on two instances send each reminder once', async () => {
    const clock = manualClock();
    const keys = redisKeys(uniquePrefix('rem'));
    const a = redisStore(keys);
    const b = redisStore(keys);
    for (let i = 0; i < 2; i += 1) await book(a, clock, `p${i}`);
    const { sent, notifier } = recorder();
    clock.set(DAY_BEFORE);
    await Promise.all([worker(a, notifier, clock).runOnce(), worker(b, notifier, clock).runOnce(), worker(b, notifier, clock).runOnce()]);
    expect(sent.map((s) => s.key).sort()).toHaveLength(2);
    expect(new Set(sent.map((s) => s.key)).size).toBe(2);
  });

  it('is not lost when a worker fails or the process restarts: another worker sends it after the lease', async () => {
    const clock = manualClock();
    const keys = redisKeys(uniquePrefix('rem'));
    await book(redisStore(keys), clock, 'p1');
    clock.set(DAY_BEFORE);
    const failing = recorder(1);
    expect(await worker(redisStore(keys), failing.notifier, clock).runOnce()).toBe(0);
    const restarted = recorder();
    const fresh = worker(redisStore(keys), restarted.notifier, clock);
    expect(await fresh.runOnce()).toBe(0); // still leased to the first worker
    clock.advance(60_000);
    expect(await fresh.runOnce()).toBe(1);
    expect(restarted.sent).toHaveLength(1);
  });

  it('never reminds of a cancelled or moved booking', async () => {
    const clock = manualClock();
    const store = redisStore();
    const { service, ref } = await book(store, clock, 'p1');
    const second = await book(store, clock, 'p2');
    const held = await second.service.hold('p2', 'rabat', '2026-12-11', '10:00');
    if (held.status !== 'held') throw new Error('not held');
    await second.service.confirm('p2', held.seat, { firstName: 'B', nationality: 'ML', contact: { channel: 'webchat', userId: 'p2', conversationId: 'c', lang: 'fr' } }, second.ref);
    await service.cancel('p1', ref);
    const { sent, notifier } = recorder();
    clock.set(MORNING);
    await worker(store, notifier, clock).runOnce();
    expect(sent.map((s) => s.key.split(':')[1])).not.toContain(ref);
    expect(sent.map((s) => s.key.split(':')[1])).not.toContain(second.ref);
    expect(sent.every((s) => s.notice.text.includes('Rabat'))).toBe(true);
  });

  it('starts and stops cleanly', async () => {
    const clock = manualClock();
    const store = redisStore();
    await book(store, clock, 'p1');
    clock.set(DAY_BEFORE);
    const { sent, notifier } = recorder();
    const w = worker(store, notifier, clock);
    const delivered = new Promise<void>((resolve) => {
      const original = notifier.notify.bind(notifier);
      notifier.notify = async (...args) => {
        const out = await original(...args);
        resolve();
        return out;
      };
    });
    w.start(10);
    await delivered;
    await w.stop();
    expect(sent).toHaveLength(1);
  });
});
