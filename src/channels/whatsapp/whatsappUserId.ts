// WhatsApp users are addressed by their phone number (`wa_id`, digits only) or, when they adopted a username and
// Meta withholds the number, by a business-scoped user id (BSUID: two-letter country code, a dot, alphanumerics,
// e.g. `US.13491208655302741918`, or `US.ENT.…` for a parent id).
// https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/

const PHONE_NUMBER = /^\d{4,20}$/;
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9.]{1,160}$/;

/** True for a business-scoped user id (BSUID) rather than a phone number. */
export function isBusinessScopedUserId(id: string): boolean {
  return BSUID.test(id);
}

/** True for a phone-number wa_id (digits only). */
export function isPhoneNumberId(id: string): boolean {
  return PHONE_NUMBER.test(id);
}

/**
 * The id a user's conversation is keyed by: the phone number in `from` whenever Meta gives one (so phone-number
 * users keep the key they always had), else the BSUID (`from_user_id`, or a BSUID Meta put in `from`).
 * Undefined when the message names no sender at all.
 */
export function userIdOfMessage(message: { readonly from?: string; readonly from_user_id?: string }): string | undefined {
  if (message.from && isPhoneNumberId(message.from)) return message.from;
  return message.from_user_id || message.from || undefined;
}

/**
 * Every id a delivery status names its recipient by (`recipient_id`, then `recipient_user_id`), without
 * repeats: a status about a message sent to a BSUID may carry the phone number too, and the contact store
 * keeps it under whichever id the user is keyed by.
 */
export function userIdsOfStatus(status: { readonly recipient_id?: string; readonly recipient_user_id?: string }): string[] {
  return [...new Set([status.recipient_id, status.recipient_user_id].filter((id): id is string => Boolean(id)))];
}

/**
 * The addressing fields of an outbound Graph message: `to` for a phone number, `recipient` for a BSUID
 * (Meta refuses a BSUID in `to`).
 */
export function graphRecipientFields(userId: string): { readonly to: string } | { readonly recipient: string } {
  return isBusinessScopedUserId(userId) ? { recipient: userId } : { to: userId };
}
