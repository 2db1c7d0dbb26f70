import { z } from 'zod';
import { isBusinessScopedUserId, isPhoneNumberId } from './whatsappUserId.js';

// Meta adds fields over time: every object is loose (unknown keys kept, never an error) and only what we use
// is required. https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components

const Media = z.looseObject({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  /** Audio only: true for a voice note recorded in WhatsApp. */
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});

/** One inbound message of a webhook (`value.messages[]`), any kind. */
export const WebhookMessage = z.looseObject({
  /**
   * Sender's WhatsApp id: their phone number in international form, without +. Absent (or a BSUID) for a user
   * with a username whose number Meta withholds; see whatsappUserId.ts.
   */
  from: z.string().min(1).optional(),
  /** Sender's business-scoped user id (BSUID, e.g. `US.13491208655302741918`), sent alongside or instead of `from`. */
  from_user_id: z.string().min(1).optional(),
  /** Set when the message was written in a WhatsApp group the business number is part of. */
  group_id: z.string().optional(),
  /** Message id (`wamid.…`): unique, used for de-duplication and read receipts. */
  id: z.string().min(1),
  /** Seconds since the epoch, as a string. */
  timestamp: z.string().regex(/^\d+$/),
  /** text, interactive, button, location, audio, image, video, document, sticker, reaction, contacts, unsupported, … */
  type: z.string(),
  text: z.looseObject({ body: z.string() }).optional(),
  interactive: z
    .looseObject({
      type: z.string(),
      button_reply: z.looseObject({ id: z.string(), title: z.string().optional() }).optional(),
      list_reply: z.looseObject({ id: z.string(), title: z.string().optional(), description: z.string().optional() }).optional(),
    })
    .optional(),
  /** Quick-reply button of a template message (legacy type `button`). */
  button: z.looseObject({ payload: z.string().optional(), text: z.string().optional() }).optional(),
  location: z
    .looseObject({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  audio: Media.optional(),
  image: Media.optional(),
  video: Media.optional(),
  document: Media.optional(),
  sticker: Media.optional(),
  reaction: z.looseObject({ message_id: z.string().optional(), emoji: z.string().optional() }).optional(),
  contacts: z.array(z.unknown()).optional(),
  /**
   * WhatsApp's own notices (`type: system`): `user_changed_number` (new number in `new_wa_id`, or `wa_id` in some
   * versions), `user_changed_user_id` (new BSUID in `user_id`), `customer_identity_changed`, …
   */
  system: z
    .looseObject({ type: z.string().optional(), new_wa_id: z.union([z.string(), z.number()]).optional(), wa_id: z.string().optional(), user_id: z.string().optional() })
    .optional(),
}).refine((m) => Boolean(m.from || m.from_user_id), { message: 'a message needs from or from_user_id', path: ['from'] });
export type WebhookMessage = z.infer<typeof WebhookMessage>;

/** One status update about a message we sent (`value.statuses[]`). */
export const WebhookStatus = z.looseObject({
  /** Our message's id (`wamid.…`). */
  id: z.string().min(1),
  /** sent, delivered, read, failed (Meta may add others, e.g. `deleted`; those are ignored). */
  status: z.string(),
  timestamp: z.string().regex(/^\d+$/),
  /** The user's phone number; may be absent for a user with a username (then `recipient_user_id` is set). */
  recipient_id: z.string().min(1).optional(),
  /** The user's business-scoped user id (BSUID). */
  recipient_user_id: z.string().min(1).optional(),
  errors: z.array(z.looseObject({ code: z.number().optional() })).optional(),
}).refine((st) => Boolean(st.recipient_id || st.recipient_user_id), { message: 'a status needs recipient_id or recipient_user_id', path: ['recipient_id'] });
export type WebhookStatus = z.infer<typeof WebhookStatus>;

/** `entry[].changes[].value` of the `messages` field. */
export const WebhookValue = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
  /** Profile names: never stored nor logged; we only read `wa_id` from messages' `from`. */
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});
export type WebhookValue = z.infer<typeof WebhookValue>;

/**
 * A WhatsApp Cloud API webhook body. Messages and statuses stay `unknown` here and are parsed one by one
 * ({@link WebhookMessage}, {@link WebhookStatus}) so one odd item never hides the rest of a batch.
 */
export const WebhookPayload = z.looseObject({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.looseObject({
      id: z.string().optional(),
      changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })),
    }),
  ),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;

/** What a webhook body holds once parsed: every message and status of every entry, plus what was skipped. */
export interface WebhookBatch {
  /**
   * `profileName` is the sender's WhatsApp profile name from `contacts[]`: read for a language hint, never kept.
   * `sender` holds every id the payload gives the sender by (message and `contacts[]` together).
   */
  readonly messages: Array<{ readonly message: WebhookMessage; readonly phoneNumberId: string; readonly profileName?: string; readonly sender: SenderIds }>;
  readonly statuses: WebhookStatus[];
  /** Items that did not match their schema (counted for the log, contents never logged). */
  readonly skipped: number;
}

