/**
 * Spelling tolerance of the safety detector beyond the shared normaliser: the forms of a message word that
 * may stand for a word of the safety lists. Both sides go through {@link safetyTokens} first, so these only
 * bridge what normalising cannot: an inflection the list does not spell out ("breaking" for "break", "attaquent"
 * for "attaque") and one letter missed or added in a long word ("stabbd", "kaydrbou" for "kaydrbo", "respir" for
 * "respire"). Ordinary phrases of the `ignore` list do not get this tolerance: a typo must never silence an
 * emergency.
 */

/**
 * Endings removed by {@link lightStem}, longest first: English and French verb and plural endings. Not "-er":
 * it also makes nouns ("prisoner" is not "prison"); the lists write French infinitives with a `*`.
 */
const ENDINGS = ['aient', 'erent', 'ions', 'iez', 'ait', 'ant', 'ent', 'ing', 'ies', 'ied', 'ees', 'ons', 'ed', 'ez', 'ee', 'es', 'e', 's'] as const;

/** Shortest stem {@link lightStem} leaves: below it, different words would meet ("bee" and "be"). */
const MIN_STEM = 4;

/** Shortest word that gets the one-letter tolerance: in shorter words one letter changes the word ("hit", "hot"). */
export const MIN_FUZZY_LENGTH = 6;

const LATIN_WORD = /^[a-z]+$/;

/**
 * The word without one English or French inflectional ending ("beating" → "beat", "frappent" → "frapp",
 * "attacked" → "attack"), with a doubled last consonant undone ("stabbed" → "stab"); a word that is not in
 * Latin letters, or would become shorter than four letters, is returned as it is.
 */
export function lightStem(word: string): string {
  if (!LATIN_WORD.test(word) || word.length <= MIN_STEM) return word;
  for (const ending of ENDINGS) {
    if (!word.endsWith(ending) || word.length - ending.length < MIN_STEM) continue;
    const stem = word.slice(0, -ending.length);
    const last = stem.length - 1;
    return stem.length > MIN_STEM && stem[last] === stem[last - 1] && !'aeiou'.includes(stem[last]!) ? stem.slice(0, -1) : stem;
  }
  return word;
}

/** Every form of `word` with one letter left out. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * The long Latin-letter words of the safety lists, indexed so a message word one letter away (one letter
 * missing or added) finds them in time linear in its length.
 */
export interface NearWords {
  /** List words (other than `word` itself) with one letter more or less than `word`, and the same first letter. */
  near(word: string): readonly string[];
}

/** Builds {@link NearWords} over `vocabulary`; words shorter than {@link MIN_FUZZY_LENGTH} or not in Latin letters are left out. */
export function nearWords(vocabulary: Iterable<string>): NearWords {
  const words = new Set<string>();
  const byDeletion = new Map<string, Set<string>>();
  for (const word of vocabulary) {
    if (word.length < MIN_FUZZY_LENGTH || !LATIN_WORD.test(word) || words.has(word)) continue;
    words.add(word);
    for (const d of deletions(word)) {
      let set = byDeletion.get(d);
      if (!set) byDeletion.set(d, (set = new Set()));
      set.add(word);
    }
  }
  const none: readonly string[] = [];
  return {
    near(word) {
      if (word.length < MIN_FUZZY_LENGTH || !LATIN_WORD.test(word)) return none;
      const found = new Set<string>();
      // A list word with one letter more than the message word (a letter missed).
      for (const w of byDeletion.get(word) ?? []) found.add(w);
      // One letter too many in the message word. A changed letter is not tolerated: it turns too many
      // words into others ("prison" / "poison").
      for (const d of deletions(word)) if (words.has(d)) found.add(d);
      found.delete(word);
      return [...found].filter((w) => w[0] === word[0]);
    },
  };
}
