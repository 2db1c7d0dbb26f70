import type { Language } from '../../i18n/languages.js';
import { OUT_OF_SCOPE_ID } from '../content/contentSchema.js';
import { ConceptTagger } from './conceptTagger.js';
import { detectLanguage } from './languageDetector.js';
import { requestedLanguage } from './requestedLanguage.js';
import { tokenise } from './normalise.js';
import { FeatureExtractor, STOPWORDS, type RawFeatures } from './textFeatures.js';
import { TfidfIndex } from './tfidfIndex.js';
import type { Candidate, MessageUnderstander, Understanding, UnderstandingContext } from './understanding.js';

/** Score at or above which the best id is answered directly. */
export const CONFIDENT_THRESHOLD = 0.28;
/** Score at or above which (and under {@link CONFIDENT_THRESHOLD}) the best ids are offered as "did you mean". */
export const UNSURE_THRESHOLD = 0.22;
/** Two different ids closer than this are "unsure" even above the confident threshold (unless very high). */
export const MIN_MARGIN = 0.01;
/**
 * Between {@link UNSURE_THRESHOLD} (+0.04) and {@link CONFIDENT_THRESHOLD}, the best id is still answered
 * when its score is at least this many times the runner-up's (and the out-of-scope class's).
 */
export const DOMINANCE = 1.3;
/**
 * When the off-topic examples beat the best topic by more than this, the answer is a plain "I don't know"
 * (no "did you mean"); when they beat it by less, the best topics are offered as candidates.
 */
export const OUT_OF_SCOPE_MARGIN = 0.03;

/** Topic-level cosines run lower than example-level ones; this brings them to a comparable scale. */
const CLASS_SCALE = 1.6;

/** Character n-grams in more than this share of the examples are ignored (speed; they carry little). */
const CHAR_MAX_SHARE = 0.05;
/** Words and concepts in more than this share of the examples are ignored likewise. */
const WORD_MAX_SHARE = 0.1;

/** Characters of a message that are read; the rest is ignored. */
export const MAX_TEXT_LENGTH = 2000;
/** Sentences of a long message scored on their own, at most. */
const MAX_SENTENCES = 12;

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
  /** Weight of the concepts' votes for ids (against text similarity), default 0.15. */
  readonly conceptWeight?: number;
  /** Messages with at least this many content words are also scored sentence by sentence, default 10. */
  readonly sentenceMinWords?: number;
  /** Multiplies the off-topic class's score before it is compared with the topics', default 1. */
  readonly outOfScopeScale?: number;
  /** Default {@link OUT_OF_SCOPE_MARGIN}. */
  readonly outOfScopeMargin?: number;
  /** Default {@link DOMINANCE}. */
  readonly dominance?: number;
  /** Weight of the similarity with each topic as a whole (against nearest examples), default 0.3. */
  readonly classWeight?: number;
  /** Most candidates returned, default 3. */
  readonly maxCandidates?: number;
}

/** A {@link MessageUnderstander} that can also explain itself (for `nlu:eval` and tuning). */
export interface Matcher extends MessageUnderstander {
  /** Every id's score for the whole text (no sentence split, no thresholds), `out_of_scope` included, best first. */
  rank(text: string): Array<readonly [string, number]>;
  /**
   * Every id's score for the message as `understand` sees it (long messages also sentence by sentence,
   * greetings damped in long messages), `out_of_scope` included, before any threshold; and the reply language.
   */
  scores(text: string, context?: UnderstandingContext): MatcherScores;
}

