import type { Language } from '../i18n/languages.js';

/** Who a proactive message goes to (structurally the appointments' BookingContact). */
export interface NoticeContact {
  readonly channel: string;
  /** The channel's user id (WhatsApp wa_id, web chat user id). */
  readonly userId: string;
  readonly conversationId: string;
}

/** A proactive message (structurally the appointments' AppointmentNotice). */
export interface ProactiveNotice {
  readonly lang: Language;
  readonly text: string;
  readonly buttons: ReadonlyArray<{ readonly title: string; readonly value: string }>;
  /** Body parameters for a WhatsApp template outside the 24-hour window. */
  readonly templateParams?: readonly string[];
  /** Who writes: the assistant (default) or a caseworker, which web chat shows as a person's message. */
  readonly from?: 'assistant' | 'caseworker';
  /** Which configured template: the reminder one (default) or the staff-cancellation one. */
  readonly templateKind?: 'reminder' | 'cancellation';
}

/** A channel's proactive sender. */
export interface ChannelNotifier {
  notify(contact: NoticeContact, notice: ProactiveNotice, idempotencyKey: string): Promise<'sent' | 'held' | 'unreachable'>;
}

/**
 * One proactive sender over several channels: each message goes to the notifier of the contact's channel;
 * a channel that is not enabled cannot reach anyone.
 */
export function routeByChannel(byChannel: Readonly<Record<string, ChannelNotifier | undefined>>): ChannelNotifier {
  return {
    notify: async (contact, notice, key) => (await byChannel[contact.channel]?.notify(contact, notice, key)) ?? 'unreachable',
  };
}
