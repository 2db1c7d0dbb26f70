import type { ConceptTagger } from './conceptTagger.js';

/**
 * Function words of French, English, Arabic and Darija, as `tokenise` writes them. They carry no
 * topic, so they get no word or character features (concepts still see them inside phrases).
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `le la les l un une des du de d au aux et ou est ce c cet cette ces je j tu il elle on nous vous ils elles me m te t se s
  en y a ai as avez ont suis es sont etre mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs qui que qu quoi
  dans sur pour par avec pas ne n plus tres bien si oui non ca cela moi toi lui eux est-ce ya il s te plait vous plait
  the an and or is are am was were be been to of for in on at by it this that these those i you he she we they my your
  his her our their me him us them do does did can could would should will shall please hi so just also there here
  من في على الى عن ان او و ما هل هو هي انا انت نحن هم هذا هذه ذلك التي الذي لا مع كان يا
  wach ach l f fi dyal dial d w o ana nta nti rah ra had hadi hada li bach b m3a ma`
    .split(/\s+/)
    .filter(Boolean),
);

/** Term frequency given to a concept found in a text (words count 1 each). */
export const CONCEPT_TF = 1.5;

/** Sparse feature vector: feature name → weight. */
export type FeatureVector = Map<string, number>;

/** Raw (un-weighted) features of a message, split by kind so each kind can have its own space. */
export interface RawFeatures {
  /** Word stems (`w:`) and concepts (`k:`), with counts. */
  readonly words: FeatureVector;
  /** Character 3- and 4-grams of the content words, with counts. */
  readonly chars: FeatureVector;
  /** Whether any content word or concept was found at all. */
  readonly empty: boolean;
}

/** Light stemming: plural -s/-x of Latin words, the Arabic article. Enough for char n-grams to do the rest. */
export function stem(word: string): string {
  if (/^[a-z]+$/.test(word)) {
    if (word.length > 4 && /[sx]$/.test(word) && !word.endsWith('ss')) return word.slice(0, -1);
    return word;
  }
  if (word.length > 4 && word.startsWith('ال')) return word.slice(2);
  if (word.length > 5 && /^(?:وال|بال|لل)/.test(word)) return word.slice(3).replace(/^ل/, '');
  return word;
}

/**
 * Extracts the features of a tokenised message: content-word stems, concepts from the lexicon (counted
 * {@link CONCEPT_TF} times: they are the cross-language bridge), and character 3/4-grams of each content word with
 * word-boundary marks, which make the match tolerant of typos and SMS spellings.
 */
export function extractFeatures(tokens: readonly string[], tagger: ConceptTagger): RawFeatures {
  const words: FeatureVector = new Map();
  const chars: FeatureVector = new Map();
  const add = (v: FeatureVector, k: string, n = 1) => v.set(k, (v.get(k) ?? 0) + n);
  for (const token of tokens) {
    if (STOPWORDS.has(token) || token.length < 2) continue;
    const s = stem(token);
    add(words, `w:${s}`);
    const padded = `<${s}>`;
    for (let n = 3; n <= 4; n++) {
      for (let i = 0; i + n <= padded.length; i++) add(chars, padded.slice(i, i + n));
    }
  }
  for (const concept of tagger.conceptsOf(tokens)) add(words, `k:${concept}`, CONCEPT_TF);
  return { words, chars, empty: words.size === 0 };
}
