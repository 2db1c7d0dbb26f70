import { BufferedStateStorage } from '../../src/stores/bufferedStateStorage.js';
import { MemoryStateStorage } from '../../src/stores/memory/memoryStateStorage.js';
import { MemoryTurnOutcomes } from '../../src/stores/memory/memoryTurnOutcomes.js';
import type { TurnOutcomeStore } from '../../src/stores/turnOutcomeStore.js';
import type { StateStorage } from '../../src/stores/types.js';

/** What a queued channel handler needs besides its adapter and bot, in memory (or on the stores given). */
export function turnParts(options: { storage?: StateStorage; outcomes?: TurnOutcomeStore } = {}) {
  return {
    outcomes: options.outcomes ?? new MemoryTurnOutcomes(),
    state: options.storage instanceof BufferedStateStorage ? options.storage : new BufferedStateStorage(options.storage ?? new MemoryStateStorage(3600)),
    outcomeTtlMs: 60_000,
  };
}
