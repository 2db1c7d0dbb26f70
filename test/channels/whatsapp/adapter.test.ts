import type { Activity } from 'botbuilder';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { GraphClient } from '../../../src/channels/whatsapp/graphClient.js';
import { createMenuMemory } from '../../../src/channels/whatsapp/menuMemory.js';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsappAdapter.js';
import { WhatsAppSender } from '../../../src/channels/whatsapp/whatsappSender.js';
import { createTranslator, type Translator } from '../../../src/i18n/i18n.js';
import { MemoryMenuMemory } from '../../../src/stores/memory/memoryMenuMemory.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisOutbox } from '../../../src/stores/redis/redisOutbox.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';
import { senderFixture, virtualClock } from './senderFixtures.js';

const USER = '212600000002';
let translator: Translator;
let fake: FakeGraphServer | undefined;
const clients: Redis[] = [];

beforeAll(async () => {
  translator = await createTranslator('locales');
});
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

/** The inbound activity shape the WhatsApp turn handler builds. */
function inbound(id: string, text: string): Partial<Activity> {
  return {
    type: 'message',
    id,
    channelId: 'whatsapp',
    from: { id: USER, name: '', role: 'user' },
    conversation: { id: USER, name: '', isGroup: false, conversationType: 'personal' },
    recipient: { id: '100200300', name: '', role: 'bot' },
    timestamp: new Date(),
    text,
  };
}

const reply = (text: string, extra: Partial<Activity> = {}): Partial<Activity> => ({ type: 'message', text, locale: 'fr', ...extra });

async function setup() {
  const f = await senderFixture();
  fake = f.fake;
  f.wrote(USER);
  const menuMemory = createMenuMemory(new MemoryMenuMemory());
  const adapter = new WhatsAppAdapter({ sender: f.sender, menuMemory, translator, logger: pino({ level: 'silent' }) });
  return { ...f, menuMemory, adapter };
}

const bodies = (f: FakeGraphServer) => f.requests.map((r) => (r.json as { text?: { body: string } }).text?.body);

describe('WhatsAppAdapter', () => {
  it("sends a turn's replies in order, each after Graph accepted the previous one", async () => {
    const { adapter } = await setup();
    fake!.setResponseDelay(40);
    await adapter.processActivity(inbound('wamid.IN1', 'bonjour'), async (context) => {
      await context.sendActivity(reply('un'));
      await context.sendActivities([reply('deux'), reply('trois')]);
    });
    expect(bodies(fake!)).toEqual(['un', 'deux', 'trois']);
    const at = fake!.requests.map((r) => r.at);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(35);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(35);
  });

  it('never sends a stored reply twice when it is delivered again, even by another instance on the same Redis', async () => {
    await setup();
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const keys = redisKeys(uniquePrefix('adapter'));
    const contacts = { lastInboundAt: async () => Date.now(), recordOutbound: async () => {} };
    const graph = new GraphClient({ apiUrl: fake!.url, phoneNumberId: '100200300', accessToken: 't' });
    const instance = () =>
      new WhatsAppAdapter({
        sender: new WhatsAppSender({ graph, outbox: new RedisOutbox(client, keys), contacts, logger: pino({ level: 'silent' }), clock: virtualClock(Date.now()) }),
        menuMemory: createMenuMemory(new MemoryMenuMemory()),
        translator,
        logger: pino({ level: 'silent' }),
      });
    const replies = await instance().record(inbound('wamid.IN2', 'x'), async (context) => {
      await context.sendActivity(reply('a'));
      await context.sendActivity(reply('b'));
    });
    expect(bodies(fake!)).toEqual([]);
    const deliverAll = async (adapter: WhatsAppAdapter) => {
      for (const [n, activity] of replies.entries()) await adapter.deliverStored(USER, activity, `wamid.IN2#${n}`);
    };
    await deliverAll(instance());
    await deliverAll(instance());
    expect(bodies(fake!)).toEqual(['a', 'b']);
  });

  it('sends a numbered menu for 11 choices and remembers it for the answer', async () => {
    const { adapter, menuMemory } = await setup();
    const actions = Array.from({ length: 11 }, (_, i) => ({ type: 'postBack', title: `Question ${i + 1}`, value: `faq:q${i + 1}` }));
    await adapter.processActivity(inbound('wamid.IN4', 'menu'), async (context) => {
      await context.sendActivity(reply('Choisissez :', { suggestedActions: { actions, to: [] } }));
    });
    expect(bodies(fake!)[0]).toContain('2. Question 2');
    expect(await menuMemory.resolve(USER, '٢')).toBe('faq:q2');
    expect(await menuMemory.resolve(USER, ' 11.')).toBe('faq:q11');
  });

  it('sends reply buttons whose ids are the command values', async () => {
    const { adapter } = await setup();
    await adapter.processActivity(inbound('wamid.IN5', 'langue'), async (context) => {
      await context.sendActivity(
        reply('Langue ?', {
          suggestedActions: {
            to: [],
            actions: [
              { type: 'postBack', title: 'Français', value: 'lang:fr' },
              { type: 'postBack', title: 'English', value: 'lang:en' },
              { type: 'postBack', title: 'العربية', value: 'lang:ar' },
            ],
          },
        }),
      );
    });
    const body = fake!.requests[0]!.json as { to: string; interactive: { type: string; action: { buttons: Array<{ reply: { id: string } }> } } };
    expect(body.to).toBe(USER);
    expect(body.interactive.type).toBe('button');
    expect(body.interactive.action.buttons.map((b) => b.reply.id)).toEqual(['lang:fr', 'lang:en', 'lang:ar']);
  });

  it('sends nothing for typing indicators', async () => {
    const { adapter } = await setup();
    await adapter.processActivity(inbound('wamid.IN6', 'x'), async (context) => {
      await context.sendActivity({ type: 'typing' });
    });
    expect(fake!.requests).toHaveLength(0);
  });
});
