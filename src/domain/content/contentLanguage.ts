import type { Language } from '../../i18n/languages.js';

/** Frequent short words of French and English: enough to spot an answer pasted into the wrong file. */
const FUNCTION_WORDS = {
  fr: new Set('le la les des vous est et pour un une de du à votre vos pas avec sur dans ce qui que au aux il elle nous'.split(' ')),
  en: new Set('the you your is and to for a of are can not with on in this that it we be or if'.split(' ')),
} as const;

/** Share of Arabic-script letters an Arabic text needs at least, and a French or English one may have at most. */
const ARABIC_MIN = 0.5;
const ARABIC_MAX_ELSEWHERE = 0.2;

/**
 * Why `text` does not look written in `lang`, or undefined when it does. A cheap guard against an
 * answer or title pasted into the wrong locale (users must be answered in their language): Arabic
 * needs mostly Arabic letters, French and English need few, and French versus English is told by
 * frequent short words (only when at least 3 are found).
 */
export function languageMismatch(text: string, lang: Language): string | undefined {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return undefined;
  const arabicShare = letters.filter((letter) => /\p{Script=Arabic}/u.test(letter)).length / letters.length;
  if (lang === 'ar') return arabicShare < ARABIC_MIN ? 'is not written in Arabic script' : undefined;
  if (arabicShare > ARABIC_MAX_ELSEWHERE) return `is in Arabic script, not ${lang === 'fr' ? 'French' : 'English'}`;
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const other = lang === 'fr' ? 'en' : 'fr';
  const own = words.filter((word) => FUNCTION_WORDS[lang].has(word)).length;
  const foreign = words.filter((word) => FUNCTION_WORDS[other].has(word)).length;
  return foreign >= 3 && foreign > own ? `looks ${other === 'fr' ? 'French' : 'English'}, not ${lang === 'fr' ? 'French' : 'English'}` : undefined;
}
