import type { Activity } from 'botbuilder';
import type { Translator } from '../../i18n/i18n.js';
import type { ChannelNotifier, ProactiveNotice } from '../channelNotifier.js';
import type { GraphMessage } from './graphClient.js';
import type { MenuMemory } from './menuMemory.js';
import { toWhatsAppMessages } from './outboundMessages.js';
import type { SenderContacts, SendOutcome } from './whatsappSenderTypes.js';

/** Options of {@link createWhatsAppNotifier}. */
export interface WhatsAppNotifierOptions {
  readonly sender: { send(waId: string, message: GraphMessage, idempotencyKey: string): Promise<SendOutcome> };
  readonly contacts: Pick<SenderContacts, 'lastInboundAt'>;
  readonly menuMemory: MenuMemory;
  readonly translator: Translator;
  /** Approved template for proactive messages outside the 24-hour window (WHATSAPP_REMINDER_TEMPLATE/_LANGUAGE). */
  readonly template?: { readonly name: string; readonly language: string };
  /**
   * Approved template for a staff cancellation outside the window (WHATSAPP_CANCELLATION_TEMPLATE/_LANGUAGE: body
   * parameters date, time, point, reference; one quick-reply button to book again). Unset: the message is held.
   */
  readonly cancellationTemplate?: { readonly name: string; readonly language: string };
  /** Epoch ms, default `Date.now`. */
  readonly now?: () => number;
  /** Customer-service window, in ms, default 24 h. */
  readonly windowMs?: number;
}

/**
 * Sends proactive messages (appointment reminders, staff cancellations) to a WhatsApp user: inside the 24-hour
 * window as an ordinary interactive message; outside it, as the configured template with the notice's body
 * parameters and its buttons' values as quick-reply payloads (one tap still works). Without a template the
 * message is held by the sender for a caseworker. Every Graph message is sent once per idempotency key.
 */
export function createWhatsAppNotifier(options: WhatsAppNotifierOptions): ChannelNotifier {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? 24 * 3600_000;
  return {
    async notify(contact, notice, idempotencyKey) {
      const waId = contact.userId;
      const last = await options.contacts.lastInboundAt(waId);
      const open = last !== undefined && now() - last < windowMs;
      const template = notice.templateKind === 'cancellation' ? options.cancellationTemplate : options.template;
      if (!open && template && notice.templateParams) {
        const outcome = await options.sender.send(waId, templateMessage(template, notice), `${idempotencyKey}#template`);
        return outcome.status === 'sent' || outcome.status === 'duplicate' ? 'sent' : outcome.status === 'held' ? 'held' : 'unreachable';
      }
      const activity: Partial<Activity> = {
        type: 'message',
        text: notice.text,
        locale: notice.lang,
        suggestedActions: { to: [], actions: notice.buttons.map((b) => ({ type: 'postBack', title: b.title, value: b.value })) },
      };
      const mapped = toWhatsAppMessages(activity, { translator: options.translator, defaultLanguage: notice.lang });
      if (mapped.menuValues) await options.menuMemory.remember(waId, mapped.menuValues);
      let result: 'sent' | 'held' | 'unreachable' = 'sent';
      for (const [part, message] of mapped.messages.entries()) {
        const outcome = await options.sender.send(waId, message, `${idempotencyKey}#${part}`);
        if (outcome.status === 'held') result = 'held';
        else if (outcome.status === 'dead') result = 'unreachable';
      }
      return result;
    },
  };
}

function templateMessage(template: { name: string; language: string }, notice: ProactiveNotice): GraphMessage {
  return {
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language },
      components: [
        { type: 'body', parameters: (notice.templateParams ?? []).map((text) => ({ type: 'text', text })) },
        ...notice.buttons.map((b, index) => ({ type: 'button', sub_type: 'quick_reply', index: String(index), parameters: [{ type: 'payload', payload: b.value }] })),
      ],
    },
  };
}
