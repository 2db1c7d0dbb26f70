import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { personKeyOf } from '../../src/domain/appointments/personKey.js';
import { MemoryBookingDrafts } from '../../src/stores/memory/memoryBookingDrafts.js';
import { RedisBookingDrafts } from '../../src/stores/redis/redisBookingDrafts.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { manualClock } from '../helpers/appointments.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { bookingBot, summarise, type TestUser } from './bookingHarness.js';

const web: TestUser = { channel: 'webchat', id: 'web-user-1' };
const wa: TestUser = { channel: 'whatsapp', id: '212612345678' };
const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});

/** What the person said that must not outlive an unfinished booking. */
const PERSONAL = /Awa|612345678|"adults"|"document"|urgentMedical/;
/** Up to the medical question: a seat held, first name, nationality, phone, consent and pre-registration answers. */
const UP_TO_MEDICAL = ['intent.book', 'book:point:casablanca', 'book:day:2026-12-10', 'book:slot:09:00', 'Awa', 'book:nationality:CI', '06 12 34 56 78', 'book:consent:yes', '2', 'book:skip', 'book:document:passport'];
const SLOT = 'casablanca/2026-12-10/09:00';

async function setup(user: TestUser = web) {
  const clock = manualClock();
  const drafts = new MemoryBookingDrafts(clock.now);
  const bot = await bookingBot({ now: clock.now, drafts });
  // The conversation and user state as stored between turns (MemoryStateStorage keeps JSON copies).
  const state = () => JSON.stringify([...(bot.storage as unknown as { items: Map<string, { json: string }> }).items.values()].map((e) => e.json));
  const held = async () => (await bot.store.counts([SLOT], clock.now()))[0]!.held;
  const key = personKeyOf(user.channel, user.id);
  return { clock, drafts, bot, state, held, key, say: (text: string) => bot.say(user, text) };
}

describe('BookingDialog draft answers', () => {
  it('never sit in the conversation state between turns: they wait in the draft store, expiring with the hold', async () => {
    const s = await setup();
    for (const text of UP_TO_MEDICAL) {
      await s.say(text);
      expect(s.state(), `state after "${text}"`).not.toMatch(PERSONAL);
    }
    expect(await s.bot.appointments.draft(s.key)).toEqual({ firstName: 'Awa', nationality: 'CI', phone: '+212612345678', pre: { adults: 2, document: 'passport' } });
    // The summary still shows them, and the booking keeps them once confirmed; the draft is gone then.
    expect(summarise(await s.say('book:medical:yes')).text).toMatch(/Awa[\s\S]*\+212612345678/);
    expect(summarise(await s.say('book:confirm')).text).toContain('Référence');
    expect((await s.bot.appointments.upcoming(s.key))[0]).toMatchObject({ firstName: 'Awa', phone: '+212612345678', preRegistration: { adults: 2, document: 'passport', urgentMedical: true } });
    expect(s.drafts.size).toBe(0);
  });

  it.each([
    ['the cancel button', ['book:cancel'], 'Rien n'],
    ['a typed "annuler"', ['annuler'], 'Rien n'],
    ['declining consent', [], "je n'enregistre rien"],
    ['the menu (another flow)', ['menu'], /./],
    ['a FAQ button (another flow)', ['faq:avrr.what'], /./],
    ['"talk to a person" (another flow)', ['intent.human'], /./],
    ['the "delete my data" button', ['intent.delete_data'], /./],
    // The consent question tells people they can write it at any time: written out, it leaves the flow too.
    ['a typed "je veux effacer mes données"', ['je veux effacer mes données'], 'Voulez-vous effacer toutes vos données'],
  ])('are erased at once when the flow is left by %s, and the held seat is freed', async (_how, exit, reply) => {
    const s = await setup();
    // Declining consent is answered at the consent question; the other exits come after the pre-registration.
    const steps = exit.length === 0 ? [...UP_TO_MEDICAL.slice(0, 7), 'book:consent:no'] : [...UP_TO_MEDICAL, ...exit];
    let last = '';
    for (const text of steps) last = summarise(await s.say(text)).text;
    if (typeof reply === 'string') expect(last).toContain(reply);
    expect(await s.bot.appointments.draft(s.key)).toBeUndefined();
    expect(s.drafts.size).toBe(0);
    expect(s.state()).not.toMatch(PERSONAL);
    expect(await s.held()).toBe(0);
    expect(await s.bot.store.ofPerson(s.key)).toEqual([]);
  });

  it('expire with the hold when the person walks away, with nothing left in the state; a late answer is told so', async () => {
    const s = await setup();
    for (const text of UP_TO_MEDICAL) await s.say(text);
    expect(s.drafts.size).toBe(1);
    s.clock.advance(10 * 60_000 + 1); // holdMinutes: 10
    expect(await s.bot.appointments.draft(s.key)).toBeUndefined();
    expect(s.drafts.size).toBe(0);
    expect(s.state()).not.toMatch(PERSONAL);
    expect(await s.held()).toBe(0);
    const late = summarise(await s.say('book:medical:no'));
    expect(late.text).toContain('Le temps pour finir la réservation est passé');
    expect(await s.bot.store.ofPerson(s.key)).toEqual([]);
  });

  it('on WhatsApp the number is read from the account, never copied into the state or the draft', async () => {
    const s = await setup(wa);
    for (const text of ['intent.book', 'book:point:casablanca', 'book:day:2026-12-10', 'book:slot:09:00', 'Awa', 'book:nationality:CI', 'book:consent:yes']) {
      await s.say(text);
      expect(s.state()).not.toMatch(/Awa|\+212612345678/);
    }
    expect((await s.bot.appointments.draft(s.key))?.phone).toBeUndefined();
    for (const text of ['book:skip', 'book:skip', 'book:skip']) await s.say(text);
    expect(summarise(await s.say('book:skip')).text).toContain('+212612345678');
    await s.say('book:confirm');
    expect((await s.bot.appointments.upcoming(s.key))[0]?.phone).toBe('+212612345678');
  });

  it('in Redis expire by themselves at the end of the hold', async () => {
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('draft'));
    const clock = manualClock();
    const bot = await bookingBot({ now: clock.now, drafts: new RedisBookingDrafts(client, keys, clock.now) });
    for (const text of UP_TO_MEDICAL) await bot.say(web, text);
    const key = keys.bookingDraft(personKeyOf('webchat', web.id));
    const ttl = await client.pttl(key);
    // The seat was held at 'book:slot:09:00' for 10 minutes (the manual clock did not move since).
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000);
    expect(await client.get(key)).toContain('Awa');
    await bot.say(web, 'book:cancel');
    expect(await client.exists(key)).toBe(0);
  });
});
