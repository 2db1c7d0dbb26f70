import { normaliseWebhookMessage, type WhatsAppInbound } from './inboundActivity.js';
import type { WebhookMessage } from './webhookPayload.js';
import { isBusinessScopedUserId, isPhoneNumberId, userIdOfMessage } from './whatsappUserId.js';

/**
 * Why a webhook message gets no turn: written to another business number of the account, in a group, a
 * deleted (`revoke`) or edited (`edit`) message, or a WhatsApp notice (`system`) that asks nothing of us.
 */
export const IGNORED_REASONS = ['otherBusinessNumber', 'group', 'revoke', 'edit', 'system'] as const;
/** One of {@link IGNORED_REASONS}. */
export type IgnoredReason = (typeof IGNORED_REASONS)[number];

/** What to do with one webhook message. */
export type TriageResult =
  | { readonly action: 'enqueue'; readonly inbound: WhatsAppInbound }
  | { readonly action: 'ignore'; readonly reason: IgnoredReason };

const NUMBER_CHANGED = new Set(['user_changed_number', 'customer_changed_number']);
const USER_ID_CHANGED = 'user_changed_user_id';

/**
 * Decides whether a webhook message becomes a turn. Ignored (acknowledged, never answered): messages to a
 * business number other than `ourPhoneNumberId` (one WhatsApp account can hold several numbers, and Meta sends
 * every number's messages to the app's one webhook), group messages (we answer people one to one), `revoke`,
 * `edit` and `system` notices. A number change becomes a `numberChange` item queued behind the user's earlier
 * messages, so their state moves once those turns are done.
 * @param ourPhoneNumberId WHATSAPP_PHONE_NUMBER_ID; undefined accepts every number.
 * @param profileName the sender's profile name, only read for a language hint.
 */
export function triageWebhookMessage(
  message: WebhookMessage,
  phoneNumberId: string,
  ourPhoneNumberId: string | undefined,
  profileName?: string,
): TriageResult {
  if (ourPhoneNumberId !== undefined && phoneNumberId !== ourPhoneNumberId) return { action: 'ignore', reason: 'otherBusinessNumber' };
  if (message.group_id) return { action: 'ignore', reason: 'group' };
  if (message.type === 'revoke' || message.type === 'edit') return { action: 'ignore', reason: message.type };
  if (message.type !== 'system') return { action: 'enqueue', inbound: normaliseWebhookMessage(message, phoneNumberId, profileName) };

  const newUserId = newUserIdOf(message);
  if (!newUserId) return { action: 'ignore', reason: 'system' };
  const inbound = normaliseWebhookMessage(message, phoneNumberId);
  return { action: 'enqueue', inbound: { ...inbound, kind: 'numberChange', newUserId } };
}

/** The id a `system` notice says the user is now known by, when it moves the user's conversation. */
function newUserIdOf(message: WebhookMessage): string | undefined {
  const system = message.system;
  const current = userIdOfMessage(message);
  if (!system?.type || !current) return undefined;
  let next: string | undefined;
  if (NUMBER_CHANGED.has(system.type)) {
    const raw = system.new_wa_id ?? system.wa_id;
    next = raw === undefined ? undefined : String(raw);
    if (next !== undefined && !isPhoneNumberId(next)) next = undefined;
  } else if (system.type === USER_ID_CHANGED && isBusinessScopedUserId(current)) {
    // Users keyed by phone number keep their key when only their BSUID changes.
    next = system.user_id && isBusinessScopedUserId(system.user_id) ? system.user_id : undefined;
  }
  return next !== undefined && next !== current ? next : undefined;
}
