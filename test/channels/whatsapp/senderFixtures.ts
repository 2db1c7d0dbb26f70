import { pino } from 'pino';
import { startFakeGraphServer, type FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { GraphClient } from '../../../src/channels/whatsapp/graphClient.js';
import { WhatsAppSender } from '../../../src/channels/whatsapp/whatsappSender.js';
import type { SenderContacts, SenderClock, WhatsAppSenderOptions } from '../../../src/channels/whatsapp/whatsappSenderTypes.js';
import { MemoryOutbox } from '../../../src/stores/memory/memoryOutbox.js';
import type { OutboxStore } from '../../../src/stores/outboxStore.js';

/** The phone number id used against the fake Graph server. */
export const PHONE_NUMBER_ID = '100200300';

/** A clock whose sleeps return at once but move time forward, recording each wait. */
export function virtualClock(start = 1_700_000_000_000): SenderClock & { sleeps: number[] } {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

/** In-process contacts: last inbound times set by the test, outbound records kept for checks. */
export function testContacts(): SenderContacts & { inbound: Map<string, number>; outbound: Array<{ waId: string; id: string }> } {
  const inbound = new Map<string, number>();
  const outbound: Array<{ waId: string; id: string }> = [];
  return {
    inbound,
    outbound,
    lastInboundAt: async (waId) => inbound.get(waId),
    recordOutbound: async (waId, id) => void outbound.push({ waId, id }),
  };
}

/** A sender wired to a fresh fake Graph server, memory outbox (unless given) and a virtual clock. */
export async function senderFixture(options: Partial<WhatsAppSenderOptions> & { outbox?: OutboxStore } = {}) {
  const fake: FakeGraphServer = await startFakeGraphServer();
  const clock = virtualClock();
  const contacts = testContacts();
  const outbox = options.outbox ?? new MemoryOutbox(() => clock.now());
  const graph = new GraphClient({ apiUrl: fake.url, phoneNumberId: PHONE_NUMBER_ID, accessToken: 'test-token' });
  const sender = new WhatsAppSender({ graph, outbox, contacts, logger: pino({ level: 'silent' }), clock, random: () => 0, ...options });
  /** Marks `waId` as having written just now (window open). */
  const wrote = (waId: string) => contacts.inbound.set(waId, clock.now());
  return { fake, clock, contacts, outbox, graph, sender, wrote };
}

/** A plain text Graph message. */
export const text = (body: string) => ({ type: 'text', text: { body } });
