import { describe, expect, it } from 'vitest';
import { personKeyOf } from '../../src/domain/appointments/personKey.js';
import { manualClock, testPoints } from '../helpers/appointments.js';
import { bookingBot, summarise, type TestUser } from './bookingHarness.js';

const web: TestUser = { channel: 'webchat', id: 'web-user-1' };
const wa: TestUser = { channel: 'whatsapp', id: '212612345678' };

/** Drives a conversation: each row is [what the user sends, text the reply must contain, button values it must offer]. */
async function run(user: TestUser, rows: Array<[string, RegExp | string, string[]?]>, bot?: Awaited<ReturnType<typeof bookingBot>>) {
  const b = bot ?? (await bookingBot());
  for (const [input, expected, buttons] of rows) {
    const out = summarise(await b.say(user, input));
    if (typeof expected === 'string') expect(out.text, `after "${input}"`).toContain(expected);
    else expect(out.text, `after "${input}"`).toMatch(expected);
    if (buttons) expect(out.buttons, `buttons after "${input}"`).toEqual(expect.arrayContaining(buttons));
  }
  return b;
}

describe('BookingDialog', () => {
  it.each([
    ['fr', 'lang:fr', 'Dans quel point', 'jeudi 10 décembre', 'Référence', "L'équipe vous donnera l'adresse exacte", "Vos papiers d'identité"],
    ['en', 'lang:en', 'Which IOM orientation point', 'Thursday 10 December', 'Reference', 'The team will give you the exact address', 'Your identity papers'],
    ['ar', 'lang:ar', 'إلى أي نقطة توجيه', 'الخميس، 10 ديسمبر', 'المرجع', 'سيعطيك الفريق العنوان بالضبط', 'أوراق هويتك'],
  ])('books in %s by button ids, holding the seat, with the date in that language', async (_lang, langButton, askPoint, date, ref, address, bring) => {
    const bot = await run(web, [
      [langButton, /./],
      ['intent.book', askPoint, ['book:point:casablanca', 'book:point:rabat', 'book:point:oujda', 'book:cancel']],
      ['book:point:casablanca', /./, ['book:day:2026-12-02', 'book:day:2026-12-10', 'book:back', 'book:cancel']],
      ['book:day:2026-12-10', date, ['book:slot:09:00', 'book:slot:09:30']],
      ['book:slot:09:00', /10/, ['book:back', 'book:cancel']],
      ['Awa', /./, ['book:nationality:CI', 'book:nationality:SN', 'book:nationality:GN', 'book:nationality:ML', 'book:nationality:other']],
      ['book:nationality:CI', /\+225/, ['book:skip']],
      ['06 12 34 56 78', /90/, ['book:consent:yes', 'book:consent:no']],
      ['book:consent:yes', /./, ['book:count:1', 'book:skip']],
      ['book:count:2', /./, ['book:count:0', 'book:skip']],
      ['book:skip', /./, ['book:document:passport', 'book:document:other_id', 'book:document:none', 'book:skip']],
      ['book:document:passport', /./, ['book:medical:yes', 'book:medical:no', 'book:skip']],
      ['book:medical:no', /\+212612345678/, ['book:confirm', 'book:back', 'book:cancel']],
    ]);
    expect(await bot.appointments.freeTimes('casablanca', '2026-12-10')).toHaveLength(10); // 2 seats, one held
    const done = summarise(await bot.say(web, 'book:confirm'));
    expect(done.text).toContain(ref);
    expect(done.text).toContain(date);
    expect(done.text).toContain('09:00');
    expect(done.text).toContain(address);
    expect(done.text).toContain(bring);
    const [booking] = await bot.appointments.upcoming(personKeyOf('webchat', web.id));
    expect(booking).toMatchObject({
      pointId: 'casablanca', date: '2026-12-10', time: '09:00', firstName: 'Awa', nationality: 'CI', phone: '+212612345678',
      preRegistration: { adults: 2, document: 'passport', urgentMedical: false },
      contact: { channel: 'webchat', userId: web.id },
    });
    expect(booking?.preRegistration?.children).toBeUndefined();
    expect(done.text).toContain(booking!.ref);
    // Confirming again (a double tap) books nothing more.
    await bot.say(web, 'book:confirm');
    expect(await bot.store.ofPerson(personKeyOf('webchat', web.id))).toHaveLength(1);
  });

  it.each([
    ['fr', 'je veux un rendez-vous', 'casa', 'demain', '10h', 'sénégalais', 'oui', 'passeport', 'non', 'mercredi 2 décembre'],
    ['en', 'i want an appointment', 'Casablanca', 'tomorrow', '10am', 'Senegalese', 'yes', 'passport', 'no', 'Wednesday 2 December'],
    ['ar', 'بغيت موعد', 'كازا', 'غدا', '10', 'السنغال', 'نعم', 'جواز السفر', 'لا', 'الأربعاء، 2 ديسمبر'],
  ])('books in %s from typed answers', async (lang, ask, point, day, time, nationality, yes, doc, no, date) => {
    const bot = await bookingBot();
    await bot.say(web, `lang:${lang}`);
    for (const text of [ask, point, day, time, 'Awa', nationality, '0612345678', yes, '1', '0', doc, no]) await bot.say(web, text);
    const done = summarise(await bot.say(web, yes));
    expect(done.locale).toBe(lang);
    expect(done.text).toContain(date);
    const [booking] = await bot.appointments.upcoming(personKeyOf('webchat', web.id));
    expect(booking).toMatchObject({ date: '2026-12-02', time: '10:00', nationality: 'SN', preRegistration: { adults: 1, children: 0, document: 'passport', urgentMedical: false } });
  });

  it('on WhatsApp takes the phone number from the account instead of asking', async () => {
    const bot = await run(wa, [
      ['intent.book', /./],
      ['book:point:rabat', /./],
      ['book:day:2026-12-03', /./],
      ['book:slot:14:00', /./],
      ['Moussa', /./],
      ['book:nationality:ML', /90/, ['book:consent:yes']],
    ]);
    for (const step of ['book:consent:yes', 'book:skip', 'book:skip', 'book:skip', 'book:skip', 'book:confirm']) await bot.say(wa, step);
    expect((await bot.appointments.upcoming(personKeyOf('whatsapp', wa.id)))[0]).toMatchObject({ pointId: 'rabat', phone: '+212612345678', time: '14:00' });
  });

  it('asks again politely for an invalid phone number, date or time', async () => {
    await run(web, [
      ['intent.book', /./],
      ['book:point:oujda', /./],
      ['le 45', "Je n'ai pas compris", ['book:day:2026-12-02']],
      ['samedi', "Je n'ai pas compris"],
      ['book:day:2026-12-04', /./],
      ['23h', "Je n'ai pas compris", ['book:slot:09:00']],
      ['9h', /./],
      ['Awa 123', 'seulement votre prénom'],
      ['Awa', /./],
      ['guinée', /./],
      ['12345', 'ne semble pas valide', ['book:skip']],
      ['+33 6 12 34 56 78', /90 jours/],
    ]);
  });

  it('goes back a step (letting the held seat go) and cancels at any point', async () => {
    const bot = await run(web, [
      ['intent.book', /./],
      ['book:point:casablanca', /./],
      ['book:day:2026-12-10', /./],
      ['book:slot:09:00', /./],
      ['book:back', 'À quelle heure', ['book:slot:09:00']],
    ]);
    expect((await bot.store.counts(['casablanca/2026-12-10/09:00'], Date.UTC(2026, 11, 1, 10)))[0]).toEqual({ booked: 0, held: 0 });
    await run(web, [['book:slot:09:30', /./], ['annuler', 'Rien n’est enregistré'.replace('’', "'"), ['menu']]], bot);
    expect((await bot.store.counts(['casablanca/2026-12-10/09:30'], Date.UTC(2026, 11, 1, 10)))[0]).toEqual({ booked: 0, held: 0 });
    // After the flow, ordinary questions work again.
    expect(summarise(await bot.say(web, 'menu')).buttons).toContain('intent.book');
  });

  it('declining consent saves nothing, frees the seat and still offers answers and a person', async () => {
    const bot = await run(web, [
      ['intent.book', /./],
      ['book:point:casablanca', /./],
      ['book:day:2026-12-10', /./],
      ['book:slot:09:00', /./],
      ['Awa', /./],
      ['book:nationality:other', /./],
      ['book:skip', /./],
      ['book:consent:no', "je n'enregistre rien", ['faq:avrr.what', 'intent.human', 'menu']],
    ]);
    expect(await bot.store.ofPerson(personKeyOf('webchat', web.id))).toEqual([]);
    expect((await bot.store.counts(['casablanca/2026-12-10/09:00'], Date.UTC(2026, 11, 1, 10)))[0]).toEqual({ booked: 0, held: 0 });
  });

  it('says politely that the time was just taken and offers the other times', async () => {
    const bot = await bookingBot();
    const other: TestUser = { channel: 'webchat', id: 'other' };
    const third: TestUser = { channel: 'webchat', id: 'third' };
    for (const u of [web, other, third]) for (const s of ['intent.book', 'book:point:casablanca', 'book:day:2026-12-10']) await bot.say(u, s);
    await bot.say(other, 'book:slot:09:00');
    await bot.say(third, 'book:slot:09:00');
    const taken = summarise(await bot.say(web, 'book:slot:09:00'));
    expect(taken.text).toContain("cette heure vient d'être prise");
    expect(taken.buttons).toContain('book:slot:09:30');
    expect(taken.buttons).not.toContain('book:slot:09:00');
  });

  it('a second request offers to move the booking; my appointment shows, moves and cancels it', async () => {
    const bot = await bookingBot();
    const book = ['intent.book', 'book:point:casablanca', 'book:day:2026-12-10', 'book:slot:09:00', 'Awa', 'book:nationality:CI', 'book:skip', 'book:consent:yes', 'book:skip', 'book:skip', 'book:skip', 'book:skip', 'book:confirm'];
    for (const s of book) await bot.say(web, s);
    const [first] = await bot.appointments.upcoming(personKeyOf('webchat', web.id));
    await run(web, [
      ['intent.book', `(référence ${first!.ref})`, ['book:move', `appt:cancel:${first!.ref}`, 'book:keep']],
      ['book:move', /./, ['book:point:rabat']],
      ['book:point:rabat', /./],
      ['book:day:2026-12-11', /./],
      ['book:slot:10:00', 'Vérifiez votre rendez-vous', ['book:confirm']],
      ['book:confirm', 'Rendez-vous déplacé'],
      ['mon rendez-vous', 'Rabat', [expect.stringMatching(/^appt:move:/) as unknown as string, expect.stringMatching(/^appt:cancel:/) as unknown as string]],
    ], bot);
    const [moved] = await bot.appointments.upcoming(personKeyOf('webchat', web.id));
    expect(moved).toMatchObject({ pointId: 'rabat', date: '2026-12-11', time: '10:00', firstName: 'Awa' });
    expect((await bot.store.get(first!.ref))?.status).toBe('moved');
    await run(web, [[`appt:cancel:${moved!.ref}`, 'est annulé', ['intent.book']]], bot);
    expect(await bot.appointments.upcoming(personKeyOf('webchat', web.id))).toEqual([]);
    await run(web, [['mon rendez-vous', "pas de rendez-vous à venir"]], bot);
  });

  it('delete my data cancels and anonymises the booking and erases the pre-registration answers', async () => {
    const bot = await bookingBot();
    for (const s of ['intent.book', 'book:point:casablanca', 'book:day:2026-12-10', 'book:slot:09:00', 'Awa', 'book:nationality:CI', '0612345678', 'book:consent:yes', '3', '2', 'book:document:none', 'book:medical:yes', 'book:confirm']) await bot.say(web, s);
    const [booking] = await bot.appointments.upcoming(personKeyOf('webchat', web.id));
    expect(booking?.preRegistration).toEqual({ adults: 3, children: 2, document: 'none', urgentMedical: true });
    await bot.say(web, 'supprimer mes données');
    await bot.say(web, 'yes');
    const after = await bot.store.get(booking!.ref);
    expect(after).toMatchObject({ status: 'cancelled', anonymised: true });
    expect(JSON.stringify(after)).not.toMatch(/Awa|612345678|web-user-1|preRegistration|"CI"/);
  });

  it('one tap from a reminder confirms, moves or cancels, even long after the booking flow ended', async () => {
    const bot = await bookingBot();
    for (const s of ['intent.book', 'book:point:oujda', 'book:day:2026-12-10', 'book:slot:09:00', 'Awa', 'book:nationality:CI', 'book:skip', 'book:consent:yes', 'book:skip', 'book:skip', 'book:skip', 'book:skip', 'book:confirm']) await bot.say(web, s);
    const [booking] = await bot.appointments.upcoming(personKeyOf('webchat', web.id));
    const ref = booking!.ref;
    await run(web, [[`appt:confirm:${ref}`, 'Merci ! L\'équipe vous attend le jeudi 10 décembre à 09:00 à Oujda.']], bot);
    await run(web, [
      [`appt:move:${ref}`, 'Dans quel point', ['book:point:oujda']],
      ['book:point:oujda', /./],
      ['book:day:2026-12-11', /./],
      ['book:slot:11:00', 'Vérifiez'],
      ['book:confirm', 'Rendez-vous déplacé'],
    ], bot);
    const [moved] = await bot.appointments.upcoming(personKeyOf('webchat', web.id));
    expect(moved).toMatchObject({ date: '2026-12-11', time: '11:00' });
    await run(web, [[`appt:cancel:${ref}`, 'Je ne trouve pas ce rendez-vous']], bot);
    await run(web, [[`appt:cancel:${moved!.ref}`, 'est annulé']], bot);
    // Someone else's reference does nothing to it.
    const other: TestUser = { channel: 'webchat', id: 'intruder' };
    await run(other, [[`appt:cancel:${moved!.ref}`, 'Je ne trouve pas ce rendez-vous']], bot);
  });

  it('when the hold lapsed the answers went with it: the person is told, the seat went to someone else, and a new booking works', async () => {
    const clock = manualClock();
    const bot = await bookingBot({ now: clock.now, points: testPoints((c) => void (c.points[0]!.seatsPerSlot = 1)) });
    const other: TestUser = { channel: 'webchat', id: 'quick' };
    for (const s of ['intent.book', 'book:point:casablanca', 'book:day:2026-12-10', 'book:slot:09:00', 'Awa', 'book:nationality:CI', 'book:skip', 'book:consent:yes', 'book:skip', 'book:skip', 'book:skip']) await bot.say(web, s);
    clock.advance(11 * 60_000);
    for (const s of ['intent.book', 'book:point:casablanca', 'book:day:2026-12-10']) await bot.say(other, s);
    expect(summarise(await bot.say(other, 'book:slot:09:00')).text).toContain('Je vous garde la place');
    const expired = summarise(await bot.say(web, 'book:skip'));
    expect(expired.text).toContain("Le temps pour finir la réservation est passé");
    expect(expired.buttons).toEqual(['intent.book', 'menu']);
    expect(await bot.appointments.draft(personKeyOf('webchat', web.id))).toBeUndefined();
    // Starting again offers the other times, and the new answers make the booking.
    await run(web, [
      ['intent.book', /./], ['book:point:casablanca', /./],
      ['book:day:2026-12-10', /./, ['book:slot:09:30']],
      ['book:slot:09:30', /./], ['Awa', /./], ['book:nationality:CI', /./], ['book:skip', /./], ['book:consent:yes', /./],
      ['book:skip', /./], ['book:skip', /./], ['book:skip', /./], ['book:skip', 'Vérifiez votre rendez-vous', ['book:confirm']],
      ['book:confirm', 'Rendez-vous confirmé'],
    ], bot);
    expect((await bot.appointments.upcoming(personKeyOf('webchat', web.id)))[0]).toMatchObject({ time: '09:30', firstName: 'Awa' });
  });
});
