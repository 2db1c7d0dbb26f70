import { afterEach, describe, expect, it } from 'vitest';
import type { ProactiveNotice } from '../../../src/channels/channelNotifier.js';
import { createMenuMemory } from '../../../src/channels/whatsapp/menuMemory.js';
import { createWhatsAppNotifier } from '../../../src/channels/whatsapp/whatsappNotifier.js';
import { createTranslator } from '../../../src/i18n/i18n.js';
import { MemoryMenuMemory } from '../../../src/stores/memory/memoryMenuMemory.js';
import { senderFixture } from './senderFixtures.js';

const translator = await createTranslator('locales');
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

const WA = '212612345678';
const contact = { channel: 'whatsapp', userId: WA, conversationId: WA };
const notice: ProactiveNotice = {
  lang: 'fr',
  text: '⏰ Rappel : vous avez rendez-vous demain.',
  buttons: [
    { title: '✅ Je viendrai', value: 'appt:confirm:K7RM4X' },
    { title: '🔁 Déplacer', value: 'appt:move:K7RM4X' },
    { title: '❌ Annuler le RDV', value: 'appt:cancel:K7RM4X' },
  ],
  templateParams: ['jeudi 10 décembre', '09:00', 'Casablanca', 'K7RM4X'],
};

async function setup(template?: { name: string; language: string }, cancellationTemplate?: { name: string; language: string }) {
  const f = await senderFixture();
  stops.push(() => f.fake.stop());
  const notifier = createWhatsAppNotifier({
    sender: f.sender,
    contacts: f.contacts,
    menuMemory: createMenuMemory(new MemoryMenuMemory()),
    translator,
    now: () => f.clock.now(),
    ...(template ? { template } : {}),
    ...(cancellationTemplate ? { cancellationTemplate } : {}),
  });
  return { ...f, notifier };
}

describe('createWhatsAppNotifier', () => {
  it('inside the 24-hour window sends the reminder with one-tap buttons, once per key', async () => {
    const f = await setup({ name: 'appointment_reminder', language: 'fr' });
    f.wrote(WA);
    expect(await f.notifier.notify(contact, notice, 'reminder:K7RM4X:dayBefore')).toBe('sent');
    expect(await f.notifier.notify(contact, notice, 'reminder:K7RM4X:dayBefore')).toBe('sent');
    const sent = f.fake.sentMessages();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: WA, type: 'interactive', interactive: { type: 'button', body: { text: notice.text } } });
    const ids = (sent[0] as { interactive: { action: { buttons: Array<{ reply: { id: string } }> } } }).interactive.action.buttons.map((b) => b.reply.id);
    expect(ids).toEqual(['appt:confirm:K7RM4X', 'appt:move:K7RM4X', 'appt:cancel:K7RM4X']);
  });

  it('outside the window sends the configured template, with the date, time, point and reference and quick-reply payloads', async () => {
    const f = await setup({ name: 'appointment_reminder', language: 'fr' });
    expect(await f.notifier.notify(contact, notice, 'reminder:K7RM4X:morning')).toBe('sent');
    const [message] = f.fake.sentMessages();
    expect(message).toMatchObject({
      type: 'template',
      template: {
        name: 'appointment_reminder',
        language: { code: 'fr' },
        components: [
          { type: 'body', parameters: notice.templateParams!.map((text) => ({ type: 'text', text })) },
          { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'appt:confirm:K7RM4X' }] },
          { type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'appt:move:K7RM4X' }] },
          { type: 'button', sub_type: 'quick_reply', index: '2', parameters: [{ type: 'payload', payload: 'appt:cancel:K7RM4X' }] },
        ],
      },
    });
  });

  it('outside the window without a template holds the reminder for a caseworker', async () => {
    const f = await setup();
    expect(await f.notifier.notify(contact, notice, 'reminder:K7RM4X:morning')).toBe('held');
    expect(f.fake.sentMessages()).toEqual([]);
    expect(await f.sender.list('held')).toHaveLength(1);
  });

  it("outside the window sends a staff cancellation with the cancellation template, never the reminder's", async () => {
    const cancellation: ProactiveNotice = {
      lang: 'fr',
      text: "L'équipe a dû annuler votre rendez-vous.",
      buttons: [{ title: '📅 Prendre rendez-vous', value: 'intent.book' }],
      templateParams: ['jeudi 10 décembre', '09:00', 'Casablanca', 'K7RM4X'],
      templateKind: 'cancellation',
    };
    const f = await setup({ name: 'appointment_reminder', language: 'fr' }, { name: 'appointment_cancelled', language: 'fr' });
    expect(await f.notifier.notify(contact, cancellation, 'staff-cancel:K7RM4X')).toBe('sent');
    expect(f.fake.sentMessages()).toEqual([expect.objectContaining({
      type: 'template',
      template: {
        name: 'appointment_cancelled',
        language: { code: 'fr' },
        components: [
          { type: 'body', parameters: cancellation.templateParams!.map((text) => ({ type: 'text', text })) },
          { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'intent.book' }] },
        ],
      },
    })]);
    const reminderOnly = await setup({ name: 'appointment_reminder', language: 'fr' });
    expect(await reminderOnly.notifier.notify(contact, cancellation, 'staff-cancel:K7RM4X')).toBe('held');
    expect(reminderOnly.fake.sentMessages()).toEqual([]);
  });
});
