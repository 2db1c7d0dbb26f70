import { pino } from 'pino';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsappAdapter.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createAssistantBot } from '../../../src/bot/createAssistantBot.js';
import { startFakeGraphServer, type FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { createWhatsAppOutbound } from '../../../src/channels/whatsapp/whatsappOutbound.js';
import { createTranslator } from '../../../src/i18n/i18n.js';
import { MemoryStateStorage } from '../../../src/stores/memory/memoryStateStorage.js';
import { MemoryWhatsAppContacts } from '../../../src/stores/memory/memoryWhatsAppContacts.js';
import { fixedContent, tableUnderstander } from '../../helpers/dialogHarness.js';
import { outboundTestConfig } from './webhookFixtures.js';

const USER = '212600000005';
let fake: FakeGraphServer | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

/** The real bot answering through the real WhatsApp outbound path, against the fake Graph API. */
async function realBot() {
  fake = await startFakeGraphServer();
  const translator = await createTranslator('locales');
  const logger = pino({ level: 'silent' });
  const contacts = new MemoryWhatsAppContacts();
  const outbound = createWhatsAppOutbound({
    config: outboundTestConfig(fake.url),
    backend: {},
    contacts,
    translator,
    logger,
  });
  const adapter = new WhatsAppAdapter(outbound.adapterOptions);
  const assistant = createAssistantBot({
    storage: new MemoryStateStorage(3600),
    translator,
    understander: () => tableUnderstander({}),
    content: fixedContent([]),
    defaultLanguage: 'fr',
    logger,
  });
  adapter.onTurnError = assistant.onTurnError;
  let n = 0;
  const say = async (text: string) => {
    const id = `wamid.IN${++n}`;
    await contacts.recordInbound(USER, Date.now());
    await adapter.processActivity(
      {
        type: 'message',
        id,
        channelId: 'whatsapp',
        from: { id: USER, name: '', role: 'user' },
        conversation: { id: USER, name: '', isGroup: false, conversationType: 'personal' },
        recipient: { id: '100200300', name: '', role: 'bot' },
        timestamp: new Date(),
        text,
      },
      (context) => assistant.bot.run(context),
    );
  };
  return { say, contacts, outbound };
}

describe('WhatsAppAdapter with the real bot', () => {
  it('answers "menu" with Graph-valid interactive messages whose ids are command values', async () => {
    const { say, contacts } = await realBot();
    await say('menu');
    const sent = fake!.sentMessages();
    expect(sent.length).toBeGreaterThan(0);
    for (const m of sent) {
      expect(m.to).toBe(USER);
      const interactive = m.interactive as { type: string; body: { text: string }; action: Record<string, unknown> } | undefined;
      if (!interactive) continue;
      expect(interactive.body.text.length).toBeLessThanOrEqual(1024);
      if (interactive.type === 'button') {
        for (const b of interactive.action.buttons as Array<{ reply: { id: string; title: string } }>) expect(b.reply.title.length).toBeLessThanOrEqual(20);
      } else {
        const rows = (interactive.action.sections as Array<{ rows: Array<{ id: string; title: string }> }>).flatMap((s) => s.rows);
        expect(rows.length).toBeLessThanOrEqual(10);
        for (const r of rows) expect(r.title.length).toBeLessThanOrEqual(24);
        expect(rows.map((r) => r.id)).toContain('intent.book');
      }
    }
    expect(sent.some((m) => m.type === 'interactive')).toBe(true);
    // The last accepted message is the one whose delivery statuses the contact store keeps.
    const lastId = `wamid.fake.${sent.length}`;
    expect(await contacts.recordStatus({ waId: USER, messageId: lastId, status: 'delivered', at: Date.now() })).toBe(true);
  });
});
