import type { TurnContext } from 'botbuilder';
import { personKeyOf } from '../src/domain/appointments/personKey.js';
import { phoneFromWhatsAppId } from '../src/domain/appointments/phoneNumber.js';
import type { BookingDraft } from './bookingDraft.js';

/** Who is booking, from the turn. */
export function personOf(context: TurnContext) {
  const { channelId, from, conversation } = context.activity;
  return { channel: channelId, userId: from.id, conversationId: conversation.id, key: personKeyOf(channelId, from.id) };
}

/** The phone number of the booking: typed (web chat), from the moved booking, or the WhatsApp account's. */
export function phoneOf(draft: BookingDraft, person: ReturnType<typeof personOf>): string | undefined {
  return draft.phone ?? (draft.phoneKnown && person.channel === 'whatsapp' ? phoneFromWhatsAppId(person.userId) : undefined);
}

/** The turn's answer: a button value (`value.command`) or the text. */
export function answerOf(context: TurnContext): string {
  const command = (context.activity.value as { command?: unknown } | undefined)?.command;
  return (typeof command === 'string' ? command : (context.activity.text ?? '')).trim();
}
