import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { BookingDraftStore } from '../../src/stores/bookingDraftStore.js';
import { MemoryBookingDrafts } from '../../src/stores/memory/memoryBookingDrafts.js';
import { RedisBookingDrafts } from '../../src/stores/redis/redisBookingDrafts.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { manualClock } from '../helpers/appointments.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});

type Clock = ReturnType<typeof manualClock>;
const factories: Array<[string, (clock: Clock) => BookingDraftStore]> = [
  ['memory', (clock) => new MemoryBookingDrafts(clock.now)],
  ['redis', (clock) => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    return new RedisBookingDrafts(client, redisKeys(uniquePrefix('drafts')), clock.now);
  }],
];
const details = { firstName: 'Awa', nationality: 'CI', phone: '+212612345678', pre: { adults: 2 } };

describe.each(factories)('BookingDraftStore (%s)', (_name, create) => {
  it('keeps, replaces and forgets one draft per person', async () => {
    const clock = manualClock();
    const drafts = create(clock);
    await drafts.keep('webchat:a', details, clock.now() + 60_000);
    await drafts.keep('webchat:b', { pre: {} }, clock.now() + 60_000);
    expect(await drafts.get('webchat:a')).toEqual(details);
    await drafts.keep('webchat:a', { ...details, pre: { adults: 3 } }, clock.now() + 60_000);
    expect((await drafts.get('webchat:a'))?.pre).toEqual({ adults: 3 });
    await drafts.forget('webchat:a');
    expect(await drafts.get('webchat:a')).toBeUndefined();
    expect(await drafts.get('webchat:b')).toEqual({ pre: {} });
  });

  it('keeps nothing for an expiry already past (a hold that has lapsed)', async () => {
    const clock = manualClock();
    const drafts = create(clock);
    await drafts.keep('webchat:a', details, clock.now() + 60_000);
    await drafts.keep('webchat:a', details, clock.now() - 1);
    expect(await drafts.get('webchat:a')).toBeUndefined();
  });
});

describe('BookingDraftStore expiry', () => {
  it('memory: a draft is gone once its expiry passes', async () => {
    const clock = manualClock();
    const drafts = new MemoryBookingDrafts(clock.now);
    await drafts.keep('webchat:a', details, clock.now() + 60_000);
    clock.advance(59_999);
    expect(await drafts.get('webchat:a')).toEqual(details);
    clock.advance(1);
    expect(await drafts.get('webchat:a')).toBeUndefined();
    expect(drafts.size).toBe(0);
  });

  it('redis: the key carries the time left as its own expiry, so Redis removes it unattended', async () => {
    const clock = manualClock();
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('drafts'));
    await new RedisBookingDrafts(client, keys, clock.now).keep('webchat:a', details, clock.now() + 60_000);
    const ttl = await client.pttl(keys.bookingDraft('webchat:a'));
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });
});