/** Collects the messages and statuses of every `messages` change of a parsed payload, in order. */
export function readWebhookBatch(payload: WebhookPayload): WebhookBatch {
  const messages: Array<{ message: WebhookMessage; phoneNumberId: string; profileName?: string; sender: SenderIds }> = [];
  const statuses: WebhookStatus[] = [];
  let skipped = 0;
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const value = WebhookValue.safeParse(change.value);
      if (!value.success) {
        skipped++;
        continue;
      }
      const phoneNumberId = value.data.metadata.phone_number_id;
      const names = profileNames(value.data.contacts);
      const pairs = contactIdPairs(value.data.contacts);
      for (const raw of value.data.messages ?? []) {
        const message = WebhookMessage.safeParse(raw);
        if (message.success) {
          const profileName = names.get(message.data.from ?? '') ?? names.get(message.data.from_user_id ?? '');
          messages.push({ message: message.data, phoneNumberId, ...(profileName ? { profileName } : {}), sender: senderIdsOf(message.data, pairs) });
        } else skipped++;
      }
      for (const raw of value.data.statuses ?? []) {
        const status = WebhookStatus.safeParse(raw);
        if (status.success) statuses.push(status.data);
        else skipped++;
      }
    }
  }
  return { messages, statuses, skipped };
}

const WebhookContact = z.looseObject({
  profile: z.looseObject({ name: z.string().optional() }).optional(),
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
});

/** Profile names of `contacts[]` by wa_id and by user_id (malformed entries are left out). */
function profileNames(contacts: unknown[] | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const raw of contacts ?? []) {
    const contact = WebhookContact.safeParse(raw);
    const name = contact.success ? contact.data.profile?.name : undefined;
    if (!contact.success || !name) continue;
    if (contact.data.wa_id) names.set(contact.data.wa_id, name);
    if (contact.data.user_id) names.set(contact.data.user_id, name);
  }
  return names;
}

/** The ids a payload gives one sender by: phone number (`wa_id`) and business-scoped user id, when present. */
export interface SenderIds {
  readonly phone?: string;
  readonly bsuid?: string;
}

/** Each `contacts[]` entry's wa_id ↔ user_id, both ways (entries with only one of them are left out). */
function contactIdPairs(contacts: unknown[] | undefined): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const raw of contacts ?? []) {
    const contact = WebhookContact.safeParse(raw);
    if (!contact.success || !contact.data.wa_id || !contact.data.user_id) continue;
    pairs.set(contact.data.wa_id, contact.data.user_id);
    pairs.set(contact.data.user_id, contact.data.wa_id);
  }
  return pairs;
}

/** The sender's phone number and BSUID, from the message (`from`, `from_user_id`) completed by `contacts[]`. */
function senderIdsOf(message: WebhookMessage, pairs: ReadonlyMap<string, string>): SenderIds {
  let phone = message.from && isPhoneNumberId(message.from) ? message.from : undefined;
  let bsuid = message.from_user_id ?? (message.from && isBusinessScopedUserId(message.from) ? message.from : undefined);
  const pairedWithBsuid = bsuid === undefined ? undefined : pairs.get(bsuid);
  if (phone === undefined && pairedWithBsuid !== undefined && isPhoneNumberId(pairedWithBsuid)) phone = pairedWithBsuid;
  if (bsuid === undefined && phone !== undefined) bsuid = pairs.get(phone);
  return { ...(phone ? { phone } : {}), ...(bsuid ? { bsuid } : {}) };
}

/**
 * Builds a webhook body shaped like Meta's, one entry with one `messages` change (used by the simulator and
 * tests to play a user). `messages` and `statuses` are passed as Meta would write them.
 */
export function buildWebhookBody(options: {
  readonly phoneNumberId: string;
  readonly messages?: ReadonlyArray<Record<string, unknown>>;
  readonly statuses?: ReadonlyArray<Record<string, unknown>>;
}): WebhookPayload {
  const value: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: '15550000000', phone_number_id: options.phoneNumberId },
  };
  if (options.messages) {
    value.messages = options.messages;
    value.contacts = [...new Set(options.messages.map((m) => String(m.from ?? m.from_user_id)))].map((id) => ({ profile: { name: 'Simulated user' }, ...(/^\d+$/.test(id) ? { wa_id: id } : { user_id: id }) }));
  }
  if (options.statuses) value.statuses = options.statuses;
  return { object: 'whatsapp_business_account', entry: [{ id: 'waba-simulated', changes: [{ field: 'messages', value }] }] };
}
