import type { Activity, TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMenuMemory } from '../../../src/channels/whatsapp/menuMemory.js';
import { createWhatsAppTurnHandler } from '../../../src/channels/whatsapp/whatsappTurnHandler.js';
import type { WhatsAppInbound } from '../../../src/channels/whatsapp/inboundActivity.js';
import { MemoryMenuMemory } from '../../../src/stores/memory/memoryMenuMemory.js';
import { MemoryWhatsAppContacts } from '../../../src/stores/memory/memoryWhatsAppContacts.js';
import type { InboundMessage } from '../../../src/stores/types.js';

const USER = '212600000001';

function queued(inbound: Partial<WhatsAppInbound>): InboundMessage {
  const full: WhatsAppInbound = { messageId: 'wamid.T1', waId: USER, phoneNumberId: '100200300', sentAt: 1_750_000_000_000, kind: 'text', text: 'hi', ...inbound };
  return { id: full.messageId, conversationKey: `whatsapp:${USER}`, channel: 'whatsapp', payload: JSON.stringify(full) };
}

function setup(options: { markRead?: () => Promise<void>; botError?: Error } = {}) {
  const activities: Partial<Activity>[] = [];
  const ran: string[] = [];
  const reads: string[] = [];
  const menuMemory = createMenuMemory(new MemoryMenuMemory());
  const contacts = new MemoryWhatsAppContacts();
  const adapter = {
    processActivity: async (activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>) => {
      activities.push(activity);
      await logic({ activity } as TurnContext);
    },
  };
  const bot = {
    run: async (context: TurnContext) => {
      if (options.botError) throw options.botError;
      ran.push(context.activity.text);
    },
  };
  const sender = { markRead: options.markRead ?? (async (id: string) => void reads.push(id)) };
  const handler = createWhatsAppTurnHandler({ adapter, bot, menuMemory, contacts, sender, logger: pino({ level: 'silent' }) });
  return { handler, activities, ran, reads, menuMemory, contacts };
}

describe('createWhatsAppTurnHandler', () => {
  it('marks the message read, records the inbound time and runs the bot on the activity', async () => {
    const { handler, activities, ran, reads, contacts } = setup();
    await handler(queued({ text: 'combien ça coûte' }));
    expect(reads).toEqual(['wamid.T1']);
    expect(ran).toEqual(['combien ça coûte']);
    expect(activities[0]).toMatchObject({ id: 'wamid.T1', channelId: 'whatsapp', from: { id: USER, role: 'user' } });
    expect(await contacts.lastInboundAt(USER)).toBe(1_750_000_000_000);
  });

  it('resolves a number answering the last numbered menu, in Latin or Arabic-Indic digits', async () => {
    const { handler, activities, menuMemory } = setup();
    await menuMemory.remember(USER, ['faq:avrr.cost', 'intent.book', 'menu', 'lang:ar']);
    await handler(queued({ messageId: 'wamid.T2', text: ' 2 ' }));
    await handler(queued({ messageId: 'wamid.T3', text: '٤' }));
    await handler(queued({ messageId: 'wamid.T4', text: '9' }));
    expect(activities.map((a) => [a.text, a.value])).toEqual([
      ['intent.book', { command: 'intent.book' }],
      ['lang:ar', { command: 'lang:ar' }],
      ['9', undefined],
    ]);
  });

  it('does not resolve a number for a button reply or when no menu was sent', async () => {
    const { handler, activities } = setup();
    await handler(queued({ text: '1' }));
    await handler(queued({ messageId: 'wamid.T5', kind: 'command', command: 'menu', text: undefined }));
    expect(activities.map((a) => a.text)).toEqual(['1', 'menu']);
  });

  it('still runs the turn when the read receipt fails', async () => {
    const { handler, ran } = setup({ markRead: async () => Promise.reject(new Error('graph down')) });
    await handler(queued({ text: 'hello' }));
    expect(ran).toEqual(['hello']);
  });

  it('runs the turn for a reaction (the bot decides to stay silent)', async () => {
    const { handler, activities } = setup();
    await handler(queued({ kind: 'reaction', emoji: '🙏', text: undefined }));
    expect(activities[0]).toMatchObject({ text: '', channelData: { messageKind: 'reaction', emoji: '🙏' } });
  });

  it('rejects when the turn fails, so the worker retries it', async () => {
    const { handler } = setup({ botError: new Error('boom') });
    await expect(handler(queued({}))).rejects.toThrow('boom');
  });

  it('drops an unreadable payload instead of blocking the user', async () => {
    const { handler, activities } = setup();
    await handler({ id: 'x', conversationKey: 'whatsapp:1', channel: 'whatsapp', payload: '{"not":"ours"}' });
    await handler({ id: 'y', conversationKey: 'whatsapp:1', channel: 'whatsapp', payload: 'not json' });
    expect(activities).toEqual([]);
  });
});
