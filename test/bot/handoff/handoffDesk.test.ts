import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { HANDOFF_CANCEL } from '../../../src/bot/handoff/handoffDesk.js';
import { HandoffQueue } from '../../../src/domain/handoff/handoffQueue.js';
import { parseOfficeHours } from '../../../src/domain/handoff/officeHours.js';
import { MemoryHandoffStore } from '../../../src/stores/memory/memoryHandoffStore.js';
import { AppointmentService } from '../../../src/domain/appointments/appointmentService.js';
import { fixedOrientationPoints } from '../../../src/domain/appointments/orientationPointsStore.js';
import { personKeyOf } from '../../../src/domain/appointments/personKey.js';
import { isVulnerablePreRegistration } from '../../../src/domain/handoff/vulnerability.js';
import { MemoryAppointmentStore } from '../../../src/stores/memory/memoryAppointmentStore.js';
import type { SafetyDetector } from '../../../src/domain/safety/safetyDetector.js';
import { buttonValues, dialogHarness, fixedContent, tableUnderstander } from '../../helpers/dialogHarness.js';
import { APPT_NOW, testPoints } from '../../helpers/appointments.js';

const understander = tableUnderstander({
  'je veux parler à quelqu’un': { id: 'intent.human', lang: 'fr', score: 0.9 },
  'i want a person': { id: 'intent.human', lang: 'en', score: 0.9 },
  'أريد شخصا': { id: 'intent.human', lang: 'ar', score: 0.9 },
  'au secours': { id: 'intent.emergency', lang: 'fr', score: 0.9 },
  // A weak guess of the matcher's alone (the safety detector stays silent on it).
  'je suis là': { id: 'intent.emergency', lang: 'fr', score: 0.101 },
  bonjour: { id: 'intent.greeting', lang: 'fr', score: 0.9 },
  "c'est gratuit ?": { id: 'avrr.cost', lang: 'fr', score: 0.9 },
  'supprimez mes données': { id: 'intent.delete_data', lang: 'fr', score: 0.9 },
});

async function setup(options: { officeHours?: string; now?: number; appointments?: AppointmentService; safety?: SafetyDetector } = {}) {
  const clock = { now: options.now ?? Date.parse('2026-12-01T10:00:00Z') };
  const queue = new HandoffQueue({ store: new MemoryHandoffStore(), now: () => clock.now });
  const officeHours = options.officeHours === undefined ? undefined : parseOfficeHours(options.officeHours);
  const content = fixedContent([{ id: 'avrr.cost', lang: 'fr', title: 'Coût du retour', examples: ['x'], answer: 'Le retour est gratuit.', followUps: [] }]);
  const detector = options.safety;
  const { adapter } = await dialogHarness({ understander, content, handoff: { queue, officeHours, now: () => clock.now }, appointments: options.appointments, ...(detector ? { safety: { safety: () => detector } } : {}) });
  const say = async (turn: string | Partial<Activity>) => {
    const before = adapter.activeQueue.length;
    await adapter.receiveActivity(turn);
    return adapter.activeQueue.splice(before);
  };
  await say('bonjour'); // past the first-contact welcome
  // TestAdapter's user and channel.
  const ticket = () => queue.openTicketOf('test', 'user1');
  return { queue, say, ticket, clock };
}

