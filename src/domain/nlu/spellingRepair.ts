import { KEYBOARD_NEIGHBOURS } from './keyboardNeighbours.js';
import { SMS_EXPANSIONS, tokenise } from './normalise.js';
import { replaceWords } from './wordScan.js';

/** Rewrites a message so its mistyped words read as the content's words; see {@link createSpellingRepair}. */
export type SpellingRepair = (text: string) => string;

/** Shortest word given an edit: shorter unknown words are too often names or other words ("mama", "kaza"). */
const MIN_EDIT_LENGTH = 5;
/**
 * The same for Arabic script, whose words are shorter and denser: a root word of five letters is often one
 * letter from another word (نهاجر, نهار), and long vowels come and go in Darija spellings (الخدامة, الخدمة).
 */
const MIN_ARABIC_EDIT_LENGTH = 8;
/** Shortest unknown word tried as two glued words. */
const MIN_SPLIT_LENGTH = 4;
/** French elided letters that may be glued to the next word without their apostrophe ("cest", "jai", "loim"). */
const ELIDED = new Set(['c', 'j', 'l', 'd', 'm', 'n', 's', 't', 'qu']);
/** Endings that make a word an inflection of another ("toutes", "enfants"): such a word is not two glued words. */
const INFLECTION = /(?:es|e|s|x|nt|ent)$/;
/** Most repairs remembered (words repeat a lot; the cache is cleared when full). */
const CACHE_SIZE = 20_000;

/**
 * Builds a spelling repair from the words the content is written with (every example of every language, as
 * `tokenise` writes them). A word the content never uses is rewritten when exactly one reading is likely:
 * two content words of one language glued by a missing space ("jeveux", "حجزموعد", "cest"; not an inflection
 * such as "toutes"), or else the most frequent content word one keystroke away (a letter replaced by a
 * neighbouring key, dropped, added, or two swapped: "monry" → "money", "annumez" → "annulez"; not "chase" →
 * "chose", whose a and o are far apart). Words the content knows, numbers, short words and words with no such neighbour are left as typed,
 * so clean messages read exactly as before. Only what the model reads is repaired: the language detector and
 * the safety detector still read what was typed.
 */
export function createSpellingRepair(texts: Iterable<{ readonly lang: string; readonly text: string }>): SpellingRepair {
  const frequency = new Map<string, number>();
  const byLanguage = new Map<string, Set<string>>();
  for (const { lang, text } of texts) {
    const vocabulary = byLanguage.get(lang) ?? byLanguage.set(lang, new Set()).get(lang)!;
    for (const token of tokenise(text)) {
      frequency.set(token, (frequency.get(token) ?? 0) + 1);
      vocabulary.add(token);
    }
  }
  const letters = [...new Set([...frequency.keys()].join(''))];
  // Letters inserted are of the word's own script.
  const latin = letters.filter((c) => /[a-z]/.test(c));
  const arabic = letters.filter((c) => /[\u0600-\u06FF]/.test(c));
  // Two glued words are of one language: "li" (Darija) and "bye" (English) do not make "libye".
  // The parts are pieces of a token `tokenise` already wrote: only its SMS table can still change them ("slt").
  const known = (part: string, vocabulary: ReadonlySet<string>): boolean =>
    vocabulary.has(part) || (SMS_EXPANSIONS[part]?.split(' ').every((t) => vocabulary.has(t)) ?? false);
  const frequencyOf = (part: string): number => frequency.get(part) ?? frequency.get(SMS_EXPANSIONS[part]?.split(' ')[0] ?? '') ?? 0;
  const cache = new Map<string, string | null>();

  const split = (word: string): string | null => {
    const inflection = INFLECTION.exec(word);
    if (inflection && frequency.has(word.slice(0, -inflection[0].length))) return null;
    let best: string | null = null;
    let bestScore = 0;
    for (let i = 1; i < word.length; i++) {
      const left = word.slice(0, i);
      const right = word.slice(i);
      if ((left.length < 2 && !ELIDED.has(left)) || right.length < 2) continue;
      if (![...byLanguage.values()].some((vocabulary) => known(left, vocabulary) && known(right, vocabulary))) continue;
      const score = Math.min(frequencyOf(left), frequencyOf(right));
      if (score > bestScore) [best, bestScore] = [`${left} ${right}`, score];
    }
    return best;
  };

  const edit = (word: string): string | null => {
    let best: string | null = null;
    let bestCount = 0;
    for (const candidate of oneSlipVariants(word, /^[a-z]/.test(word) ? latin : arabic)) {
      const count = frequency.get(candidate) ?? 0;
      if (count > bestCount) [best, bestCount] = [candidate, count];
    }
    return best;
  };

  const repairToken = (token: string): string | null => {
    const cached = cache.get(token);
    if (cached !== undefined) return cached;
    let result: string | null = null;
    const length = token.length;
    if (!frequency.has(token) && /^\p{L}+$/u.test(token)) {
      if (length >= MIN_SPLIT_LENGTH) result = split(token);
      if (result === null && length >= (/^[a-z]/.test(token) ? MIN_EDIT_LENGTH : MIN_ARABIC_EDIT_LENGTH)) result = edit(token);
    }
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(token, result);
    return result;
  };

  const repairedWords = new Map<string, string>();
  const repairWord = (word: string): string => {
    let repaired = repairedWords.get(word);
    if (repaired === undefined) {
      const tokens = tokenise(word);
      repaired = tokens.length === 1 ? (repairToken(tokens[0]!) ?? word) : word;
      if (repairedWords.size >= CACHE_SIZE) repairedWords.clear();
      repairedWords.set(word, repaired);
    }
    return repaired;
  };
  return (text) => replaceWords(text, repairWord);
}

/**
 * The words one slip of the thumb away from `word`: a letter replaced by a neighbouring key, or two letters
 * swapped, anywhere; a letter dropped or one of `alphabet` added inside the word only. A letter dropped or added
 * at the end is an inflection ("toutes" / "toute", "irregulier" / "irreguliere", "كارطة" / "كارط"), which the
 * stemmer and the n-grams already bridge, not a slip; and the first letter is rarely mistyped ("voire" is not
 * "ivoire"). Latin and Arabic letters are single UTF-16 units, so string indices are letters.
 */
export function* oneSlipVariants(word: string, alphabet: readonly string[]): Generator<string> {
  const n = word.length;
  for (let i = 0; i < n; i++) {
    const head = word.slice(0, i);
    if (i > 0 && i < n - 1) yield head + word.slice(i + 1);
    if (i + 1 < n) yield head + word[i + 1] + word[i] + word.slice(i + 2);
    for (const c of KEYBOARD_NEIGHBOURS.get(word[i]!) ?? []) yield head + c + word.slice(i + 1);
    if (i > 0) for (const c of alphabet) yield head + c + word.slice(i);
  }
}
