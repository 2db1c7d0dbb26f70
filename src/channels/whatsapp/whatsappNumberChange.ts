import type { AppLogger } from '../../observability/logger.js';
import { maskId } from '../../observability/redactPersonalData.js';
import type { StoreBackend } from '../../stores/createStores.js';
import { MemoryMenuMemory } from '../../stores/memory/memoryMenuMemory.js';
import { MemoryStateStorage } from '../../stores/memory/memoryStateStorage.js';
import { MemoryWhatsAppContacts } from '../../stores/memory/memoryWhatsAppContacts.js';
import { MemoryWhatsAppUserMove } from '../../stores/memory/memoryWhatsAppUserMove.js';
import type { MenuMemoryStore } from '../../stores/menuMemoryStore.js';
import { RedisWhatsAppUserMove } from '../../stores/redis/redisWhatsAppUserMove.js';
import type { WhatsAppIdentityLinks } from '../../stores/whatsappIdentityLinks.js';
import type { WhatsAppUserMove } from '../../stores/whatsappUserMove.js';
import type { OutboxStore } from '../../stores/outboxStore.js';
import type { TurnOutcomeStore } from '../../stores/turnOutcomeStore.js';
import type { InboundQueue } from '../../stores/types.js';
import type { WhatsAppContactStore } from './contactStore.js';
import { whatsappConversationKey } from './whatsappWebhook.js';

/** The bot state keys of one user of a channel (conversation state, user state), from the bot layer. */
export type StateKeysOf = (channelId: string, userId: string) => string[];

/**
 * One idempotent step re-addressing a kind of record that names the user (outbox entries, dead letters and their
 * turn outcomes, handoff tickets, bookings) from their old WhatsApp id to the new one.
 */
export type UserRecordsStep = (oldId: string, newId: string) => Promise<unknown>;

/** What a `user_changed_number` notice does, and how a move cut short is finished. */
export interface WhatsAppNumberChange {
  /** Moves the user's whole conversation and open work from `oldId` to `newId`. */
  move(oldId: string, newId: string): Promise<void>;
  /** Finishes a move from `waId` that a crash left part-way (its marker is still there); else does nothing. */
  finishPending(waId: string): Promise<void>;
}

/**
 * The {@link WhatsAppUserMove} of the configured backend: single-key steps on Redis (Cluster-safe), or one
 * synchronous step over the embedded stores (which must then be the memory implementations).
 */
export function createWhatsAppUserMove(
  backend: Pick<StoreBackend, 'redis' | 'stateStorage'>,
  contacts: WhatsAppContactStore,
  menus: MenuMemoryStore,
  markerTtlSeconds?: number,
): WhatsAppUserMove {
  if (backend.redis) return new RedisWhatsAppUserMove(backend.redis.client, backend.redis.keys, markerTtlSeconds);
  const state = backend.stateStorage;
  if (!(state instanceof MemoryStateStorage) || !(contacts instanceof MemoryWhatsAppContacts) || !(menus instanceof MemoryMenuMemory)) {
    throw new Error('createWhatsAppUserMove: without Redis the state, contact and menu stores must be the embedded memory ones');
  }
  return new MemoryWhatsAppUserMove({ state, contacts, menus }, markerTtlSeconds);
}

/** Dependencies of {@link createWhatsAppNumberChange}. */
export interface WhatsAppNumberChangeDeps {
  readonly userMove: WhatsAppUserMove;
  readonly links: WhatsAppIdentityLinks;
  readonly stateKeysOf: StateKeysOf;
  /** Run in order after the user's own records moved. */
  readonly steps: readonly UserRecordsStep[];
  readonly logger: AppLogger;
}

/**
 * A number change, in an order that a retry can resume at any point (each step is idempotent; none spans two
 * ids' hash tags): mark the move, move the user's own records (state, contact, menu; copy then delete each),
 * point their other id (BSUID) at the new number, re-address everything that names them, drop the marker. The
 * notice is retried by the inbound queue until it is done, and a message from the old id finishes a marked move
 * first. When the old number was only an alias of a conversation keyed by the BSUID, the alias is re-pointed
 * and nothing else moves. Logs masked ids only.
 */
export function createWhatsAppNumberChange(deps: WhatsAppNumberChangeDeps): WhatsAppNumberChange {
  const log = deps.logger.child({ channel: 'whatsapp' });
  const move = async (oldId: string, newId: string): Promise<void> => {
    if (oldId === newId) return;
    const canonical = await deps.links.resolve(oldId);
    if (canonical !== undefined && canonical !== newId) {
      await deps.links.link(newId, canonical);
      await deps.links.unlink(oldId);
      log.info({ from: maskId(oldId), to: maskId(newId), user: maskId(canonical) }, 'whatsapp user changed number: alias re-pointed');
      return;
    }
    await deps.userMove.begin(oldId, newId);
    await deps.userMove.move({ waId: oldId, stateKeys: deps.stateKeysOf('whatsapp', oldId) }, { waId: newId, stateKeys: deps.stateKeysOf('whatsapp', newId) });
    await deps.links.move(oldId, newId);
    for (const step of deps.steps) await step(oldId, newId);
    await deps.userMove.end(oldId);
    log.info({ from: maskId(oldId), to: maskId(newId) }, 'whatsapp user changed number: conversation and open work moved');
  };
  return {
    move,
    finishPending: async (waId) => {
      const target = await deps.userMove.pendingTarget(waId);
      if (target === undefined) return;
      log.warn({ from: maskId(waId), to: maskId(target) }, 'whatsapp number change left part-way; finishing it first');
      await move(waId, target);
    },
  };
}

/**
 * A copy of `value` where every string equal to a key of `replacements` is replaced (deeply, in arrays and
 * objects): re-addresses stored records (a turn outcome's activities and state keys) to a user's new ids.
 */
export function replaceExactStrings<T>(value: T, replacements: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return (replacements.get(value) ?? value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => replaceExactStrings(v, replacements)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceExactStrings(v, replacements)])) as T;
  }
  return value;
}

/**
 * The number-change steps of what the WhatsApp channel keeps that names a user: held and dead outbox entries (a
 * replay goes to the new number), then the inbound dead letters and their stored turn outcomes, moved to the new
 * conversation with the payload and the outcome's activities and state keys re-addressed (a staff requeue
 * delivers the same replies to the new number).
 */
export function channelRecordSteps(stores: {
  readonly outbox: Pick<OutboxStore, 'moveRecipient'>;
  readonly queue: Pick<InboundQueue, 'moveDeadLetters'>;
  readonly outcomes: Pick<TurnOutcomeStore, 'move'>;
  readonly stateKeysOf: StateKeysOf;
}): UserRecordsStep[] {
  return [
    (oldId, newId) => stores.outbox.moveRecipient(oldId, newId),
    async (oldId, newId) => {
      const oldKey = whatsappConversationKey(oldId);
      const newKey = whatsappConversationKey(newId);
      const replacements = new Map<string, string>([[oldId, newId], [oldKey, newKey]]);
      const newStateKeys = stores.stateKeysOf('whatsapp', newId);
      stores.stateKeysOf('whatsapp', oldId).forEach((key, i) => replacements.set(key, newStateKeys[i]!));
      const ids = await stores.queue.moveDeadLetters(oldKey, newKey, (payload) => {
        try {
          return JSON.stringify(replaceExactStrings(JSON.parse(payload) as unknown, replacements));
        } catch {
          return payload; // an unreadable payload stays as it is: no id can be read in it
        }
      });
      await stores.outcomes.move(oldKey, newKey, ids, (outcome) => replaceExactStrings(outcome, replacements));
    },
  ];
}
