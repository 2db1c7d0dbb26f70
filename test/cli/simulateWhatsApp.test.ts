import { turnParts } from '../helpers/turnParts.js';
import type { TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderGraphMessage, simulatedMessage, startSimulatorSession, type SimulatorSession } from '../../src/cli/simulateWhatsApp.js';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { GraphClient } from '../../src/channels/whatsapp/graphClient.js';
import { createMenuMemory } from '../../src/channels/whatsapp/menuMemory.js';
import { WhatsAppAdapter } from '../../src/channels/whatsapp/whatsappAdapter.js';
import { WhatsAppSender } from '../../src/channels/whatsapp/whatsappSender.js';
import { createWhatsAppTurnHandler } from '../../src/channels/whatsapp/whatsappTurnHandler.js';
import { registerWhatsAppRoutes } from '../../src/channels/whatsapp/whatsappWebhook.js';
import { ConfigSchema } from '../../src/config/config.js';
import { createHttpServer } from '../../src/http/createHttpServer.js';
import { createTranslator, type Translator } from '../../src/i18n/i18n.js';
import { TurnWorker } from '../../src/pipeline/turnWorker.js';
import { MemoryInboundQueue } from '../../src/stores/memory/memoryInboundQueue.js';
import { MemoryMenuMemory } from '../../src/stores/memory/memoryMenuMemory.js';
import { MemoryOutbox } from '../../src/stores/memory/memoryOutbox.js';
import { MemoryWhatsAppContacts } from '../../src/stores/memory/memoryWhatsAppContacts.js';
import { waitFor } from '../helpers/appProcess.js';
import { listenOnLoopback } from '../helpers/httpServer.js';

