import type { Language } from '../../i18n/languages.js';
import { tokenise } from './normalise.js';

/** Words naming each language, as `tokenise` writes them, in French, English, Arabic and Darija. */
const LANGUAGE_NAMES: Readonly<Record<Language, ReadonlySet<string>>> = {
  fr: new Set(['francais', 'french', 'fransawi', 'fransawiya', 'fransiya', 'فرنسيه', 'بالفرنسيه', 'الفرنسيه', 'بالفرنساويه', 'فرنساويه', 'frencais']),
  en: new Set(['anglais', 'english', 'engl', 'inglizi', 'inglizia', 'nglizia', 'انجليزيه', 'بالانجليزيه', 'الانجليزيه', 'بالانكليزيه', 'انكليزيه', 'بالنجليزيه', 'eng', 'inglish']),
  ar: new Set(['arabe', 'arabic', 'darija', 'derja', 'arbiya', 'arabiya', 'larbiya', 'عربيه', 'بالعربيه', 'العربيه', 'الدارجه', 'بالدارجه', 'دارجه', 'عربي', 'بالعربي']),
};

/** Words that, just before a language's name, mean it is the one NOT wanted ("je comprends pas bien le français"). */
const NEGATIONS: ReadonlySet<string> = new Set(['pas', 'ne', 'not', 'no', 'dont', 'don', 'doesn', 'cant', 'cannot', 'never', 'jamais', 'machi', 'mashi', 'ma', 'ما', 'مش', 'ماشي', 'لا']);
/** Tokens before a language's name searched for a negation. */
const NEGATION_REACH = 4;

/**
 * The language a user asks to switch to ("Can you speak English?" → en, "بالعربية" → ar,
 * "on peut parler français" → fr), or undefined when the message names none or several.
 */
export function requestedLanguage(text: string): Language | undefined {
  const order = tokenise(text, false);
  const tokens = new Set(order);
  let named = (Object.keys(LANGUAGE_NAMES) as Language[]).filter((lang) => [...LANGUAGE_NAMES[lang]].some((w) => tokens.has(w)));
  if (named.length > 1) {
    // "parlez-moi en arabe, je comprends pas bien le français": a language named after a negation is not wanted.
    const negated = (lang: Language) =>
      order.every((t, i) => !LANGUAGE_NAMES[lang].has(t) || order.slice(Math.max(0, i - NEGATION_REACH), i).some((w) => NEGATIONS.has(w)));
    const wanted = named.filter((lang) => !negated(lang));
    if (wanted.length > 0) named = wanted;
  }
  if (named.length === 1) return named[0];
  if (named.length > 1) {
    // "French or English, English is better": the last named language is the one wanted.
    for (let i = order.length - 1; i >= 0; i--) {
      const lang = named.find((l) => LANGUAGE_NAMES[l].has(order[i]!));
      if (lang) return lang;
    }
  }
  return undefined;
}
