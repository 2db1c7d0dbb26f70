import type { AppLogger } from '../../observability/logger.js';
import { maskId } from '../../observability/redactPersonalData.js';
import type { StoreBackend } from '../../stores/createStores.js';
import { MemoryMenuMemory } from '../../stores/memory/memoryMenuMemory.js';
import { MemoryStateStorage } from '../../stores/memory/memoryStateStorage.js';
import { MemoryWhatsAppContacts } from '../../stores/memory/memoryWhatsAppContacts.js';
import { MemoryWhatsAppUserMove } from '../../stores/memory/memoryWhatsAppUserMove.js';
import type { MenuMemoryStore } from '../../stores/menuMemoryStore.js';
import { RedisWhatsAppUserMove } from '../../stores/redis/redisWhatsAppUserMove.js';
import type { WhatsAppUserMove } from '../../stores/whatsappUserMove.js';
import type { WhatsAppContactStore } from './contactStore.js';

/** The bot state keys of one user of a channel (conversation state, user state), from the bot layer. */
export type StateKeysOf = (channelId: string, userId: string) => string[];

/** Moves a user's conversation to their new id: `(oldId, newId)`. */
export type WhatsAppNumberChange = (oldId: string, newId: string) => Promise<void>;

/**
 * The {@link WhatsAppUserMove} of the configured backend: a Lua script on Redis, or one synchronous step over
 * the embedded stores (which must then be the memory implementations).
 */
export function createWhatsAppUserMove(
  backend: Pick<StoreBackend, 'redis' | 'stateStorage'>,
  contacts: WhatsAppContactStore,
  menus: MenuMemoryStore,
): WhatsAppUserMove {
  if (backend.redis) return new RedisWhatsAppUserMove(backend.redis.client, backend.redis.keys);
  const state = backend.stateStorage;
  if (!(state instanceof MemoryStateStorage) || !(contacts instanceof MemoryWhatsAppContacts) || !(menus instanceof MemoryMenuMemory)) {
    throw new Error('createWhatsAppUserMove: without Redis the state, contact and menu stores must be the embedded memory ones');
  }
  return new MemoryWhatsAppUserMove({ state, contacts, menus });
}

/**
 * What a `user_changed_number` notice does: silently moves the user's bot state (profile, consent, language,
 * dialog), contact record and numbered menu to the new id, so the next message from the new number goes on
 * where the old one stopped. Logs masked ids only.
 */
export function createWhatsAppNumberChange(deps: { readonly userMove: WhatsAppUserMove; readonly stateKeysOf: StateKeysOf; readonly logger: AppLogger }): WhatsAppNumberChange {
  return async (oldId, newId) => {
    await deps.userMove.move(
      { waId: oldId, stateKeys: deps.stateKeysOf('whatsapp', oldId) },
      { waId: newId, stateKeys: deps.stateKeysOf('whatsapp', newId) },
    );
    deps.logger.info({ channel: 'whatsapp', from: maskId(oldId), to: maskId(newId) }, 'whatsapp user changed number: conversation moved');
  };
}
