import type { Language } from '../../i18n/languages.js';
import { ConceptTagger } from './conceptTagger.js';
import { detectLanguage } from './languageDetector.js';
import { requestedLanguage } from './requestedLanguage.js';
import { tokenise } from './normalise.js';
import { extractFeatures, type RawFeatures } from './textFeatures.js';
import { TfidfIndex } from './tfidfIndex.js';
import type { Candidate, MessageUnderstander, Understanding, UnderstandingContext } from './understanding.js';

/** Score at or above which the best id is answered directly. */
export const CONFIDENT_THRESHOLD = 0.42;
/** Score at or above which (and under {@link CONFIDENT_THRESHOLD}) the best ids are offered as "did you mean". */
export const UNSURE_THRESHOLD = 0.27;
/** Two different ids closer than this are "unsure" even above the confident threshold (unless very high). */
export const MIN_MARGIN = 0.02;
/** Id of the negative class in `intents.yaml`: off-topic examples that must get "I don't know". */
export const OUT_OF_SCOPE_ID = 'out_of_scope';

/** Intents that only make sense for a whole short message, never for one sentence of a longer one. */
const WHOLE_MESSAGE_ONLY: ReadonlySet<string> = new Set(['intent.greeting', 'intent.thanks']);

/** What the matcher needs from the content (a `ContentSnapshot` fits). */
export interface MatcherContent {
  readonly faq: ReadonlyArray<{ readonly id: string; readonly lang: Language; readonly examples: readonly string[]; readonly title?: string }>;
  readonly intents: ReadonlyArray<{ readonly id: string; readonly lang: Language; readonly examples: readonly string[] }>;
}

/** Tuning of {@link createMatcher}; every field is optional. */
export interface MatcherOptions {
  /** Default {@link CONFIDENT_THRESHOLD}. */
  readonly confidentThreshold?: number;
  /** Default {@link UNSURE_THRESHOLD}. */
  readonly unsureThreshold?: number;
  /** Default {@link MIN_MARGIN}. */
  readonly minMargin?: number;
  /** Weight of the word-and-concept similarity; the character n-gram similarity gets the rest. Default 0.55. */
  readonly wordWeight?: number;
  /** Language when nothing else is known, default `fr`. */
  readonly defaultLanguage?: Language;
  /** Most candidates returned, default 3. */
  readonly maxCandidates?: number;
}

interface Example {
  readonly id: string;
}

/**
 * Builds a {@link MessageUnderstander} over every FAQ entry and intent of every language at once (a
 * French question can match an English example). A message is normalised, turned into word, concept
 * and character n-gram features, compared by TF-IDF cosine with every example (nearest neighbours),
 * and the best examples of each id are aggregated. Long messages are also scored sentence by sentence.
 * The `out_of_scope` examples are a negative class: when they win, the answer is "I don't know".
 */
export function createMatcher(content: MatcherContent, options: MatcherOptions = {}): MessageUnderstander {
  const confident = options.confidentThreshold ?? CONFIDENT_THRESHOLD;
  const unsure = options.unsureThreshold ?? UNSURE_THRESHOLD;
  const minMargin = options.minMargin ?? MIN_MARGIN;
  const wordWeight = options.wordWeight ?? 0.55;
  const defaultLanguage = options.defaultLanguage ?? 'fr';
  const maxCandidates = options.maxCandidates ?? 3;

  const tagger = new ConceptTagger();
  const examples: Example[] = [];
  const features: RawFeatures[] = [];
  const addExample = (id: string, text: string) => {
    const f = extractFeatures(tokenise(text), tagger);
    if (f.empty) return;
    examples.push({ id });
    features.push(f);
  };
  for (const entry of content.faq) {
    for (const text of entry.examples) addExample(entry.id, text);
    if (entry.title) addExample(entry.id, entry.title);
  }
  for (const intent of content.intents) for (const text of intent.examples) addExample(intent.id, text);

  const wordIndex = new TfidfIndex(features.map((f) => f.words));
  const charIndex = new TfidfIndex(features.map((f) => f.chars));
  const sims = new Float64Array(examples.length);

  /** Per-id score of one piece of text: 0.85 × best example + 0.15 × second best example. */
  const scoreText = (tokens: readonly string[]): Map<string, number> => {
    const f = extractFeatures(tokens, tagger);
    const byId = new Map<string, [number, number]>();
    if (f.empty) return new Map();
    sims.fill(0);
    wordIndex.accumulate(f.words, sims, wordWeight);
    charIndex.accumulate(f.chars, sims, 1 - wordWeight);
    for (let i = 0; i < examples.length; i++) {
      const s = sims[i]!;
      if (s <= 0) continue;
      const id = examples[i]!.id;
      const top = byId.get(id);
      if (!top) byId.set(id, [s, 0]);
      else if (s > top[0]) byId.set(id, [s, top[0]]);
      else if (s > top[1]) top[1] = s;
    }
    const out = new Map<string, number>();
    for (const [id, [a, b]] of byId) out.set(id, 0.85 * a + 0.15 * b);
    return out;
  };

  const understand = (text: string, context: UnderstandingContext = {}): Understanding => {
    const current = context.currentLanguage ?? defaultLanguage;
    const detected = detectLanguage(text, current).lang;
    const scores = scoreText(tokenise(text));

    // A long message often holds one question among greetings and context: score each sentence too.
    const sentences = text.split(/[.?!؟\n;]+|,(?=.{25,})/).map((s) => tokenise(s)).filter((t) => t.length >= 2);
    if (sentences.length > 1) {
      for (const sentence of sentences) {
        for (const [id, s] of scoreText(sentence)) {
          if (WHOLE_MESSAGE_ONLY.has(id)) continue;
          if (s * 0.97 > (scores.get(id) ?? 0)) scores.set(id, s * 0.97);
        }
      }
    }

    const ranked = [...scores].sort((a, b) => b[1] - a[1]);
    const real = ranked.filter(([id]) => id !== OUT_OF_SCOPE_ID);
    const outOfScope = scores.get(OUT_OF_SCOPE_ID) ?? 0;
    const candidates: Candidate[] = real.slice(0, maxCandidates).map(([id, score]) => ({ id, score: round(score) }));
    const [bestId, bestScore] = real[0] ?? [null, 0];
    const secondScore = real[1]?.[1] ?? 0;

    const answer = (id: string | null, score: number, cands: readonly Candidate[]): Understanding => ({
      lang: id === 'intent.language' ? (requestedLanguage(text) ?? detected) : detected,
      id,
      score: round(score),
      candidates: cands,
    });

    if (bestId === null || bestScore < unsure) return answer(null, bestScore, []);
    if (outOfScope > bestScore + 0.03) return answer(null, bestScore, []);
    const clearWinner = bestScore - secondScore >= minMargin || bestScore >= 0.75;
    if (bestScore >= confident && clearWinner && outOfScope <= bestScore) return answer(bestId, bestScore, candidates);
    return answer(null, bestScore, candidates);
  };

  return { understand };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
