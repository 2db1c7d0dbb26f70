import { Redis } from 'ioredis';
import { WhatsAppAdapter } from '../../../src/channels/whatsapp/whatsappAdapter.js';
import { pino } from 'pino';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { createWhatsAppOutbound } from '../../../src/channels/whatsapp/whatsappOutbound.js';
import { createTranslator } from '../../../src/i18n/i18n.js';
import { MemoryOutbox } from '../../../src/stores/memory/memoryOutbox.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisOutbox } from '../../../src/stores/redis/redisOutbox.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';
import { testContacts } from './senderFixtures.js';
import { outboundTestConfig } from './webhookFixtures.js';

let fake: FakeGraphServer | undefined;
const clients: Redis[] = [];
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

const USER = '212600000004';

describe('createWhatsAppOutbound', () => {
  it.each(['memory', 'redis'] as const)('wires a working adapter on the %s backend', async (kind) => {
    fake = await startFakeGraphServer();
    const client = kind === 'redis' ? new Redis(inject('redisUrl')) : undefined;
    if (client) clients.push(client);
    const contacts = testContacts();
    contacts.inbound.set(USER, Date.now());
    const keys = redisKeys(uniquePrefix('wiring'));
    const outbound = createWhatsAppOutbound({
      config: outboundTestConfig(fake.url),
      backend: { redis: client ? { client, keys } : undefined },
      contacts,
      translator: await createTranslator('locales'),
      logger: pino({ level: 'silent' }),
    });
    const adapter = new WhatsAppAdapter(outbound.adapterOptions);
    expect(outbound.outbox).toBeInstanceOf(kind === 'redis' ? RedisOutbox : MemoryOutbox);
    await adapter.processActivity(
      { type: 'message', id: 'wamid.W1', channelId: 'whatsapp', from: { id: USER, name: '' }, conversation: { id: USER, name: '', isGroup: false, conversationType: '' } },
      async (context) => {
        await context.sendActivity({ type: 'message', text: 'Bonjour' });
      },
    );
    expect(fake.sentMessages()).toMatchObject([{ to: USER, text: { body: 'Bonjour' } }]);
    expect(contacts.outbound).toEqual([{ waId: USER, id: 'wamid.fake.1' }]);
    // On Redis the number's rate comes from the bucket every instance shares.
    if (client) expect(await client.exists(keys.whatsappRate(outboundTestConfig(fake.url).WHATSAPP_PHONE_NUMBER_ID))).toBe(1);
  });
});
