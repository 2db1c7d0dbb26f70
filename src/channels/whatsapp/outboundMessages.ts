import type { Activity, CardAction } from 'botbuilder';
import type { Translator } from '../../i18n/i18n.js';
import { isLanguage, type Language } from '../../i18n/languages.js';
import type { GraphMessage } from './graphClient.js';

/**
 * WhatsApp Cloud API limits that shape our messages
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-reply-buttons-messages,
 * …/interactive-list-messages). Lengths are counted in UTF-16 code units, which is never more lenient than Meta.
 */
export const WHATSAPP_LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  listButton: 20,
  listHeader: 60,
} as const satisfies Record<string, number>;

/** What one bot activity becomes on WhatsApp. */
export interface WhatsAppOutbound {
  /** Graph messages to send, in order. */
  readonly messages: GraphMessage[];
  /** When a numbered text menu was used: the value of item 1, 2, … (to remember for the user's answer). */
  readonly menuValues?: string[];
}

/** A choice offered to the user: shown title and command value. */
interface Choice {
  readonly title: string;
  readonly value: string;
}

/** Converts our markdown to WhatsApp's: `**bold**` → `*bold*`, `__x__` → `_x_`, `[label](url)` → `label (url)`. */
export function toWhatsAppMarkdown(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/gs, '*$1*')
    .replace(/__(.+?)__/gs, '_$1_')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 ($2)');
}

/**
 * Splits `text` into parts of at most `limit` code units, cutting after a sentence end (. ! ? … ؟ or a
 * line break) when one fits, else at a space, else anywhere (never inside a surrogate pair).
 */
export function splitText(text: string, limit: number = WHATSAPP_LIMITS.textBody): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = lastMatchEnd(window, /[.!?…؟。](?:["'»”)\]]*)\s+|\n+/g, limit);
    if (cut <= 0) cut = lastMatchEnd(window, /\s+/g, limit);
    if (cut <= 0) cut = safeCut(rest, limit);
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/** End index of the last match of `re` in `s` whose start is ≤ `limit` (the separator may run past it). */
function lastMatchEnd(s: string, re: RegExp, limit: number): number {
  let best = -1;
  for (const m of s.matchAll(re)) {
    const start = m.index ?? 0;
    if (start > 0 && start <= limit) best = Math.min(start + m[0].length, limit);
  }
  return best;
}

/** `limit`, moved back by one if it would split a surrogate pair. */
function safeCut(s: string, limit: number): number {
  const code = s.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/** Shortens `text` to `max` code units at a word boundary when possible, ending with "…". */
export function truncate(text: string, max: number): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t.length <= max) return t;
  const room = safeCut(t, max - 1);
  const head = t.slice(0, room);
  const space = head.lastIndexOf(' ');
  // Cut at a word boundary unless that would throw away more than a third of the room.
  const cut = space >= Math.ceil((max * 2) / 3) ? head.slice(0, space) : head;
  return `${cut.trimEnd()}…`;
}

/** The shipped language of an activity's `locale` (`ar-MA` → `ar`), or `fallback`. */
export function languageOf(locale: string | undefined, fallback: Language): Language {
  const base = locale?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : fallback;
}

/** Options of {@link toWhatsAppMessages}. */
export interface OutboundMappingOptions {
  readonly translator: Translator;
  /** Language when the activity has no usable `locale`, default fr. */
  readonly defaultLanguage?: Language;
}

/**
 * Maps one bot activity to WhatsApp messages: text (markdown converted, split over 4096), and suggested
 * actions as reply buttons (≤3, titles ≤20), else a list without header (≤10 rows; titles over 24 are shortened and given
 * whole in the row description), else a numbered text menu whose values the caller must remember.
 * Image attachments with an http(s) URL become image messages. Non-message activities map to nothing.
 */
export function toWhatsAppMessages(activity: Partial<Activity>, options: OutboundMappingOptions): WhatsAppOutbound {
  if (activity.type !== undefined && activity.type !== 'message') return { messages: [] };
  const lang = languageOf(activity.locale, options.defaultLanguage ?? 'fr');
  const t = options.translator.forLanguage(lang);
  const text = toWhatsAppMarkdown(activity.text ?? '').trim();
  const choices = toChoices(activity.suggestedActions?.actions ?? []);
  const messages: GraphMessage[] = [];

  for (const attachment of activity.attachments ?? []) {
    const url = attachment.contentUrl;
    if (attachment.contentType?.startsWith('image/') && url && /^https?:\/\//.test(url)) {
      messages.push({ type: 'image', image: { link: url } });
    }
  }

  if (choices.length === 0) {
    if (text) for (const body of splitText(text)) messages.push(textMessage(body));
    return { messages };
  }

  const ids = new Set(choices.map((c) => c.value));
  const idsUsable = ids.size === choices.length && choices.every((c) => c.value.length > 0 && c.value.length <= WHATSAPP_LIMITS.rowId);

  if (idsUsable && choices.length <= WHATSAPP_LIMITS.buttons && choices.every((c) => c.title.length <= WHATSAPP_LIMITS.buttonTitle)) {
    const body = interactiveBody(text, t('whatsapp.choose'), messages);
    messages.push({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: body },
        action: { buttons: choices.map((c) => ({ type: 'reply', reply: { id: c.value, title: c.title } })) },
      },
    });
    return { messages };
  }

  if (idsUsable && choices.length <= WHATSAPP_LIMITS.listRows) {
    const body = interactiveBody(text, t('whatsapp.choose'), messages);
    messages.push({
      type: 'interactive',
      interactive: {
        type: 'list',
        // No header: a generic "Choose" above the body read as a stray line; the body and button say it all.
        body: { text: body },
        action: {
          button: truncate(t('whatsapp.list.button'), WHATSAPP_LIMITS.listButton),
          sections: [{ rows: choices.map(listRow) }],
        },
      },
    });
    return { messages };
  }

  const lines = choices.map((c, i) => `${i + 1}. ${c.title}`).join('\n');
  const menu = [text, lines, t('whatsapp.menu.hint')].filter(Boolean).join('\n\n');
  for (const body of splitText(menu)) messages.push(textMessage(body));
  return { messages, menuValues: choices.map((c) => c.value) };
}

