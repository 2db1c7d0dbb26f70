import { describe, expect, it } from 'vitest';
import { createDecidedTurnHandler } from '../../src/pipeline/decidedTurn.js';
import { BufferedStateStorage } from '../../src/stores/bufferedStateStorage.js';
import { MemoryStateStorage } from '../../src/stores/memory/memoryStateStorage.js';
import { MemoryTurnOutcomes } from '../../src/stores/memory/memoryTurnOutcomes.js';
import type { TurnDelivery } from '../../src/pipeline/turnWorker.js';

describe('createDecidedTurnHandler: the first reply started ahead', () => {
  function handler(prepared: string[]) {
    return createDecidedTurnHandler({
      outcomes: new MemoryTurnOutcomes(),
      state: new BufferedStateStorage(new MemoryStateStorage(3600)),
      outcomeTtlMs: 60_000,
      bot: { run: async () => undefined },
      record: async () => [{ type: 'message', text: 'a' }, { type: 'message', text: 'b' }],
      deliver: async () => undefined,
      prepareDelivery: (_message, reply) => void prepared.push(reply.key),
    });
  }
  const message = { id: 'wamid.P', conversationKey: 'whatsapp:1', channel: 'whatsapp', payload: '' };

  it('starts the first reply\'s store work beside the decision when a send slot is free', async () => {
    const prepared: string[] = [];
    const delivery = (await handler(prepared).run(message, { message, leaseId: 'l', redeliveries: 0 }, { sendSlotFree: true })) as TurnDelivery;
    expect(prepared).toEqual(['wamid.P#0']);
    await delivery();
  });

  it('starts nothing ahead when every send slot is taken (the token would be spent before the send)', async () => {
    const prepared: string[] = [];
    await handler(prepared).run(message, { message, leaseId: 'l', redeliveries: 0 }, { sendSlotFree: false });
    await handler(prepared).run(message, { message, leaseId: 'l', redeliveries: 0 });
    expect(prepared).toEqual([]);
  });
});

describe('createDecidedTurnHandler: the read receipt', () => {
  const message = { id: 'wamid.R', conversationKey: 'whatsapp:2', channel: 'whatsapp', payload: '' };

  it('goes out with a redelivered turn whose first run decided but never delivered (its lease lost)', async () => {
    const receipts: string[] = [];
    const delivered: string[] = [];
    const handler = createDecidedTurnHandler({
      outcomes: new MemoryTurnOutcomes(),
      state: new BufferedStateStorage(new MemoryStateStorage(3600)),
      outcomeTtlMs: 60_000,
      bot: { run: async () => undefined },
      record: async () => [{ type: 'message', text: 'a' }],
      deliver: async (_message, reply) => void delivered.push(reply.key),
      acknowledge: async (m) => void receipts.push(m.id),
    });
    // First claim: the turn is decided, then the worker loses the lease and never runs the delivery.
    await handler.run(message, { message, leaseId: 'l1', redeliveries: 0 });
    expect(receipts).toEqual([]);
    // The redelivery finds the stored decision and delivers it: the receipt goes with it.
    const delivery = (await handler.run(message, { message, leaseId: 'l2', redeliveries: 1 })) as TurnDelivery;
    await delivery();
    expect(delivered).toEqual(['wamid.R#0']);
    expect(receipts).toEqual(['wamid.R']);
  });
});
