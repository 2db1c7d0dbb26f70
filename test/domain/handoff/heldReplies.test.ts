import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { HandoffQueue } from '../../../src/domain/handoff/handoffQueue.js';
import { createHeldReplyDelivery } from '../../../src/domain/handoff/heldReplies.js';
import type { DeliveryResult } from '../../../src/domain/handoff/userMessenger.js';
import { MemoryHandoffStore } from '../../../src/stores/memory/memoryHandoffStore.js';

async function ticketWithHeldReplies(texts: string[]) {
  const clock = { now: 1_800_000_000_000 };
  const queue = new HandoffQueue({ store: new MemoryHandoffStore(), now: () => clock.now });
  const { ticket } = await queue.open({ channel: 'whatsapp', userId: '212600000999', conversationId: '212600000999', language: 'fr', priority: 'normal', reason: 'asked' });
  await queue.claim(ticket.id, 'amina');
  for (const [i, text] of texts.entries()) {
    clock.now += 1000;
    await queue.recordCaseworkerMessage(ticket.id, 'amina', text, 'held', `key-${i}`);
  }
  return { queue, ticket };
}

describe('held caseworker replies', () => {
  it('go out oldest first and stop at the first one the channel cannot send now, so none overtakes another', async () => {
    const { queue, ticket } = await ticketWithHeldReplies(['one', 'two', 'three']);
    const tried: string[] = [];
    const answers: Record<string, DeliveryResult | undefined> = { 'key-0': 'sent', 'key-1': 'held', 'key-2': 'sent' };
    const deliver = createHeldReplyDelivery({
      queue,
      messenger: { sendHeld: async (_target, key) => (tried.push(key), answers[key]) },
      logger: pino({ level: 'silent' }),
    });
    expect(await deliver(ticket)).toBe(1);
    expect(tried).toEqual(['key-0', 'key-1']);
    expect((await queue.transcript(ticket.id)).map((l) => [l.text, l.delivery])).toEqual([['one', 'sent'], ['two', 'held'], ['three', 'held']]);

    // Next time the user writes, the rest goes out, in order; nothing is sent twice.
    answers['key-1'] = 'sent';
    tried.length = 0;
    expect(await deliver(ticket)).toBe(2);
    expect(tried).toEqual(['key-1', 'key-2']);
    expect(await deliver(ticket)).toBe(0);
  });

  it('leaves a reply another instance is sending (nothing held under its key here) as it is, and stops', async () => {
    const { queue, ticket } = await ticketWithHeldReplies(['one', 'two']);
    const tried: string[] = [];
    const deliver = createHeldReplyDelivery({ queue, messenger: { sendHeld: async (_t, key) => (tried.push(key), undefined) }, logger: pino({ level: 'silent' }) });
    expect(await deliver(ticket)).toBe(0);
    expect(tried).toEqual(['key-0']);
    expect((await queue.heldReplies(ticket.id)).map((e) => e.text)).toEqual(['one', 'two']);
  });

  it('says a reply the channel no longer knows (erased, expired) was not delivered, and goes on with the next', async () => {
    const { queue, ticket } = await ticketWithHeldReplies(['lost', 'next']);
    const answers: Record<string, DeliveryResult | 'gone'> = { 'key-0': 'gone', 'key-1': 'sent' };
    const deliver = createHeldReplyDelivery({ queue, messenger: { sendHeld: async (_t, key) => answers[key] }, logger: pino({ level: 'silent' }) });
    expect(await deliver(ticket)).toBe(1);
    expect((await queue.transcript(ticket.id)).map((l) => [l.text, l.delivery])).toEqual([['lost', 'failed'], ['next', 'sent']]);
  });
});