const logger = pino({ level: 'silent' });
const SECRET = 'simulator-secret';
const NUMBER = '100200300';
let translator: Translator;
const cleanups: Array<() => Promise<unknown> | void> = [];
beforeAll(async () => {
  translator = await createTranslator('locales');
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A small assistant: the real webhook, queue, worker, adapter and sender, with a bot describing what it got. */
async function assistant(fake: FakeGraphServer): Promise<string> {
  const queue = new MemoryInboundQueue({ maxDepth: 100 });
  const contacts = new MemoryWhatsAppContacts();
  const menuMemory = createMenuMemory(new MemoryMenuMemory());
  const sender = new WhatsAppSender({ graph: new GraphClient({ apiUrl: fake.url, phoneNumberId: NUMBER, accessToken: 't' }), outbox: new MemoryOutbox(), contacts, logger });
  const adapter = new WhatsAppAdapter({ sender, menuMemory, translator, logger });
  const bot = {
    run: async (context: TurnContext) => {
      const kind = (context.activity.channelData as { messageKind?: string } | undefined)?.messageKind ?? 'text';
      await context.sendActivity({
        type: 'message',
        locale: 'en',
        text: `got ${kind}: ${context.activity.text}`,
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Book', value: 'intent.book' }, { type: 'imBack', title: 'Menu', value: 'menu' }] },
      });
    },
  };
  const handler = createWhatsAppTurnHandler({ ...turnParts(), adapter, bot, menuMemory, contacts, sender, logger });
  const worker = new TurnWorker({ queue, handlers: { whatsapp: handler }, workerId: 'sim', logger, idleWaitMs: 50 });
  worker.start();
  cleanups.push(() => worker.stop());
  const http = createHttpServer({ logger, readiness: [] });
  registerWhatsAppRoutes(http.server, { config: ConfigSchema.parse({ WHATSAPP_APP_SECRET: SECRET, WHATSAPP_VERIFY_TOKEN: 'v' }), queue, contacts, logger });
  cleanups.push(() => http.close());
  return listenOnLoopback(http.server);
}

describe('simulate:whatsapp', () => {
  describe('simulatedMessage', () => {
    it('turns typed lines into Meta-shaped messages of each kind', () => {
      expect(simulatedMessage('2', 'u')).toMatchObject({ from: 'u', type: 'text', text: { body: '2' } });
      expect(simulatedMessage('/button lang:ar', 'u')).toMatchObject({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'lang:ar' } } });
      expect(simulatedMessage('/list faq:avrr.cost', 'u')).toMatchObject({ interactive: { type: 'list_reply', list_reply: { id: 'faq:avrr.cost' } } });
      expect(simulatedMessage('/voice', 'u')).toMatchObject({ type: 'audio', audio: { voice: true } });
      expect(simulatedMessage('/image', 'u')).toMatchObject({ type: 'image', image: { mime_type: 'image/jpeg' } });
      expect(simulatedMessage('/location 33.5,-7.6', 'u')).toMatchObject({ type: 'location', location: { latitude: 33.5, longitude: -7.6 } });
      expect(simulatedMessage('/react 🙏', 'u', 'wamid.X')).toMatchObject({ type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '🙏' } });
      expect(simulatedMessage('/quit', 'u')).toBeNull();
      expect(simulatedMessage('/nope', 'u')).toMatch(/^Unknown command/);
    });
  });

  describe('renderGraphMessage', () => {
    it('shows list rows with their ids', () => {
      const lines = renderGraphMessage({
        type: 'interactive',
        interactive: { type: 'list', body: { text: 'Pick' }, action: { button: 'Choices', sections: [{ rows: [{ id: 'faq:a', title: 'A', description: 'about A' }] }] } },
      });
      expect(lines).toEqual(['Pick', '   ☰ Choices', '     1. A — about A  [faq:a]']);
    });
  });

  it('plays a user against an assistant: signed webhooks in, replies shown with their buttons', async () => {
    const fake = await startFakeGraphServer();
    cleanups.push(() => fake.stop());
    const url = await assistant(fake);
    const printed: string[] = [];
    const session: SimulatorSession = startSimulatorSession({ assistantUrl: url, appSecret: SECRET, phoneNumberId: NUMBER, waId: '212600000077', fake, print: (l) => printed.push(l), pollMs: 20 });
    cleanups.push(() => session.stop());
    expect(await session.send('salam')).toBe(true);
    await waitFor(() => printed.some((l) => l.includes('got text: salam')), 5_000, 'the first reply');
    expect(printed).toContain('  🤖    1. ( Book )  [intent.book]');
    await session.send('/button intent.book');
    await session.send('/voice');
    await waitFor(() => printed.some((l) => l.includes('got voice')), 5_000, 'the voice reply');
    expect(printed.filter((l) => l.startsWith('  🤖 got'))).toEqual(['  🤖 got text: salam', '  🤖 got text: intent.book', '  🤖 got voice:']);
    expect(printed.some((l) => l.includes('⚠'))).toBe(false);
  });

  it('taps the button or row a typed number picks, as the help says', async () => {
    const fake = await startFakeGraphServer();
    cleanups.push(() => fake.stop());
    const url = await assistant(fake);
    const printed: string[] = [];
    const session = startSimulatorSession({ assistantUrl: url, appSecret: SECRET, phoneNumberId: NUMBER, waId: '212600000078', fake, print: (l) => printed.push(l), pollMs: 20 });
    cleanups.push(() => session.stop());
    await session.send('salam');
    await waitFor(() => printed.some((l) => l.includes('2. ( Menu )')), 5_000, 'the numbered buttons');
    expect(printed.some((l) => l.includes('got text: menu'))).toBe(false);
    await session.send('2');
    await waitFor(() => printed.some((l) => l.includes('got text: menu')), 5_000, 'the tap on button 2');
    await session.send('٢');
    await waitFor(() => printed.filter((l) => l.includes('got text: menu')).length >= 2, 5_000, 'a second tap, typed in Arabic digits');
    // A number that is no choice stays text.
    await session.send('7');
    await waitFor(() => printed.some((l) => l.includes('got text: 7')), 5_000, 'plain text');
  });

  it('shows a list reply from the real outbound mapping body first, with no stray header line', async () => {
    const { toWhatsAppMessages } = await import('../../src/channels/whatsapp/outboundMessages.js');
    const actions = ['a', 'b', 'c', 'd'].map((x) => ({ type: 'imBack', title: `Topic ${x}`, value: `faq:t.${x}` }));
    const [list] = toWhatsAppMessages({ type: 'message', locale: 'fr', text: 'Voici les sujets.', suggestedActions: { to: [], actions } }, { translator }).messages;
    const lines = renderGraphMessage(list!);
    expect(lines[0]).toBe('Voici les sujets.');
    expect(lines.join('\n')).not.toContain('Choisissez');
  });

  it('reports a refused webhook (wrong secret)', async () => {
    const fake = await startFakeGraphServer();
    cleanups.push(() => fake.stop());
    const url = await assistant(fake);
    const printed: string[] = [];
    const session = startSimulatorSession({ assistantUrl: url, appSecret: 'wrong', phoneNumberId: NUMBER, waId: 'u', fake, print: (l) => printed.push(l) });
    cleanups.push(() => session.stop());
    await session.send('hello');
    expect(printed.join('\n')).toContain('HTTP 401');
  });
});
