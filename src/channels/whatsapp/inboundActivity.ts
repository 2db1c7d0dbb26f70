import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { WebhookMessage } from './webhookPayload.js';
import { isLanguage } from '../../i18n/languages.js';
import { languageHintOf } from './languageHint.js';
import { userIdOfMessage } from './whatsappUserId.js';

/** Kinds of non-text messages, as the bot reads them in `channelData.messageKind`. */
export const NON_TEXT_KINDS = [
  'voice',
  'audio',
  'image',
  'video',
  'document',
  'sticker',
  'reaction',
  'contacts',
  'location',
  'unsupported',
] as const;
/** One of {@link NON_TEXT_KINDS}. */
export type NonTextKind = (typeof NON_TEXT_KINDS)[number];

/**
 * A WhatsApp message normalised for the inbound queue (`InboundMessage.payload`): only what a turn needs,
 * never the profile name. `kind` is `text`, `command` (button/list/template quick reply) or a {@link NonTextKind}.
 */
export const WhatsAppInbound = z.object({
  /** The `wamid`. */
  messageId: z.string().min(1),
  /** The user's WhatsApp id: phone number, or business-scoped user id (BSUID) for a user Meta gives no number for. */
  waId: z.string().min(1),
  /** Our business number's id (the activity's recipient). */
  phoneNumberId: z.string(),
  /** When the user sent it, ms since the epoch. */
  sentAt: z.number(),
  /** `numberChange`: WhatsApp's notice that the user now writes from `newUserId` (no bot turn, no reply). */
  kind: z.enum(['text', 'command', 'numberChange', ...NON_TEXT_KINDS]),
  /** Text body (kind `text`). */
  text: z.string().optional(),
  /** Command value of a button/list reply (kind `command`), e.g. `intent.book`, `faq:avrr.cost`, `lang:ar`. */
  command: z.string().optional(),
  /** Title of the button or list row the user tapped (kind `command`), the fallback when its id is not ours. */
  title: z.string().optional(),
  /** The user's new id (kind `numberChange`). */
  newUserId: z.string().optional(),
  mediaId: z.string().optional(),
  mimeType: z.string().optional(),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), name: z.string().optional(), address: z.string().optional() })
    .optional(),
  emoji: z.string().optional(),
  /**
   * The language the user likely reads (languageHint.ts: profile name script, country of the number), the
   * activity's `locale`: used only while the conversation has no language yet.
   */
  languageHint: z.string().refine(isLanguage).optional(),
});
export type WhatsAppInbound = z.infer<typeof WhatsAppInbound>;

const MEDIA_KINDS = ['image', 'video', 'document', 'sticker'] as const;

/** Normalises one webhook message; kinds we do not handle (order, system, unknown future kinds…) become `unsupported`. */
export function normaliseWebhookMessage(message: WebhookMessage, phoneNumberId: string, profileName?: string): WhatsAppInbound {
  // The schema guarantees `from` or `from_user_id`.
  const waId = userIdOfMessage(message) ?? '';
  const hint = languageHintOf(waId, profileName);
  const base = { messageId: message.id, waId, phoneNumberId, sentAt: Number(message.timestamp) * 1000, ...(hint ? { languageHint: hint } : {}) };
  switch (message.type) {
    case 'text':
      if (message.text) return { ...base, kind: 'text', text: message.text.body };
      break;
    case 'interactive': {
      const reply = message.interactive?.button_reply ?? message.interactive?.list_reply;
      if (reply) return { ...base, kind: 'command', command: reply.id, ...(reply.title ? { title: reply.title } : {}) };
      break;
    }
    case 'button': {
      // Template quick replies carry the value in `payload`; very old clients only sent the title in `text`.
      const command = message.button?.payload ?? message.button?.text;
      if (command) return { ...base, kind: 'command', command, ...(message.button?.text ? { title: message.button.text } : {}) };
      break;
    }
    case 'location':
      if (message.location) {
        const { latitude, longitude, name, address } = message.location;
        return { ...base, kind: 'location', location: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } };
      }
      break;
    case 'audio':
      if (message.audio) return { ...base, kind: message.audio.voice ? 'voice' : 'audio', ...media(message.audio) };
      break;
    case 'voice':
      // Some webhook versions report voice notes as their own type.
      return { ...base, kind: 'voice', ...media((message as { voice?: { id: string; mime_type?: string } }).voice) };
    case 'reaction':
      return { ...base, kind: 'reaction', ...(message.reaction?.emoji ? { emoji: message.reaction.emoji } : {}) };
    case 'contacts':
      return { ...base, kind: 'contacts' };
    default: {
      const kind = MEDIA_KINDS.find((k) => k === message.type);
      if (kind && message[kind]) return { ...base, kind, ...media(message[kind]) };
    }
  }
  return { ...base, kind: 'unsupported' };
}

function media(m: { id: string; mime_type?: string } | undefined): { mediaId?: string; mimeType?: string } {
  if (!m) return {};
  return { mediaId: m.id, ...(m.mime_type ? { mimeType: m.mime_type } : {}) };
}

/**
 * Tells whether a button or list reply id is one of the assistant's own command values (`faq:…`, `intent.…`,
 * `lang:…`, …). A reply whose id is not (a template's quick reply, a menu of an older version) is read as the
 * text of its title instead.
 */
export type OwnCommandCheck = (value: string) => boolean;

/**
 * The botbuilder activity of a normalised message (the shape the bot relies on: see the README of this folder).
 * @param resolvedCommand the value of a numbered text menu item the user's text picked (see MenuMemory.resolve).
 * @param isOwnCommand when given, a tapped reply whose id fails it becomes its title as free text.
 */
export function toWhatsAppActivity(inbound: WhatsAppInbound, resolvedCommand?: string, isOwnCommand?: OwnCommandCheck): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: 'message', // ActivityTypes.Message, without loading botbuilder on the HTTP side (webhook triage)
    id: inbound.messageId,
    channelId: 'whatsapp',
    serviceUrl: 'whatsapp:',
    from: { id: inbound.waId, name: '', role: 'user' },
    conversation: { id: inbound.waId, name: '', isGroup: false, conversationType: 'personal' },
    recipient: { id: inbound.phoneNumberId, name: '', role: 'bot' },
    timestamp: new Date(inbound.sentAt),
    localTimestamp: new Date(inbound.sentAt),
    ...(inbound.languageHint ? { locale: inbound.languageHint } : {}),
  };
  if (inbound.kind === 'command' && inbound.command !== undefined && isOwnCommand && !isOwnCommand(inbound.command) && inbound.title) {
    activity.text = inbound.title;
    return activity;
  }
  if (inbound.kind === 'text' || inbound.kind === 'command') {
    const command = inbound.kind === 'command' ? inbound.command : resolvedCommand;
    activity.text = command ?? inbound.text ?? '';
    if (command !== undefined) activity.value = { command };
    return activity;
  }
  activity.text = '';
  activity.channelData = {
    messageKind: inbound.kind,
    ...(inbound.mediaId ? { mediaId: inbound.mediaId } : {}),
    ...(inbound.mimeType ? { mimeType: inbound.mimeType } : {}),
    ...(inbound.location ? { location: inbound.location } : {}),
    ...(inbound.emoji ? { emoji: inbound.emoji } : {}),
  };
  if (inbound.mediaId) {
    activity.attachments = [{ contentType: inbound.mimeType ?? 'application/octet-stream', contentUrl: `whatsapp-media:${inbound.mediaId}` }];
  }
  return activity;
}