/** Result of {@link Matcher.scores}. */
export interface MatcherScores {
  /** Detected language of the message (before any "switch language" request is read). */
  readonly lang: Language;
  /** Id → score in [0, 1]; ids without any similarity are absent. */
  readonly scores: ReadonlyMap<string, number>;
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
export function createMatcher(content: MatcherContent, options: MatcherOptions = {}): Matcher {
  const confident = options.confidentThreshold ?? CONFIDENT_THRESHOLD;
  const unsure = options.unsureThreshold ?? UNSURE_THRESHOLD;
  const minMargin = options.minMargin ?? MIN_MARGIN;
  const wordWeight = options.wordWeight ?? 0.55;
  const defaultLanguage = options.defaultLanguage ?? 'fr';
  const maxCandidates = options.maxCandidates ?? 3;
  const classWeight = options.classWeight ?? 0.3;
  const dominance = options.dominance ?? DOMINANCE;
  const conceptWeight = options.conceptWeight ?? 0.15;
  const sentenceMinWords = options.sentenceMinWords ?? 10;
  const outOfScopeMargin = options.outOfScopeMargin ?? OUT_OF_SCOPE_MARGIN;
  const outOfScopeScale = options.outOfScopeScale ?? 1;

  const extractor = new FeatureExtractor(new ConceptTagger());
  const examples: Example[] = [];
  const features: RawFeatures[] = [];
  const addExample = (id: string, text: string) => {
    const f = extractor.extract(tokenise(text));
    if (f.empty) return;
    examples.push({ id });
    features.push(f);
  };
  for (const entry of content.faq) {
    for (const text of entry.examples) addExample(entry.id, text);
    if (entry.title) addExample(entry.id, entry.title);
  }
  for (const intent of content.intents) for (const text of intent.examples) addExample(intent.id, text);

  const wordIndex = new TfidfIndex(features.map((f) => f.words), { maxDocumentShare: WORD_MAX_SHARE });
  const charIndex = new TfidfIndex(features.map((f) => f.chars), { maxDocumentShare: CHAR_MAX_SHARE });
  const sims = new Float64Array(examples.length);

  // One "class document" per id (all its examples in every language merged): idf across ids tells which
  // words single a topic out, and long messages compare better with a whole topic than with one example.
  const classIds = [...new Set(examples.map((e) => e.id))];
  const classOf = new Map(classIds.map((id, i) => [id, i]));
  const merged = classIds.map(() => ({ words: new Map<string, number>(), chars: new Map<string, number>() }));
  examples.forEach((e, i) => {
    const target = merged[classOf.get(e.id)!]!;
    for (const [k, v] of features[i]!.words) target.words.set(k, (target.words.get(k) ?? 0) + v);
    for (const [k, v] of features[i]!.chars) target.chars.set(k, (target.chars.get(k) ?? 0) + v);
  });
  const classWordIndex = new TfidfIndex(merged.map((m) => m.words));
  const classCharIndex = new TfidfIndex(merged.map((m) => m.chars));
  const classSims = new Float64Array(classIds.length);
  const outOfScopeClass = classOf.get(OUT_OF_SCOPE_ID) ?? -1;
  const exampleClass = Int32Array.from(examples.map((e) => classOf.get(e.id)!));
  const best = new Float64Array(classIds.length);
  const second = new Float64Array(classIds.length);

  // Which ids each concept points to: the share of each id's examples that carry the concept, normalised over
  // ids. A message's concepts then vote for ids, a robust signal when its wording is far from every example.
  const exampleCount = new Map<string, number>();
  const conceptHits = new Map<string, Map<string, number>>();
  examples.forEach((e, i) => {
    exampleCount.set(e.id, (exampleCount.get(e.id) ?? 0) + 1);
    for (const key of features[i]!.words.keys()) {
      if (!key.startsWith('k:')) continue;
      let hits = conceptHits.get(key);
      if (!hits) conceptHits.set(key, (hits = new Map()));
      hits.set(e.id, (hits.get(e.id) ?? 0) + 1);
    }
  });
  const conceptVotes = new Map<string, Map<string, number>>();
  for (const [concept, hits] of conceptHits) {
    const rates = [...hits].map(([id, n]) => [id, n / exampleCount.get(id)!] as const);
    const total = rates.reduce((sum, [, r]) => sum + r, 0);
    conceptVotes.set(concept, new Map(rates.map(([id, r]) => [id, r / total])));
  }

  /** Per-id score of one piece of text: nearest examples (best and second best) blended with the topic as a whole. */
  const scoreText = (tokens: readonly string[]): Map<string, number> => {
    const f = extractor.extract(tokens);
    if (f.empty) return new Map();
    sims.fill(0);
    wordIndex.accumulate(f.words, sims, wordWeight);
    charIndex.accumulate(f.chars, sims, 1 - wordWeight);
    best.fill(0);
    second.fill(0);
    for (let i = 0; i < sims.length; i++) {
      const s = sims[i]!;
      if (s <= 0) continue;
      const c = exampleClass[i]!;
      if (s > best[c]!) {
        second[c] = best[c]!;
        best[c] = s;
      } else if (s > second[c]!) second[c] = s;
    }
    classSims.fill(0);
    classWordIndex.accumulate(f.words, classSims, wordWeight);
    classCharIndex.accumulate(f.chars, classSims, 1 - wordWeight);
    const votes = new Map<string, number>();
    let concepts = 0;
    for (const key of f.words.keys()) {
      const byConcept = conceptVotes.get(key);
      if (!byConcept) continue;
      concepts++;
      for (const [id, v] of byConcept) votes.set(id, (votes.get(id) ?? 0) + v);
    }
    const out = new Map<string, number>();
    for (let c = 0; c < classIds.length; c++) {
      if (best[c]! <= 0) continue;
      const id = classIds[c]!;
      const knn = 0.85 * best[c]! + 0.15 * second[c]!;
      // Off-topic examples share no theme, so only their nearest neighbours count, not the class as a whole.
      const similarity = c === outOfScopeClass ? knn : (1 - classWeight) * knn + classWeight * CLASS_SCALE * classSims[c]!;
      const vote = concepts > 0 ? (votes.get(id) ?? 0) / concepts : 0;
      out.set(id, (1 - conceptWeight) * similarity + conceptWeight * vote);
    }
    return out;
  };

  const scoreMessage = (fullText: string, context: UnderstandingContext = {}): { text: string; detected: Language; scores: Map<string, number> } => {
    // A question fits in a few sentences; reading more only costs time (and a pasted document is not a question).
    const text = fullText.slice(0, MAX_TEXT_LENGTH);
    const current = context.currentLanguage ?? defaultLanguage;
    const detected = detectLanguage(text, current).lang;
    const tokens = tokenise(text);
    const scores = scoreText(tokens);

    // A long message often holds one question among greetings and context: score each sentence too.
    const contentWords = tokens.filter((t) => !STOPWORDS.has(t)).length;
    const wholeBest = Math.max(0, ...[...scores].filter(([id]) => id !== OUT_OF_SCOPE_ID && !WHOLE_MESSAGE_ONLY.has(id)).map(([, v]) => v));
    // Sentences only matter when the whole message is not already clearly about one topic.
    if (contentWords >= sentenceMinWords && wholeBest < confident + 0.1) {
      const sentences = text.split(/[.?!؟\n;]+|,(?=.{25,})/).map((s) => tokenise(s)).filter((t) => t.length >= 3);
      for (const sentence of sentences.length > 1 ? sentences.slice(0, MAX_SENTENCES) : []) {
        for (const [id, s] of scoreText(sentence)) {
          if (WHOLE_MESSAGE_ONLY.has(id)) continue;
          if (s * 0.95 > (scores.get(id) ?? 0)) scores.set(id, s * 0.95);
        }
      }
    }

    // "bjr c quoi le programme" is a question, not a greeting: greetings and thanks only win short messages.
    if (contentWords > 3) for (const id of WHOLE_MESSAGE_ONLY) if (scores.has(id)) scores.set(id, scores.get(id)! * (3 / contentWords));
    return { text, detected, scores };
  };

  const understand = (fullText: string, context: UnderstandingContext = {}): Understanding => {
    const { text, detected, scores } = scoreMessage(fullText, context);
    const ranked = [...scores].sort((a, b) => b[1] - a[1]);
    const real = ranked.filter(([id]) => id !== OUT_OF_SCOPE_ID);
    const outOfScope = (scores.get(OUT_OF_SCOPE_ID) ?? 0) * outOfScopeScale;
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
    if (outOfScope > bestScore + outOfScopeMargin) return answer(null, bestScore, []);
    const clearWinner = bestScore - secondScore >= minMargin || bestScore >= 0.75;
    // A lower score still answers when it stands far above every other topic.
    const standsOut = bestScore >= unsure + 0.04 && bestScore >= dominance * Math.max(secondScore, outOfScope);
    if ((bestScore >= confident && clearWinner) || standsOut) {
      if (outOfScope <= bestScore) return answer(bestId, bestScore, candidates);
      return answer(null, bestScore, candidates);
    }
    return answer(null, bestScore, candidates);
  };

  const rank = (text: string): Array<readonly [string, number]> =>
    [...scoreText(tokenise(text))].sort((a, b) => b[1] - a[1]).map(([id, score]) => [id, round(score)] as const);

  const scores = (text: string, context?: UnderstandingContext): MatcherScores => {
    const result = scoreMessage(text, context);
    return { lang: result.detected, scores: result.scores };
  };

  return { understand, rank, scores };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
