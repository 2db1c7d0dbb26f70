import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { routeByChannel } from '../../../src/channels/channelNotifier.js';
import { createWebChatNotifier } from '../../../src/channels/webchat/webChatNotifier.js';
import { AppointmentService } from '../../../src/domain/appointments/appointmentService.js';
import { fixedOrientationPoints } from '../../../src/domain/appointments/orientationPointsStore.js';
import { ReminderWorker } from '../../../src/domain/appointments/reminderWorker.js';
import { createTranslator } from '../../../src/i18n/i18n.js';
import type { AppointmentStore } from '../../../src/stores/appointmentStore.js';
import { MemoryAppointmentStore } from '../../../src/stores/memory/memoryAppointmentStore.js';
import { MemoryConversationLog } from '../../../src/stores/memory/memoryConversationLog.js';
import { RedisAppointmentStore } from '../../../src/stores/redis/redisAppointmentStore.js';
import { RedisConversationLog } from '../../../src/stores/redis/redisConversationLog.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import type { ConversationLog } from '../../../src/stores/types.js';
import { manualClock, testPoints } from '../../helpers/appointments.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

const opened: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const close of opened) await close();
});

const notice = { lang: 'en' as const, text: '⏰ Reminder', buttons: [{ title: '✅ I will come', value: 'appt:confirm:K7RM4X' }] };

describe('createWebChatNotifier', () => {
  it("appends the message with its buttons to the person's conversation", async () => {
    const log = new MemoryConversationLog(3600);
    await log.create('conv-1');
    const notifier = createWebChatNotifier(log);
    expect(await notifier.notify({ channel: 'webchat', userId: 'u1', conversationId: 'conv-1' }, notice, 'k')).toBe('sent');
    const page = await log.read('conv-1', 0);
    expect(page.activities[0]).toMatchObject({
      type: 'message',
      text: '⏰ Reminder',
      locale: 'en',
      from: { role: 'bot' },
      recipient: { id: 'u1' },
      suggestedActions: { actions: [{ type: 'postBack', value: 'appt:confirm:K7RM4X' }] },
    });
    await log.close();
  });

  it('cannot reach an expired conversation, nor a channel that is not enabled', async () => {
    const log = new MemoryConversationLog(3600);
    const router = routeByChannel({ webchat: createWebChatNotifier(log) });
    expect(await router.notify({ channel: 'webchat', userId: 'u1', conversationId: 'gone' }, notice, 'k')).toBe('unreachable');
    expect(await router.notify({ channel: 'whatsapp', userId: '2126', conversationId: '2126' }, notice, 'k')).toBe('unreachable');
    await log.close();
  });
});

describe('createWebChatNotifier under the ReminderWorker', () => {
  const backends: Array<[string, () => { log: ConversationLog; store: AppointmentStore }]> = [
    ['memory', () => ({ log: new MemoryConversationLog(3600), store: new MemoryAppointmentStore() })],
    ['redis', () => {
      const keys = redisKeys(uniquePrefix('wcn'));
      const client = new Redis(inject('redisUrl'));
      const log = new RedisConversationLog(client, keys, 3600);
      opened.push(() => log.close(), () => client.quit());
      return { log, store: new RedisAppointmentStore(client, keys) };
    }],
  ];

  it.each(backends)('shows a reminder once when the worker crashed between the append and its acknowledgement (%s)', async (_name, make) => {
    const { log, store } = make();
    const translator = await createTranslator('locales');
    const points = fixedOrientationPoints(testPoints());
    const clock = manualClock();
    await log.create('conv-r');
    const service = new AppointmentService({ store, points, now: clock.now });
    const held = await service.hold('p1', 'casablanca', '2026-12-10', '09:00');
    if (held.status !== 'held') throw new Error('not held');
    const booked = await service.confirm('p1', held.seat, { firstName: 'Awa', nationality: 'CI', contact: { channel: 'webchat', userId: 'p1', conversationId: 'conv-r', lang: 'en' } });
    if (booked.status !== 'booked') throw new Error('not booked');
    const reminders = () => log.read('conv-r', 0).then((page) => page.activities.filter((a) => String(a.text).includes(booked.booking.ref)));

    // The first worker appends the reminder, then dies before acknowledging it: the reminder stays leased.
    let crashes = 1;
    const crashingStore: AppointmentStore = Object.create(store, {
      ackReminder: { value: async () => { if (crashes-- > 0) throw new Error('process died'); } },
    });
    const worker = (s: AppointmentStore) =>
      new ReminderWorker({ store: s, points, translator, notifier: createWebChatNotifier(log), logger: pino({ level: 'silent' }), now: clock.now, leaseMs: 60_000 });
    clock.set(Date.UTC(2026, 11, 9, 18));
    await worker(crashingStore).runOnce();
    expect(await reminders()).toHaveLength(1);

    // After the lease another worker takes it again and sends it: the conversation's reply marker keeps it single.
    clock.advance(60_000);
    expect(await worker(store).runOnce()).toBe(1);
    expect(await reminders()).toHaveLength(1);
    // It was acknowledged this time: nothing is left to retry.
    clock.advance(60_000);
    expect(await worker(store).runOnce()).toBe(0);
    expect(await reminders()).toHaveLength(1);
  });
});
