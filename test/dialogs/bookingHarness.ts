import type { Activity } from 'botbuilder';
import { AppointmentService } from '../../src/domain/appointments/appointmentService.js';
import type { OrientationPointsConfig } from '../../src/domain/appointments/orientationPoints.js';
import { fixedOrientationPoints } from '../../src/domain/appointments/orientationPointsStore.js';
import type { AppointmentStore } from '../../src/stores/appointmentStore.js';
import type { BookingDraftStore } from '../../src/stores/bookingDraftStore.js';
import { MemoryAppointmentStore } from '../../src/stores/memory/memoryAppointmentStore.js';
import { APPT_NOW, testPoints } from '../helpers/appointments.js';
import { dialogHarness, tableUnderstander } from '../helpers/dialogHarness.js';

/** Typed phrases the table understander maps to intents (the real matcher is tested elsewhere). */
export const understander = tableUnderstander({
  'je veux un rendez-vous': { id: 'intent.book', lang: 'fr', score: 0.9 },
  'i want an appointment': { id: 'intent.book', lang: 'en', score: 0.9 },
  'بغيت موعد': { id: 'intent.book', lang: 'ar', score: 0.9 },
  'mon rendez-vous': { id: 'intent.cancel', lang: 'fr', score: 0.9 },
  'my appointment': { id: 'intent.cancel', lang: 'en', score: 0.9 },
  'supprimer mes données': { id: 'intent.delete_data', lang: 'fr', score: 0.9 },
  'je veux effacer mes données': { id: 'intent.delete_data', lang: 'fr', score: 0.9 },
});

/** One user of a booking test: channel and id. */
export interface TestUser {
  readonly channel: string;
  readonly id: string;
}

/** The real bot with an appointment service on `store`, talking as `user`; each `say` returns that turn's replies. */
export async function bookingBot(options: { store?: AppointmentStore; points?: OrientationPointsConfig; now?: () => number; drafts?: BookingDraftStore } = {}) {
  const store = options.store ?? new MemoryAppointmentStore();
  const appointments = new AppointmentService({
    store,
    points: fixedOrientationPoints(options.points ?? testPoints()),
    now: options.now ?? (() => APPT_NOW),
    ...(options.drafts ? { drafts: options.drafts } : {}),
  });
  const harness = await dialogHarness({ understander, appointments });
  const say = async (user: TestUser, text: string): Promise<Partial<Activity>[]> => {
    const conversationId = `conv-${user.channel}-${user.id}`;
    await harness.adapter.receiveActivity({
      type: 'message',
      text,
      channelId: user.channel,
      from: { id: user.id, name: 'user' },
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    } as Partial<Activity>);
    // Turns of different users may run at once: take only this conversation's replies.
    const queue = harness.adapter.activeQueue;
    const mine = queue.filter((a) => a.conversation?.id === conversationId);
    const others = queue.filter((a) => a.conversation?.id !== conversationId);
    queue.splice(0, queue.length, ...others);
    return mine;
  };
  return { ...harness, store, appointments, say };
}

/** Texts and button values of replies, for compact assertions. */
export function summarise(replies: Partial<Activity>[]) {
  return {
    text: replies.map((r) => r.text ?? '').join('\n---\n'),
    buttons: replies.flatMap((r) => (r.suggestedActions?.actions ?? []).map((a) => String(a.value))),
    locale: replies[0]?.locale,
  };
}
