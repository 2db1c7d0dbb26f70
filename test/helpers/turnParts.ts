import { BufferedStateStorage } from '../../src/stores/bufferedStateStorage.js';
import { MemoryStateStorage } from '../../src/stores/memory/memoryStateStorage.js';
import { MemoryTurnOutcomes } from '../../src/stores/memory/memoryTurnOutcomes.js';
import type { TurnOutcomeStore } from '../../src/stores/turnOutcomeStore.js';
import type { ChannelTurnHandler } from '../../src/pipeline/turnWorker.js';
import type { InboundLease, InboundMessage, StateStorage } from '../../src/stores/types.js';

/** What a queued channel handler needs besides its adapter and bot, in memory (or on the stores given). */
export function turnParts(options: { storage?: StateStorage; outcomes?: TurnOutcomeStore } = {}) {
  return {
    outcomes: options.outcomes ?? new MemoryTurnOutcomes(),
    state: options.storage instanceof BufferedStateStorage ? options.storage : new BufferedStateStorage(options.storage ?? new MemoryStateStorage(3600)),
    outcomeTtlMs: 60_000,
  };
}

/** Runs a channel handler's turn and then its delivery, as the TurnWorker does (turn slot, then send pool). */
export async function runAndDeliver(handler: ChannelTurnHandler, message: InboundMessage, lease: InboundLease): Promise<void> {
  const delivery = await handler.run(message, lease);
  if (delivery) await delivery();
}
