import type { Activity, TurnContext } from 'botbuilder';
import type { AppLogger } from '../../observability/logger.js';
import { logHash } from '../../observability/logHash.js';
import { maskId } from '../../observability/redactPersonalData.js';
import { createDecidedTurnHandler, type DecidedTurnDeps } from '../../pipeline/decidedTurn.js';
import { PermanentTurnError, type ChannelTurnHandler } from '../../pipeline/turnWorker.js';
import type { InboundMessage } from '../../stores/types.js';
import type { WhatsAppContactStore } from './contactStore.js';
import { toWhatsAppActivity, WhatsAppInbound, type OwnCommandCheck } from './inboundActivity.js';
import type { MenuMemory } from './menuMemory.js';
import type { StateKeysOf, WhatsAppNumberChange } from './whatsappNumberChange.js';
import type { BufferedStateStorage } from '../../stores/bufferedStateStorage.js';
import type { WhatsAppArrivals } from '../../stores/whatsappArrivals.js';
import type { WhatsAppAdapter } from './whatsappAdapter.js';

/** Dependencies of {@link createWhatsAppTurnHandler}. */
export interface WhatsAppTurnHandlerDeps extends Pick<DecidedTurnDeps, 'outcomes' | 'apologise' | 'outcomeTtlMs' | 'crash'> {
  /** The bot's state storage; with `prefetch`, the turn's state is read beside the checks before it (one wait). */
  readonly state: DecidedTurnDeps['state'] & Partial<Pick<BufferedStateStorage, 'prefetch' | 'forgetPrefetched'>>;
  /** The bot's state keys of a user (conversation, user), read ahead with `state.prefetch`; unset: read by the turn. */
  readonly stateKeysOf?: StateKeysOf;
  /** The number-change check and the inbound time in one store step (whatsappArrivals.ts); unset: two steps. */
  readonly arrivals?: Pick<WhatsAppArrivals, 'beginTurn'>;
  /** Records the turn and delivers its stored replies (the WhatsAppAdapter; its `onTurnError` stays unset). */
  readonly adapter: Pick<WhatsAppAdapter, 'record' | 'deliverStored'> & Partial<Pick<WhatsAppAdapter, 'prepareStored'>>;
  readonly bot: { run(context: TurnContext): Promise<void> };
  /** Turns a numbered-menu answer ("2", "٢") back into the command value. */
  readonly menuMemory: Pick<MenuMemory, 'resolve'>;
  /** Inbound time is recorded again here (idempotent), for messages that reached the queue another way. */
  readonly contacts: Pick<WhatsAppContactStore, 'recordInbound'>;
  /** Sends the read receipt (best effort: a failure is logged, the turn goes on). */
  readonly sender: { markRead(messageId: string): Promise<void> };
  readonly logger: AppLogger;
  /** Moves a user's records on a number change (and finishes one cut short); unset: number changes are only logged. */
  readonly numberChange?: WhatsAppNumberChange;
  /** Whether a tapped reply id is one of the bot's commands (else its title is read as text); unset: all are. */
  readonly isOwnCommand?: OwnCommandCheck;
}

/**
 * The inbound queue's handler for channel `whatsapp` (give it to the TurnWorker): reads the normalised message
 * stored by the webhook, resolves a numbered-menu answer, builds the activity (see inboundActivity.ts) and runs
 * the bot turn as a decided turn (see decidedTurn.ts): replies stored with the turn's state changes, then sent
 * by their stored keys in the worker's send pool, with the read receipt beside the first one. A failing turn rejects, so the worker retries it; a
 * payload that can never be read is a PermanentTurnError (dead letter at once, the user's later messages go on).
 */
export function createWhatsAppTurnHandler(deps: WhatsAppTurnHandlerDeps): ChannelTurnHandler {
  const log = deps.logger.child({ channel: 'whatsapp' });
  return createDecidedTurnHandler({
    ...deps,
    record: async (message, logic) => {
      const inbound = readPayload(message);
      if (inbound.kind === 'numberChange') {
        // A WhatsApp notice, not the user speaking: no read receipt, no turn, no reply.
        if (inbound.newUserId && deps.numberChange) await deps.numberChange.move(inbound.waId, inbound.newUserId);
        else log.info({ user: maskId(inbound.waId) }, 'whatsapp number change not applied (no mover configured)');
        return [];
      }
      const resolve = () => (inbound.kind === 'text' && inbound.text !== undefined ? deps.menuMemory.resolve(inbound.waId, inbound.text) : Promise.resolve(undefined));
      let resolved: string | undefined;
      if (deps.arrivals && deps.numberChange) {
        // One wait for everything the turn reads first: the number-change check with the inbound time, the menu
        // answer, the bot's state. A move cut short makes the reads ahead stale: they are done again after it.
        const [pending, menuValue] = await Promise.all([
          deps.arrivals.beginTurn(inbound.waId, inbound.sentAt),
          resolve(),
          deps.stateKeysOf && deps.state.prefetch?.(deps.stateKeysOf('whatsapp', inbound.waId)),
        ]);
        resolved = menuValue;
        if (pending !== undefined) {
          deps.state.forgetPrefetched?.();
          await deps.numberChange.finishPending(inbound.waId);
          await deps.contacts.recordInbound(inbound.waId, inbound.sentAt);
          resolved = await resolve();
        }
      } else {
        // A move from this id cut short must end before the id is answered: the number may be someone else's now.
        await deps.numberChange?.finishPending(inbound.waId);
        await deps.contacts.recordInbound(inbound.waId, inbound.sentAt);
        resolved = await resolve();
      }
      return deps.adapter.record(toWhatsAppActivity(inbound, resolved, deps.isOwnCommand), logic);
    },
    acknowledge: async (message) => {
      const inbound = readPayload(message);
      // A number change is WhatsApp's notice, not the user speaking: no read receipt.
      if (inbound.kind === 'numberChange') return;
      await deps.sender.markRead(inbound.messageId).catch((err: Error) => {
        log.warn({ messageId: logHash(inbound.messageId), err: { name: err.name } }, 'whatsapp read receipt failed');
      });
    },
    prepareDelivery: (_message, reply) => deps.adapter.prepareStored?.(reply.key),
    deliver: async (message, reply, deferRecords) => {
      const inbound = readPayload(message);
      await deps.adapter.deliverStored(inbound.waId, reply.activity as Partial<Activity>, reply.key, inbound.sentAt, deferRecords);
    },
  });
}

/**
 * Payloads already read, by queue message: a turn reads its message's payload for the record, the read receipt
 * and each reply, and the JSON parse plus schema check is the same every time. Weak, so a finished turn's entry
 * goes with its message (its payload is readonly); a payload that fails is not kept (it throws each time, as before).
 */
const readPayloads = new WeakMap<InboundMessage, WhatsAppInbound>();

function readPayload(message: InboundMessage): WhatsAppInbound {
  let inbound = readPayloads.get(message);
  if (inbound === undefined) {
    inbound = parsePayload(message.payload);
    readPayloads.set(message, inbound);
  }
  return inbound;
}

function parsePayload(payload: string): WhatsAppInbound {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch (cause) {
    throw new PermanentTurnError('whatsapp queue payload is not JSON', { cause });
  }
  const parsed = WhatsAppInbound.safeParse(json);
  if (!parsed.success) throw new PermanentTurnError('whatsapp queue payload is not a normalised WhatsApp message');
  return parsed.data;
}
