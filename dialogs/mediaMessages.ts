import type { Activity, TurnContext } from 'botbuilder';
import type { Translate } from '../src/i18n/i18n.js';
import type { Language } from '../src/i18n/languages.js';
import { menuButtons, reply, type Button } from './replyBuilder.js';

/** Kinds of non-text messages a channel may report in `channelData.messageKind`. */
export const MEDIA_KINDS = ['voice', 'audio', 'image', 'video', 'document', 'sticker', 'contacts', 'location', 'unsupported'] as const;
/** One of {@link MEDIA_KINDS}. */
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Media a person can listen to or look at: with a channel media id they open a handoff. */
export const HANDOFF_MEDIA: ReadonlySet<MediaKind> = new Set(['voice', 'audio', 'image', 'video', 'document']);

/** The media kind of a turn without text: the channel's `messageKind`, or "unsupported" for other attachments. */
export function mediaKindOf(context: TurnContext): MediaKind | undefined {
  const { activity } = context;
  const kind = (activity.channelData as { messageKind?: unknown } | undefined)?.messageKind;
  return MEDIA_KINDS.find((k) => k === kind) ?? (activity.attachments?.length ? 'unsupported' : undefined);
}

/** The channel's id of the turn's media (never its content), when the channel keeps it (WhatsApp). */
export function mediaIdOf(context: TurnContext): string | undefined {
  const mediaId = (context.activity.channelData as { mediaId?: unknown } | undefined)?.mediaId;
  return typeof mediaId === 'string' ? mediaId : undefined;
}

/**
 * The reply to a media message that no caseworker will open: what the bot can and cannot do with it, with
 * "talk to a person" for the kinds that carry a question (voice, audio, image, video). No kind: the menu.
 */
export function mediaReply(kind: MediaKind | undefined, lang: Language, t: Translate): Partial<Activity> {
  if (!kind) return reply(lang, t('unknown.reply'), menuButtons(t));
  const offerHuman = kind === 'voice' || kind === 'audio' || kind === 'image' || kind === 'video';
  const buttons: Button[] = offerHuman ? [{ title: t('menu.human'), value: 'intent.human' }] : [];
  buttons.push({ title: t('menu.back'), value: 'menu' });
  return reply(lang, t(`media.${kind}`), buttons);
}
