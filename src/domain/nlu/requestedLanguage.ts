import type { Language } from '../../i18n/languages.js';
import { tokenise } from './normalise.js';

/** Words naming each language, as `tokenise` writes them, in French, English, Arabic and Darija. */
const LANGUAGE_NAMES: Readonly<Record<Language, ReadonlySet<string>>> = {
  fr: new Set(['francais', 'french', 'fransawi', 'fransawiya', 'fransiya', 'فرنسيه', 'بالفرنسيه', 'الفرنسيه', 'بالفرنساويه', 'فرنساويه', 'frencais']),
  en: new Set(['anglais', 'english', 'engl', 'inglizi', 'inglizia', 'nglizia', 'انجليزيه', 'بالانجليزيه', 'الانجليزيه', 'بالانكليزيه', 'انكليزيه', 'بالنجليزيه', 'eng', 'inglish']),
  ar: new Set(['arabe', 'arabic', 'darija', 'derja', 'arbiya', 'arabiya', 'larbiya', 'عربيه', 'بالعربيه', 'العربيه', 'الدارجه', 'بالدارجه', 'دارجه', 'عربي', 'بالعربي']),
};

/**
 * The language a user asks to switch to ("Can you speak English?" → en, "بالعربية" → ar,
 * "on peut parler français" → fr), or undefined when the message names none or several.
 */
export function requestedLanguage(text: string): Language | undefined {
  const tokens = new Set(tokenise(text, false));
  const named = (Object.keys(LANGUAGE_NAMES) as Language[]).filter((lang) => [...LANGUAGE_NAMES[lang]].some((w) => tokens.has(w)));
  if (named.length === 1) return named[0];
  if (named.length > 1) {
    // "I don't speak French, English please": the last named language is the one wanted.
    const order = tokenise(text, false);
    for (let i = order.length - 1; i >= 0; i--) {
      const lang = named.find((l) => LANGUAGE_NAMES[l].has(order[i]!));
      if (lang) return lang;
    }
  }
  return undefined;
}
