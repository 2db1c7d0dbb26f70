import { z } from 'zod';
import { languageOfLocale } from '../../i18n/languages.js';

/** What a Direct Line client may post: a message (or typing/event), validated before it is stored. */
export const PostedActivity = z.object({
  type: z.enum(['message', 'typing', 'event']),
  text: z.string().max(5000).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().max(20).optional(),
  name: z.string().max(200).optional(),
  value: z.unknown().optional(),
  from: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional(), role: z.string().max(20).optional() }).partial().optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(z.object({ contentType: z.string().max(200), contentUrl: z.string().max(2000).optional(), name: z.string().max(300).optional() })).max(10).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
});

/** A validated posted activity. */
export type PostedActivity = z.infer<typeof PostedActivity>;

/** The user id used for a web chat conversation: bound to the conversation, never taken from the client. */
export function webChatUserId(conversationId: string): string {
  return `dl-${conversationId}`;
}

/** What directlinejs may send when starting a conversation (`conversationStartProperties`); anything else is ignored. */
const StartConversation = z.object({ locale: z.string().trim().min(2).max(35).regex(/^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$/) });

/**
 * The locale to greet a new conversation in: the client's `locale` from the start body (Web Chat's
 * `conversationStartProperties`, our page's language), else the browser's first Accept-Language tag.
 */
export function startLocale(body: unknown, acceptLanguage: string | undefined): string | undefined {
  const parsed = StartConversation.safeParse(body);
  if (parsed.success) return parsed.data.locale;
  // Browsers list tags by preference; the first one we speak wins.
  const tags = (acceptLanguage ?? '').slice(0, 500).split(',').map((part) => part.split(';')[0]?.trim() ?? '');
  return tags.find((tag) => /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(tag) && languageOfLocale(tag) !== undefined);
}

/** The channelData keys a client may set (Web Chat's and our page's); others, e.g. `messageKind` or `mediaId`, are the server's to set. */
const CLIENT_CHANNEL_DATA_KEYS = ['clientActivityID', 'clientTimestamp', 'displayText', 'postBack'] as const;

/** Keeps only the client's own channelData keys, so a client cannot pose as another channel's media. */
export function clientChannelData(channelData: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!channelData) return undefined;
  const kept = Object.fromEntries(CLIENT_CHANNEL_DATA_KEYS.filter((k) => channelData[k] !== undefined).map((k) => [k, channelData[k]]));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/** Highest watermark a client may send; a log never holds this many activities, and Redis list indexes stay in range. */
const MAX_WATERMARK = 2 ** 31 - 1;

/**
 * A client's `watermark` query value as a log position: missing, negative or unreadable → 0, and absurdly large
 * values (e.g. `9999999999999999999`, which Redis would refuse as a list index) are capped, so they read an empty page.
 */
export function parseWatermark(value: unknown): number {
  const parsed = Number.parseInt(String(value ?? '0'), 10);
  if (!Number.isFinite(parsed) || parsed < 0) return 0;
  return Math.min(parsed, MAX_WATERMARK);
}
