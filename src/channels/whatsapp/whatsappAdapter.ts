import { randomUUID } from 'node:crypto';
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import type { Translator } from '../../i18n/i18n.js';
import type { Language } from '../../i18n/languages.js';
import type { AppLogger } from '../../observability/logger.js';
import { maskId } from '../../observability/redactPersonalData.js';
import { ChannelAdapter } from '../channelAdapter.js';
import type { MenuMemory } from './menuMemory.js';
import { toWhatsAppMessages } from './outboundMessages.js';
import type { WhatsAppSender } from './whatsappSender.js';

/** Dependencies of {@link WhatsAppAdapter}. */
export interface WhatsAppAdapterOptions {
  /** Sends (with retries, window, idempotency); only `send` is used here. */
  readonly sender: Pick<WhatsAppSender, 'send'> & Partial<Pick<WhatsAppSender, 'prepare'>>;
  /** Remembers numbered menus so the user's "2" can be resolved by the inbound side. */
  readonly menuMemory: MenuMemory;
  /** Strings of the WhatsApp chrome (list button, header, menu hint): locales/<lng>/whatsapp.json. */
  readonly translator: Translator;
  readonly logger: AppLogger;
  /** Language when a reply has no `locale`, default fr (DEFAULT_LANGUAGE). */
  readonly defaultLanguage?: Language;
}

const REPLY_COUNTER = Symbol('whatsappReplyCounter');

/**
 * Bot Framework adapter of the WhatsApp channel: runs a turn (see {@link ChannelAdapter}) and turns each
 * reply into Graph messages sent one after the other, each once Graph accepted the previous one.
 *
 * Queued turns are recorded, stored, then delivered with {@link deliverStored}: each Graph message gets the
 * idempotency key `<stored reply key>.<part>`, fixed when the turn's outcome was stored, so a re-delivery
 * after a crash skips what Graph already accepted. The recipient is the turn's user (the wa_id).
 */
export class WhatsAppAdapter extends ChannelAdapter {
  constructor(private readonly options: WhatsAppAdapterOptions) {
    super();
  }

  /**
   * Sends one reply stored by `record` to `waId`, part by part, each part once per `replyKey`.
   * @param inboundAt when the message it answers arrived (epoch ms), for the 24-hour window.
   * @param deferRecords receives the writes recording the last part, still under way (see SendOptions.deferRecords).
   */
  async deliverStored(waId: string, activity: Partial<Activity>, replyKey: string, inboundAt?: number, deferRecords?: (records: Promise<void>) => void): Promise<string> {
    const outbound = toWhatsAppMessages(activity, { translator: this.options.translator, defaultLanguage: this.options.defaultLanguage });
    if (outbound.menuValues) await this.options.menuMemory.remember(waId, outbound.menuValues);
    let lastId = '';
    for (const [part, message] of outbound.messages.entries()) {
      // Only the last part's records may wait: the ones before are written before the next part is sent.
      const last = part === outbound.messages.length - 1;
      const outcome = await this.options.sender.send(waId, message, `${replyKey}.${part}`, { inboundAt, ...(deferRecords && last ? { deferRecords } : {}) });
      if (outcome.status === 'sent') lastId = outcome.messageId;
      else if (outcome.status !== 'duplicate') {
        // Held and dead messages are logged by the sender with their entry id; the turn goes on.
        this.options.logger.info({ user: maskId(waId), part, outcome: outcome.status }, 'whatsapp reply not delivered now');
      }
    }
    return lastId;
  }

  /** Starts the claim and rate token of a stored reply's first part now (see WhatsAppSender.prepare). */
  prepareStored(replyKey: string): void {
    this.options.sender.prepare?.(`${replyKey}.0`);
  }

  protected async deliver(activity: Partial<Activity>, context: TurnContext): Promise<ResourceResponse> {
    const waId = context.activity.from?.id ?? activity.recipient?.id;
    if (!waId) throw new Error('WhatsApp reply without a recipient: the turn activity has no from.id');
    const replyIndex = this.nextReplyIndex(context);
    // Turns run here directly (proactive ones) are not re-run by the queue: a fresh key each.
    const turnId = `${context.activity.id ?? 'proactive'}-${randomUUID()}`;
    return { id: await this.deliverStored(waId, activity, `${turnId}#${replyIndex}`) };
  }

  private nextReplyIndex(context: TurnContext): number {
    const index = (context.turnState.get(REPLY_COUNTER) as number | undefined) ?? 0;
    context.turnState.set(REPLY_COUNTER, index + 1);
    return index;
  }
}
