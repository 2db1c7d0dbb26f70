import type { TurnContext } from 'botbuilder';
import type { AppLogger } from '../../observability/logger.js';
import { logHash } from '../../observability/logHash.js';
import { maskId } from '../../observability/redactPersonalData.js';
import type { InboundMessage } from '../../stores/types.js';
import type { ChannelAdapter } from '../channelAdapter.js';
import type { WhatsAppContactStore } from './contactStore.js';
import { toWhatsAppActivity, WhatsAppInbound, type OwnCommandCheck } from './inboundActivity.js';
import type { MenuMemory } from './menuMemory.js';
import type { WhatsAppNumberChange } from './whatsappNumberChange.js';

/** Dependencies of {@link createWhatsAppTurnHandler}. */
export interface WhatsAppTurnHandlerDeps {
  /** Runs the turn and delivers the replies (the WhatsAppAdapter). */
  readonly adapter: Pick<ChannelAdapter, 'processActivity'>;
  readonly bot: { run(context: TurnContext): Promise<void> };
  /** Turns a numbered-menu answer ("2", "٢") back into the command value. */
  readonly menuMemory: Pick<MenuMemory, 'resolve'>;
  /** Inbound time is recorded again here (idempotent), for messages that reached the queue another way. */
  readonly contacts: Pick<WhatsAppContactStore, 'recordInbound'>;
  /** Sends the read receipt (best effort: a failure is logged, the turn goes on). */
  readonly sender: { markRead(messageId: string): Promise<void> };
  readonly logger: AppLogger;
  /** Moves a user's records on a number change; unset: number changes are only logged. */
  readonly numberChange?: WhatsAppNumberChange;
  /** Whether a tapped reply id is one of the bot's commands (else its title is read as text); unset: all are. */
  readonly isOwnCommand?: OwnCommandCheck;
}

/**
 * The inbound queue's handler for channel `whatsapp` (give it to the TurnWorker): reads the normalised message
 * stored by the webhook, marks it read, resolves a numbered-menu answer, builds the activity (see
 * inboundActivity.ts) and runs the bot turn through the adapter. Rejects when the turn fails, so the worker
 * retries it; a payload that can never be read is logged and dropped instead of blocking the user's queue.
 */
export function createWhatsAppTurnHandler(deps: WhatsAppTurnHandlerDeps): (message: InboundMessage) => Promise<void> {
  const log = deps.logger.child({ channel: 'whatsapp' });
  return async (message) => {
    const inbound = readPayload(message.payload);
    if (!inbound) {
      log.error({ messageId: logHash(message.id) }, 'whatsapp queue payload unreadable; dropped');
      return;
    }
    if (inbound.kind === 'numberChange') {
      // A WhatsApp notice, not the user speaking: no read receipt, no turn, no reply.
      if (inbound.newUserId && deps.numberChange) await deps.numberChange(inbound.waId, inbound.newUserId);
      else log.info({ user: maskId(inbound.waId) }, 'whatsapp number change not applied (no mover configured)');
      return;
    }
    const receipt = deps.sender.markRead(inbound.messageId).catch((err: Error) => {
      log.warn({ messageId: logHash(inbound.messageId), err: { name: err.name } }, 'whatsapp read receipt failed');
    });
    try {
      await deps.contacts.recordInbound(inbound.waId, inbound.sentAt);
      const resolved = inbound.kind === 'text' && inbound.text !== undefined ? await deps.menuMemory.resolve(inbound.waId, inbound.text) : undefined;
      const activity = toWhatsAppActivity(inbound, resolved, deps.isOwnCommand);
      await deps.adapter.processActivity(activity, (context) => deps.bot.run(context));
    } finally {
      await receipt;
    }
  };
}

function readPayload(payload: string): WhatsAppInbound | undefined {
  try {
    const parsed = WhatsAppInbound.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
