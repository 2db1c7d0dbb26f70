import type { ContentRepository } from '../src/domain/content/faqEntry.js';
import { LANGUAGES, isLanguage, type Language } from '../src/i18n/languages.js';

/**
 * What a button (or a typed shortcut) asks for. Buttons carry these as their value, on every channel:
 * `lang:ar`, `faq:avrr.cost`, `intent.book`, `menu`, `none`, `yes`, `no`.
 */
export type Command =
  | { readonly kind: 'language'; readonly lang: Language }
  | { readonly kind: 'faq'; readonly id: string }
  | { readonly kind: 'intent'; readonly id: string }
  | { readonly kind: 'menu' }
  | { readonly kind: 'none' }
  /** A one-tap action on a booking (`appt:cancel:K7RM4X`), from "my appointment" or a reminder. */
  | { readonly kind: 'appointment'; readonly action: 'confirm' | 'cancel' | 'move'; readonly ref: string };

/** Typed words that open the main menu, after normalisation (lowercase, no accents). */
const MENU_WORDS = new Set(['menu', 'menue', 'accueil', 'home', 'start', 'main menu', 'القائمة', 'قائمة', 'لائحة', 'المنيو', 'مينو']);

/**
 * A language asked for by its name alone ("English", "francais", "العربية", "darija").
 * Longer requests ("can you speak English?") are left to the matcher.
 */
const LANGUAGE_NAMES: Readonly<Record<string, Language>> = {
  francais: 'fr', french: 'fr', fr: 'fr', 'en francais': 'fr', 'الفرنسية': 'fr', 'فرنسية': 'fr', 'بالفرنسية': 'fr', fransawiya: 'fr',
  english: 'en', anglais: 'en', en: 'en', 'in english': 'en', 'en anglais': 'en', 'الانجليزية': 'en', 'الإنجليزية': 'en', 'انجليزية': 'en', 'بالانجليزية': 'en',
  arabe: 'ar', arabic: 'ar', ar: 'ar', 'en arabe': 'ar', 'in arabic': 'ar', 'العربية': 'ar', 'عربية': 'ar', 'عربي': 'ar', 'بالعربية': 'ar', 'بالعربي': 'ar',
  darija: 'ar', 'الدارجة': 'ar', 'دارجة': 'ar', '3arbiya': 'ar', l3arbiya: 'ar', '3arbia': 'ar',
};

/** Lowercases, strips accents and Arabic diacritics/tatweel, trims punctuation and spaces. */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u0652\u0640]/g, '')
    .toLowerCase()
    .replace(/[!?.,;:¿¡؟،"'«»()\s]+/g, ' ')
    .trim();
}

/** Parses a button value or typed shortcut; undefined for ordinary text. */
export function parseCommand(input: unknown): Command | undefined {
  if (typeof input !== 'string') return undefined;
  const raw = input.trim();
  if (raw.length === 0 || raw.length > 80) return undefined;
  const lang = /^lang:([a-z]{2})$/.exec(raw);
  if (lang && isLanguage(lang[1])) return { kind: 'language', lang: lang[1] };
  const faq = /^faq:([a-z]+(?:\.[a-z_]+)+)$/.exec(raw);
  if (faq?.[1]) return { kind: 'faq', id: faq[1] };
  if (/^intent\.[a-z_]+$/.test(raw)) return { kind: 'intent', id: raw };
  if (raw === 'none') return { kind: 'none' };
  const appointment = /^appt:(confirm|cancel|move):([A-Z0-9]{6})$/.exec(raw);
  if (appointment) return { kind: 'appointment', action: appointment[1] as 'confirm' | 'cancel' | 'move', ref: appointment[2]! };
  // A booking button tapped after its flow ended starts the booking again (no dead end).
  if (/^book:[a-z]+/.test(raw)) return { kind: 'intent', id: 'intent.book' };
  const folded = fold(raw);
  if (MENU_WORDS.has(folded)) return { kind: 'menu' };
  const named = LANGUAGE_NAMES[folded];
  if (named) return { kind: 'language', lang: named };
  return undefined;
}

/**
 * True for a value one of our buttons carries (`lang:ar`, `faq:avrr.cost`, `intent.book`, `menu`, `none`,
 * `yes`, `no`, the booking flow's `book:*` and `appt:<action>:<ref>`). Channels use it to tell our buttons from others (a template's quick reply, an old menu).
 */
export function isButtonValue(value: string): boolean {
  const raw = value.trim();
  if (raw === 'yes' || raw === 'no' || raw === 'menu' || raw === 'none') return true;
  // Typed shortcuts ("English", "accueil") parse too, but no button of ours carries them.
  return /^(lang:|faq:|intent\.|book:|appt:)/.test(raw) && parseCommand(raw) !== undefined;
}

/**
 * {@link isButtonValue} that also knows the live content: a `faq:` value whose topic no longer exists in any
 * language (a menu from an older version) is not ours any more, so a channel reads such a tap by its title.
 */
export function ownButtonValues(content: Pick<ContentRepository, 'entry'>): (value: string) => boolean {
  return (value) => {
    if (!isButtonValue(value)) return false;
    const faq = /^faq:(.+)$/.exec(value.trim());
    return !faq?.[1] || LANGUAGES.some((lang) => content.entry(faq[1]!, lang) !== undefined);
  };
}
