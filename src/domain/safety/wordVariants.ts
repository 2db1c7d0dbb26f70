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
    // "bless", "kiss": a plural or third-person "s" never follows another "s".
    if (ending === 's' && word.endsWith('ss')) continue;
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
  /** List words with one letter more or less than `word`, and the same first letter (only at the end when `word` is a list word). */
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
      // A list word written as it is stands for itself, or for an inflection (a letter more or less at the end:
      // "poignarder" / "poignarde"): "prendre" (a travel question) is not "pendre" with a letter too many inside.
      const listed = words.has(word);
      return [...found].filter((w) => w[0] === word[0] && (!listed || w.startsWith(word) || word.startsWith(w)));
    },
  };
}

/** Arabic verb and pronoun prefixes, longest first: future س, Darija present كي/كت/كن, person ي ت ن ا, article ال. */
const ARABIC_PREFIXES = ['ال', 'سي', 'ست', 'سن', 'سا', 'كي', 'كت', 'كن', 'تي', 'ي', 'ت', 'ن', 'ا'] as const;
/**
 * Arabic person, object and negation suffixes, longest first ("يضربونني", "كيضربوهش", "مسلحون", "حياتها"). Not
 * a lone "ه": the normaliser writes ة as ه, so "ولادة" (birth) would meet "ولادي" (my children). A last "ا" is the
 * accusative of MSA ("مسدسا", a pistol) or a Darija feminine past ("شربا").
 */
const ARABIC_SUFFIXES = ['ونني', 'وننا', 'ونهم', 'وهم', 'وها', 'ونا', 'وني', 'تني', 'ون', 'ين', 'وا', 'ني', 'نا', 'ها', 'هم', 'كم', 'ات', 'وه', 'ش', 'و', 'ي', 'ك', 'ا'] as const;
/** Shortest Arabic stem: most roots have three letters. */
const MIN_ARABIC_STEM = 3;
const ARABIC_WORD = /^[\u0600-\u06FF]+$/;

/**
 * The Arabic word without one prefix and up to two suffixes of conjugation or pronouns, as long as three
 * letters remain: "يضربونني", "كيضربو" and "ضرب" meet; "سيقتلونني" and "يقتلني" meet. Other words are returned as
 * they are. Crude on purpose: it only has to make a list word and its conjugations meet.
 */
export function arabicStem(word: string): string {
  return arabicParts(word).stem;
}

/** {@link arabicStem}, and whether a verb prefix (not the article) was taken off. */
function arabicParts(word: string): { stem: string; verb: boolean } {
  if (!ARABIC_WORD.test(word)) return { stem: word, verb: false };
  let stem = word;
  // A one-letter person prefix is taken off only a longer word: "تولد" (she gives birth) must not become
  // "ولد" (a boy), nor "اموت" (I die, as in "I am dying to go home") "موت".
  const prefix = ARABIC_PREFIXES.find((p) => stem.startsWith(p) && stem.length - p.length >= (p.length === 1 ? MIN_ARABIC_STEM + 1 : MIN_ARABIC_STEM));
  if (prefix) stem = stem.slice(prefix.length);
  for (let round = 0; round < 2; round++) {
    const suffix = ARABIC_SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= MIN_ARABIC_STEM);
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  return { stem, verb: prefix !== undefined && prefix !== 'ال' };
}

/**
 * Darija present-tense prefixes in Latin letters (kaydrbo, kantsna, taykhdem), longest first. Not the one-letter
 * person prefixes: "tweld" (she gives birth) must not meet "wlad" (children).
 */
const DARIJA_PREFIXES = ['kayt', 'kant', 'kat', 'kay', 'kan', 'tay', 'tat', 'tan', 'ka', 'ta'] as const;
/** Darija person, object, plural and negation endings in Latin letters, longest first. */
const DARIJA_SUFFIXES = ['ouni', 'ouna', 'ouha', 'ouhom', 'inna', 'ina', 'ni', 'na', 'ha', 'hom', 'in', 'ou', 'o', 'u', 'ch', 'sh', 'k'] as const;
/** Fewest consonants a skeleton keeps: with two, too many words meet. */
const MIN_SKELETON = 3;

/**
 * The consonants of a Darija word written in Latin letters, without its conjugation prefix and ending:
 * "kaydrbo", "kayderbou" and "drb" share "drb"; "7absinna" (after the normaliser: "habsinna") and "7bsni" share
 * "hbs". People spell Darija vowels every way, so only consonants are compared. Returns '' when fewer than
 * three consonants remain or the word is not in Latin letters: such words are compared as written.
 */
export function darijaSkeleton(word: string): string {
  return darijaParts(word).skeleton;
}

/** {@link darijaSkeleton}, and whether a present-tense prefix was taken off. */
function darijaParts(word: string): { skeleton: string; verb: boolean } {
  if (!LATIN_WORD.test(word)) return { skeleton: '', verb: false };
  let stem = word;
  const prefix = DARIJA_PREFIXES.find((p) => stem.startsWith(p) && stem.length - p.length >= MIN_SKELETON);
  if (prefix) stem = stem.slice(prefix.length);
  for (let round = 0; round < 2; round++) {
    const suffix = DARIJA_SUFFIXES.find((s) => stem.endsWith(s) && stem.length - s.length >= MIN_SKELETON);
    if (!suffix) break;
    stem = stem.slice(0, -suffix.length);
  }
  // Doubled letters are one letter ("bzzaf", "bzaf"), but only where they touch: "statutaire" is not "satour".
  stem = stem.replace(/(.)\1+/g, '$1');
  const skeleton = stem[0] + stem.slice(1).replace(/[aeiouy]/g, '');
  const consonants = skeleton.replace(/[aeiouy]/g, '');
  return { skeleton: consonants.length >= MIN_SKELETON ? skeleton : '', verb: prefix !== undefined };
}

/**
 * The keys under which a word may meet a list word it does not equal: its {@link lightStem}, its
 * {@link arabicStem} (also of `bare`, the word without a glued Arabic prefix), and, when `darija`, its
 * {@link darijaSkeleton}. Keys are tagged so the three never meet each other, and a verb form (a conjugation
 * prefix was taken off) meets only verb forms: "كتولد" (she gives birth) is not "ولد" (a boy), "katwld" not "wlad".
 * `inMessage`: the word is a message word; it then gets its stem key only when it carries an ending, so a
 * bare stem typed in one language does not meet an inflected list word of another ("bless" is not "blessé").
 */
export function variantKeys(word: string, bare: string, darija: boolean, inMessage: boolean): string[] {
  const keys = new Set<string>();
  if (LATIN_WORD.test(word)) {
    const stem = lightStem(word);
    if (!inMessage || stem !== word) keys.add(`s:${stem}`);
    const { skeleton, verb } = darija ? darijaParts(word) : { skeleton: '', verb: false };
    if (skeleton) keys.add(`d:${verb ? 'v' : ''}:${skeleton}`);
  } else if (ARABIC_WORD.test(word)) {
    for (const form of bare ? [word, bare] : [word]) {
      const { stem, verb } = arabicParts(form);
      keys.add(`a:${verb ? 'v' : ''}:${stem}`);
    }
  }
  return [...keys];
}
