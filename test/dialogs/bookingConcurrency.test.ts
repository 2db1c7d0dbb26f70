import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { RedisAppointmentStore } from '../../src/stores/redis/redisAppointmentStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { APPT_NOW, testPoints } from '../helpers/appointments.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { bookingBot, summarise, type TestUser } from './bookingHarness.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});

describe('booking under contention', () => {
  it('200 people on two instances for 5 seats: exactly 5 bookings, 195 polite "just taken" answers offering other times', async () => {
    const keys = redisKeys(uniquePrefix('race'));
    const points = testPoints((c) => void (c.points[0]!.seatsPerSlot = 5));
    const bots = await Promise.all(
      [0, 1].map(async () => {
        const client = new Redis(inject('redisUrl'));
        clients.push(client);
        return bookingBot({ store: new RedisAppointmentStore(client, keys), points });
      }),
    );
    const users: TestUser[] = Array.from({ length: 200 }, (_, i) => ({ channel: 'webchat', id: `racer-${i}` }));
    const botOf = (i: number) => bots[i % 2]!;
    await Promise.all(users.map(async (u, i) => {
      for (const s of ['intent.book', 'book:point:casablanca', 'book:day:2026-12-10']) await botOf(i).say(u, s);
    }));

    const answers = await Promise.all(users.map(async (u, i) => summarise(await botOf(i).say(u, 'book:slot:09:00'))));
    const held = users.filter((_, i) => answers[i]!.text.includes('Je vous garde la place'));
    const taken = answers.filter((a) => a.text.includes("Désolé, cette heure vient d'être prise"));
    expect(held).toHaveLength(5);
    expect(taken).toHaveLength(195);
    for (const a of taken) {
      expect(a.buttons).toContain('book:slot:09:30');
      expect(a.buttons).not.toContain('book:slot:09:00');
    }

    await Promise.all(held.map(async (u) => {
      const i = users.indexOf(u);
      for (const s of ['Awa', 'book:nationality:SN', 'book:skip', 'book:consent:yes', 'book:skip', 'book:skip', 'book:skip', 'book:skip', 'book:confirm']) await botOf(i).say(u, s);
    }));
    const store = bots[0]!.store;
    const booked = await store.between(Date.UTC(2026, 11, 10, 9), Date.UTC(2026, 11, 10, 9) + 1);
    expect(booked).toHaveLength(5);
    expect(new Set(booked.map((b) => b.ref)).size).toBe(5);
    expect(await store.counts(['casablanca/2026-12-10/09:00'], APPT_NOW)).toEqual([{ booked: 5, held: 0 }]);
  }, 120_000); // 1,400 real turns on a shared 2-core machine
});
