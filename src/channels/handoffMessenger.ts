import type { ChannelNotifier } from './channelNotifier.js';

/** Who a caseworker's message goes to (a handoff ticket's channel fields). */
export interface ChannelTarget {
  readonly channel: string;
  readonly userId: string;
  readonly conversationId: string;
  readonly language: string;
}

type Delivery = 'sent' | 'held' | 'failed';

/** The channel senders the handoff relay uses (the channels' own, so it inherits their delivery guarantees). */
export interface HandoffMessengerDeps {
  /** Web chat: appends to the conversation log (webChatNotifier.ts, shared with appointment reminders). */
  readonly webchat: ChannelNotifier;
  /** WhatsApp, when the channel is enabled (see WhatsAppChannel). */
  readonly whatsapp?: {
    sendText(waId: string, text: string, key: string): Promise<Delivery>;
    sendTemplate(waId: string, template: { name: string; language: string }, key: string): Promise<Delivery>;
    sendHeld(waId: string, key: string): Promise<Delivery | 'gone' | undefined>;
    windowClosesAt(waId: string): Promise<number | undefined>;
    fetchMedia(mediaId: string): Promise<{ contentType: string; data: Buffer } | undefined>;
  };
  /** The "we have not forgotten you" template (HANDOFF_REMINDER_TEMPLATE), if configured. */
  readonly reminderTemplate?: { readonly name: string; readonly language: string };
}

/**
 * Sends handoff messages on the ticket's own channel. It satisfies the domain's `UserMessenger` and `MediaFetcher`
 * (src/domain/handoff/userMessenger.ts) by shape, so the console reaches channels only through src/index.ts.
 */
export function createHandoffMessenger(deps: HandoffMessengerDeps) {
  return {
    async send(target: ChannelTarget, text: string, key: string, options: { readonly fromCaseworker?: boolean } = {}): Promise<Delivery> {
      if (target.channel === 'webchat') {
        const lang = target.language === 'en' || target.language === 'ar' ? target.language : 'fr';
        const from = options.fromCaseworker ? 'caseworker' : 'assistant';
        const outcome = await deps.webchat.notify(target, { lang, text, buttons: [], from }, key);
        return outcome === 'unreachable' ? 'failed' : outcome;
      }
      if (target.channel === 'whatsapp' && deps.whatsapp) return deps.whatsapp.sendText(target.userId, text, key);
      return 'failed';
    },
    async sendHeld(target: ChannelTarget, key: string): Promise<Delivery | 'gone' | undefined> {
      return target.channel === 'whatsapp' && deps.whatsapp ? deps.whatsapp.sendHeld(target.userId, key) : 'gone';
    },
    async sendReminder(target: ChannelTarget, key: string): Promise<Delivery> {
      if (target.channel !== 'whatsapp' || !deps.whatsapp || !deps.reminderTemplate) return 'failed';
      return deps.whatsapp.sendTemplate(target.userId, deps.reminderTemplate, key);
    },
    async windowClosesAt(target: ChannelTarget): Promise<number | undefined> {
      return target.channel === 'whatsapp' ? deps.whatsapp?.windowClosesAt(target.userId) : undefined;
    },
    async fetch(channel: string, mediaId: string): Promise<{ contentType: string; data: Buffer } | undefined> {
      return channel === 'whatsapp' ? deps.whatsapp?.fetchMedia(mediaId) : undefined;
    },
  };
}
