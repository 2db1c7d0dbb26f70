import type { StoreBackend } from './createStores.js';
import { MemoryTurnOutcomes } from './memory/memoryTurnOutcomes.js';
import { RedisTurnOutcomes } from './redis/redisTurnOutcomes.js';
import type { TurnOutcomeStore } from './turnOutcomeStore.js';

/** The turn outcome store on the configured backend: Redis when there is one, in memory otherwise. */
export function createTurnOutcomeStore(backend: Pick<StoreBackend, 'redis'>): TurnOutcomeStore {
  return backend.redis ? new RedisTurnOutcomes(backend.redis.client, backend.redis.keys) : new MemoryTurnOutcomes();
}