describe('HandoffDesk', () => {
  it('opens a ticket when a person is asked for: privacy line once, place, wait, and a way back', async () => {
    const { say, ticket, queue } = await setup();
    const [first] = await say('je veux parler à quelqu’un');
    expect(first?.text).toContain('supprimer mes données');
    expect(first?.text).toContain('numéro 1');
    expect(first?.text).toContain('dès que possible');
    expect(buttonValues(first!)).toEqual([HANDOFF_CANCEL]);
    const open = await ticket();
    expect(open).toMatchObject({ status: 'waiting', priority: 'normal', reasons: ['asked'], language: 'fr' });

    // Quiet while the ticket is open: the message goes to the transcript.
    expect(await say('vous êtes là ?')).toEqual([]);
    expect((await queue.transcript(open!.id)).filter((l) => l.from === 'user').map((l) => l.text)).toEqual(['je veux parler à quelqu’un', 'vous êtes là ?']);

    // Back to the assistant, then the bot answers again; a second handoff has no privacy line.
    const [back] = await say({ type: 'message', text: HANDOFF_CANCEL });
    expect(back?.text).toContain("retour avec l'assistant");
    expect((await queue.get(open!.id))?.status).toBe('cancelled');
    expect((await say('bonjour'))[0]?.text).toMatch(/^Bonjour/);
    const [again] = await say('je veux parler à quelqu’un');
    expect(again?.text).not.toContain('supprimer mes données');
  });

  it('writes the transcript lines of a re-run turn (same inbound message id) once', async () => {
    const { say, ticket, queue } = await setup();
    await say({ type: 'message', text: 'je veux parler à quelqu’un', id: 'm-1' });
    const open = await ticket();
    await say({ type: 'message', text: 'vous êtes là ?', id: 'm-2' });
    const once = await queue.transcript(open!.id);
    expect(once.map((l) => l.from)).toEqual(['user', 'bot', 'user']);
    await say({ type: 'message', text: 'je veux parler à quelqu’un', id: 'm-1' });
    await say({ type: 'message', text: 'vous êtes là ?', id: 'm-2' });
    expect(await queue.transcript(open!.id)).toEqual(once);
    // A new message is a new line, though its text is the same.
    await say({ type: 'message', text: 'vous êtes là ?', id: 'm-3' });
    expect((await queue.transcript(open!.id)).length).toBe(4);
  });

  it('answers in the user language and gives a realistic wait from recent waits', async () => {
    const { say, queue, clock } = await setup();
    const earlier = await queue.open({ channel: 'webchat', userId: 'x', conversationId: 'x', language: 'fr', priority: 'normal', reason: 'asked' });
    clock.now += 25 * 60_000;
    await queue.claim(earlier.ticket.id, 'amina');
    const [reply] = await say('i want a person');
    expect(reply?.text).toContain('number 1 in the queue');
    expect(reply?.text).toContain('about 25 minutes');
  });

  it('outside office hours says when someone will answer (Morocco time)', async () => {
    // Saturday 2026-12-05 10:00 UTC (10:00 in Casablanca): next opening Monday 09:00.
    const { say } = await setup({ officeHours: 'mon-fri 09:00-17:00', now: Date.parse('2026-12-05T10:00:00Z') });
    const [reply] = await say('أريد شخصا');
    expect(reply?.text).toContain('الاثنين');
    expect(reply?.text).toContain('09:00');
  });

  it('answers an emergency first, then opens an urgent ticket at the head of the queue', async () => {
    const { say, ticket, queue } = await setup();
    await queue.open({ channel: 'webchat', userId: 'before', conversationId: 'x', language: 'fr', priority: 'normal', reason: 'asked' });
    const [emergency, queued] = await say('au secours');
    expect(emergency?.text).toContain('urgences');
    expect(queued?.text).toContain('urgent');
    expect(queued?.text).toContain('numéro 1');
    expect(await ticket()).toMatchObject({ priority: 'urgent', reasons: ['emergency'] });
  });

  it('raises an open ticket to urgent when the user writes an emergency, with the emergency reply first', async () => {
    const { say, ticket } = await setup();
    await say('je veux parler à quelqu’un');
    const [emergency] = await say('au secours');
    expect(emergency?.text).toContain('urgences');
    expect(await ticket()).toMatchObject({ priority: 'urgent', reasons: ['asked', 'emergency'] });
  });

  it('with the safety detector on, only its firing raises an open ticket: a weak emergency guess of the matcher does not', async () => {
    const safety: SafetyDetector = {
      detect: (text) => (text === 'au secours' ? { category: 'danger', rule: 'phrase', matches: [{ category: 'danger', rule: 'phrase' }] } : null),
      reply: () => '⚠️ urgences',
    };
    const { say, ticket } = await setup({ safety });
    await say('je veux parler à quelqu’un');
    const quiet = await say('je suis là');
    expect(quiet.map((a) => a.text ?? '').join(' ')).not.toContain('urgences');
    expect(await ticket()).toMatchObject({ priority: 'normal', reasons: ['asked'] });
    await say('au secours');
    expect(await ticket()).toMatchObject({ priority: 'urgent', reasons: ['asked', 'emergency'] });
  });

  it('hands over after two messages in a row it did not understand', async () => {
    const { say, ticket } = await setup();
    await say('blabla');
    expect(await ticket()).toBeUndefined();
    await say('bla bla bla');
    expect(await ticket()).toMatchObject({ reasons: ['not_understood'] });
  });

  it('hands a voice note to a person, with its media reference in the ticket and the transcript', async () => {
    const { say, ticket, queue } = await setup();
    const [reply] = await say({ type: 'message', channelData: { messageKind: 'voice', mediaId: 'media-1' } });
    expect(reply?.text).toContain('écouter');
    const open = await ticket();
    expect(open).toMatchObject({ reasons: ['media'], media: [{ kind: 'voice', mediaId: 'media-1' }] });
    expect((await queue.transcript(open!.id))[0]).toMatchObject({ from: 'user', media: { kind: 'voice', mediaId: 'media-1' } });
  });

  it('answers a media the channel does not keep (web chat upload) without a handoff', async () => {
    const { say, ticket } = await setup();
    const [reply] = await say({ type: 'message', channelData: { messageKind: 'image' } });
    expect(reply?.text).toContain('🖼️');
    expect(await ticket()).toBeUndefined();
  });

  it('gives the caseworker the topics asked and the message that led to the handoff', async () => {
    const { say, ticket, queue } = await setup();
    await say("c'est gratuit ?");
    await say('je veux parler à quelqu’un');
    const open = await ticket();
    expect(open?.summary).toEqual(['Coût du retour']);
    expect((await queue.transcript(open!.id)).map((l) => [l.from, l.text?.slice(0, 20)])).toEqual([
      ['user', 'je veux parler à que'],
      ['bot', expect.stringContaining('Une personne') as unknown as string],
    ]);
  });

  it('"delete my data" during a handoff leaves the queue and erases the tickets', async () => {
    const { say, ticket, queue } = await setup();
    await say('je veux parler à quelqu’un');
    const open = await ticket();
    await say({ type: 'message', text: 'intent.delete_data' });
    await say({ type: 'message', text: 'yes' });
    expect(await queue.get(open!.id)).toBeUndefined();
    expect(await queue.counts()).toMatchObject({ erased: 1 });
  });

  it("raises the ticket to 'vulnerable' when the user's booking declared urgent medical needs", async () => {
    const appointments = new AppointmentService({ store: new MemoryAppointmentStore(), points: fixedOrientationPoints(testPoints()), now: () => APPT_NOW });
    const person = personKeyOf('test', 'user1');
    const held = await appointments.hold(person, 'casablanca', '2026-12-10', '09:00');
    if (held.status !== 'held') throw new Error('not held');
    const booked = await appointments.confirm(person, held.seat, {
      firstName: 'Awa', nationality: 'CI', phone: '+212612345678',
      contact: { channel: 'test', userId: 'user1', conversationId: 'c1', lang: 'fr' },
      preRegistration: { adults: 1, urgentMedical: true },
    });
    expect(booked.status).toBe('booked');
    const { say, ticket } = await setup({ appointments, now: APPT_NOW });
    await say('je veux parler à quelqu’un');
    expect(await ticket()).toMatchObject({ status: 'waiting', priority: 'vulnerable' });
  });

  it('reads vulnerability in pre-registration answers: urgent medical needs, or children with no adult', () => {
    expect(isVulnerablePreRegistration(undefined)).toBe(false);
    expect(isVulnerablePreRegistration({ adults: 2, children: 1, urgentMedical: false })).toBe(false);
    expect(isVulnerablePreRegistration({ urgentMedical: true })).toBe(true);
    expect(isVulnerablePreRegistration({ adults: 0, children: 2 })).toBe(true);
  });
});