function textMessage(body: string): GraphMessage {
  return { type: 'text', text: { body, preview_url: /https?:\/\//.test(body) } };
}

/**
 * The body of an interactive message (max 1024). A longer text is sent before it as plain text messages,
 * keeping its last part as the body when that part fits; an empty text gets the localised "Choose:".
 */
function interactiveBody(text: string, fallback: string, before: GraphMessage[]): string {
  if (!text) return fallback;
  if (text.length <= WHATSAPP_LIMITS.interactiveBody) return text;
  const parts = splitText(text);
  const last = parts[parts.length - 1]!;
  if (last.length <= WHATSAPP_LIMITS.interactiveBody) {
    for (const p of parts.slice(0, -1)) before.push(textMessage(p));
    return last;
  }
  for (const p of parts) before.push(textMessage(p));
  return fallback;
}

function listRow(choice: Choice): Record<string, string> {
  if (choice.title.length <= WHATSAPP_LIMITS.rowTitle) return { id: choice.value, title: choice.title };
  return {
    id: choice.value,
    title: truncate(choice.title, WHATSAPP_LIMITS.rowTitle),
    description: truncate(choice.title, WHATSAPP_LIMITS.rowDescription),
  };
}

function toChoices(actions: CardAction[]): Choice[] {
  return actions
    .map((a) => {
      const value = typeof a.value === 'string' ? a.value : a.value === undefined || a.value === null ? (a.title ?? '') : JSON.stringify(a.value);
      const title = (a.title ?? value).trim().replace(/\s+/g, ' ');
      return { title, value };
    })
    .filter((c) => c.title.length > 0);
}
