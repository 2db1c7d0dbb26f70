import { OUT_OF_SCOPE_ID } from '../content/contentSchema.js';
import { createMatcher, MAX_TEXT_LENGTH, type Matcher, type MatcherContent, type MatcherOptions } from './matcher.js';
import { detectLanguage } from './languageDetector.js';
import { applyNeighbourRules } from './neighbourRules.js';
import { findQuestion } from './questionFinder.js';
import { explicitlyRequestedLanguage, requestedLanguage } from './requestedLanguage.js';
import { createSpellingRepair } from './spellingRepair.js';
import { firstOfTwoQuestions } from './twoQuestions.js';
import { withoutGreetedGroup } from './vocative.js';
import { topicModelFromWeights, trainTopicModel, type TopicModel, type TopicModelOptions, type TopicModelWeights } from './topicModel.js';
import type { Candidate, MessageUnderstander, Understanding, UnderstandingContext } from './understanding.js';

/** Tuning of {@link createUnderstander}; every field is optional (defaults chosen by `npm run nlu:compare`). */
export interface HybridOptions {
  /**
   * Share of the supervised model in the blended score (the matcher's scores get the rest). Default 1: on
   * held-out data the blend did no better than the model alone (README, "How messages are understood"), and
   * without it the matcher is neither built nor run. The blend's best setting there was 0.5.
   */
  readonly modelWeight?: number;
  /** Share of the question found inside a long message in the model's probabilities, default 0.3. */
  readonly questionWeight?: number;
  /** Blended score at or above which the best id may be answered, default {@link CONFIDENT_THRESHOLD}. */
  readonly confidentThreshold?: number;
  /**
   * "Out of scope" score at or above which the message gets "I don't know", whatever the best id scores,
   * default {@link OUT_OF_SCOPE_CEILING}.
   */
  readonly outOfScopeCeiling?: number;
  /** Most candidates returned (for "did you mean"), default 3. */
  readonly maxCandidates?: number;
  /**
   * Messages longer than this (characters) are read by the model alone: the matcher's cost grows with the
   * length (every sentence against every example) while the model's stays small. Default 100.
   */
  readonly matcherMaxChars?: number;
  /** Passed to the matcher. */
  readonly matcher?: MatcherOptions;
  /** Passed to the model's training. */
  readonly model?: TopicModelOptions;
  /**
   * The model already trained on this content (e.g. by the instance's main thread: sharedModel.ts): used
   * as it is, with no training. It must come from the same content and `model` options.
   */
  readonly trained?: TopicModelWeights;
  /** Whether the model reads mistyped words repaired to the content's words (spellingRepair.ts), default true. */
  readonly spellingRepair?: boolean;
}

/** A {@link MessageUnderstander} that also tells how it was built and explains its scores. */
export interface HybridUnderstander extends MessageUnderstander {
  /** The supervised part (its training time, its ids). */
  readonly model: TopicModel;
  /** The nearest-example matcher (built on first use). */
  readonly matcher: Matcher;
  /** Blended score of every id (out of scope included) for `text`, best first. */
  rank(text: string, context?: UnderstandingContext): Array<readonly [string, number]>;
  /** Both parts' raw views of `text` (all computed, whatever the weights), for tuning with {@link decide}. */
  parts(text: string, context?: UnderstandingContext): UnderstandingParts;
  /** The decision parameters in use. */
  readonly parameters: DecisionParameters;
}

/**
 * The understander the assistant runs: a supervised linear model trained at start-up on the content's
 * examples, optionally blended with the nearest-example matcher ({@link HybridOptions.modelWeight}; the
 * README's comparison tells why the model answers alone by default). The decision looks at the whole message: the model learns from the `out_of_scope` examples
 * which word pairs turn a message away from the programme ("billet de train", "envoyer de l'argent",
 * "carte de séjour"), so programme words alone do not carry a message to an answer. Long messages are also
 * read through the question found inside their story ({@link findQuestion}).
 */
/** Characters of a long message's opening (and of its end, when no question is found) read for its language. */
const LANGUAGE_SAMPLE_CHARS = 200;

/** Share of the model in the blend at its best setting on held-out data (used when a blend is asked for). */
export const BLEND_MODEL_WEIGHT = 0.5;

/** Characters of a message the model reads as a whole (half from the start, half from the end). */
export const MODEL_READ_CHARS = 400;

/**
 * Characters of a story's opening (who asks, for whom) read with its question when the message is longer than
 * {@link MODEL_READ_CHARS}: the model then reads opening + question once, instead of the message's two ends and
 * the question apart, which bounds a 2,000-character message to about 400 characters of features.
 */
export const STORY_OPENING_CHARS = 150;

/** What the two parts say about one message, before blending (see {@link decide}). */
export interface UnderstandingParts {
  readonly text: string;
  readonly lang: Understanding['lang'];
  /** Model probabilities of the whole message, in `model.ids` order. */
  readonly whole: Float64Array;
  /** Model probabilities of the question found inside a long message, or null. */
  readonly question: Float64Array | null;
  /**
   * Whether `question` is the first of two questions joined by "and" in a short message (twoQuestions.ts): it then
   * weighs {@link JOINED_QUESTION_WEIGHT} instead of the long message's question weight. Absent means false.
   */
  readonly joined?: boolean;
  /** The matcher's scores (absent ids score 0), or null when the matcher has no weight. */
  readonly matched: ReadonlyMap<string, number> | null;
}

/** Decision parameters of {@link decide} (the numeric part of {@link HybridOptions}, all required). */
export interface DecisionParameters {
  readonly modelWeight: number;
  readonly questionWeight: number;
  readonly confidentThreshold: number;
  readonly outOfScopeCeiling: number;
  readonly maxCandidates: number;
  readonly matcherMaxChars: number;
}

/**
 * Default {@link HybridOptions.outOfScopeCeiling}. The "don't know" decision weighs the whole programme against
 * "out of scope": when the model puts 65% or more on programme ids together, the message is about the
 * programme even if that share is split between neighbours (eligibility 0.3, documents 0.25), and the best of
 * them is answered. The rule it replaced (the best id alone had to beat "out of scope" by 0.1, and reach 0.25)
 * said "don't know" to such split in-scope messages; on the two development held-out sets, field set 1 and the
 * content split, averaged over three training seeds, this rule had more right ids on each and better-balanced
 * "don't know" precision and recall (README, "How messages are understood").
 */
export const OUT_OF_SCOPE_CEILING = 0.35;

/** Default {@link HybridOptions.confidentThreshold}: below it the best id is too unsure to be answered. */
export const CONFIDENT_THRESHOLD = 0.1;

/**
 * Share of the first of two joined questions in the model's probabilities. A story's question (weight 0.3) is read
 * beside a whole message that is mostly context; in "vous faites la RDC et combien de temps ça prend" the whole message
 * is the two questions, and at 0.3 the second, often the follow-up, still won.
 */
export const JOINED_QUESTION_WEIGHT = 0.5;

/** Blends the parts' scores and picks the answer: the best id, unless "out of scope" reaches its ceiling or the best id is too unsure. */
export function decide(ids: readonly string[], parts: UnderstandingParts, params: DecisionParameters): Understanding & { readonly ranked: readonly Candidate[] } {
  const share = parts.joined && params.questionWeight > 0 ? JOINED_QUESTION_WEIGHT : params.questionWeight;
  const modelWeight = parts.matched && parts.text.length <= params.matcherMaxChars ? params.modelWeight : 1;
  let outOfScope = 0;
  const ranked: Candidate[] = [];
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k]!;
    let p = parts.whole[k]!;
    if (parts.question) p = (1 - share) * p + share * parts.question[k]!;
    const score = modelWeight * p + (1 - modelWeight) * (parts.matched?.get(id) ?? 0);
    if (id === OUT_OF_SCOPE_ID) outOfScope = score;
    else ranked.push({ id, score });
  }
  ranked.sort((a, b) => b.score - a.score);
  // What the message does with an appointment, its data or a person decides between near neighbours (neighbourRules.ts).
  const decided = applyNeighbourRules(parts.text, ranked);
  const best = decided[0];
  const bestScore = best?.score ?? 0;
  const answered = best !== undefined && bestScore >= params.confidentThreshold && outOfScope < params.outOfScopeCeiling;
  const id = answered ? best.id : null;
  const candidates = decided.slice(0, params.maxCandidates).map((c) => ({ id: c.id, score: round(c.score) }));
  return {
    // A request for a language beside another question ("un conseiller en arabe svp") is answered in that language.
    lang: (id === 'intent.language' ? requestedLanguage(parts.text) : explicitlyRequestedLanguage(parts.text)) ?? parts.lang,
    id,
    score: round(bestScore),
    // An off-topic message gets a plain "I don't know", not "did you mean" on the programme words it contains.
    candidates: answered || bestScore > outOfScope ? candidates : [],
    ranked: [...decided, { id: OUT_OF_SCOPE_ID, score: outOfScope }].sort((a, b) => b.score - a.score),
  };
}

/**
 * The understander the assistant runs: a supervised linear model trained at start-up on the content's
 * examples, optionally blended with the nearest-example matcher ({@link HybridOptions.modelWeight}; the
 * README's comparison tells why the model answers alone by default). The decision looks at the whole message: the model learns from the `out_of_scope` examples
 * which word pairs turn a message away from the programme ("billet de train", "envoyer de l'argent",
 * "carte de séjour"), so programme words alone do not carry a message to an answer. Long messages are also
 * read through the question found inside their story ({@link findQuestion}).
 */
export function createUnderstander(content: MatcherContent, options: HybridOptions = {}): HybridUnderstander {
  const params: DecisionParameters = {
    modelWeight: options.modelWeight ?? 1,
    questionWeight: options.questionWeight ?? 0.3,
    confidentThreshold: options.confidentThreshold ?? CONFIDENT_THRESHOLD,
    outOfScopeCeiling: options.outOfScopeCeiling ?? OUT_OF_SCOPE_CEILING,
    maxCandidates: options.maxCandidates ?? 3,
    matcherMaxChars: options.matcherMaxChars ?? 100,
  };
  const defaultLanguage = options.matcher?.defaultLanguage ?? 'fr';
  let builtMatcher: Matcher | undefined;
  const matcher = () => (builtMatcher ??= createMatcher(content, options.matcher));
  const model = options.trained ? topicModelFromWeights(options.trained, options.model) : trainTopicModel(content, options.model);
  const examples = [...content.faq, ...content.intents].flatMap((entry) => entry.examples.map((text) => ({ lang: entry.lang, text })));
  const repair = options.spellingRepair === false ? (t: string) => t : createSpellingRepair(examples);

  const parts = (fullText: string, context?: UnderstandingContext, forceAll = false): UnderstandingParts => {
    const text = withoutGreetedGroup(fullText.slice(0, MAX_TEXT_LENGTH));
    const matched = forceAll || (params.modelWeight < 1 && text.length <= params.matcherMaxChars) ? matcher().scores(text, context) : null;
    // The model reads the message with its typos and missing spaces repaired; the language is told from what was typed.
    const repaired = repair(text);
    const found = forceAll || params.questionWeight > 0 ? findQuestion(repaired) : null;
    const firstJoined = found === null && (forceAll || params.questionWeight > 0) ? firstOfTwoQuestions(repaired) : null;
    const question = found ?? firstJoined;
    // A long message is answered in the language of its opening and its question (reading it all costs time, not accuracy).
    const languageSample = text.length > LANGUAGE_SAMPLE_CHARS ? `${text.slice(0, LANGUAGE_SAMPLE_CHARS)} ${question ?? text.slice(-LANGUAGE_SAMPLE_CHARS)}` : text;
    const lang = matched?.lang ?? detectLanguage(languageSample, context?.currentLanguage ?? defaultLanguage).lang;
    // The model reads a very long message's opening and end (who asks, and what): the middle of a story rarely
    // changes the topic, and reading it all would cost several times more on a 2,000-character message. When its
    // question was found, opening + question are read once, so the question counts fully and is not read twice.
    if (repaired.length > MODEL_READ_CHARS && question) {
      return { text, lang, whole: model.probabilities(`${repaired.slice(0, STORY_OPENING_CHARS)} ${question}`), question: null, matched: matched?.scores ?? null };
    }
    const read = repaired.length > MODEL_READ_CHARS ? `${repaired.slice(0, MODEL_READ_CHARS / 2)} ${repaired.slice(-MODEL_READ_CHARS / 2)}` : repaired;
    return { text, lang, whole: model.probabilities(read), question: question ? model.probabilities(question) : null, joined: firstJoined !== null, matched: matched?.scores ?? null };
  };

  const understand = (text: string, context?: UnderstandingContext): Understanding => {
    // Emoji and punctuation alone carry no question: the model would fall back on its class priors.
    if (!/[\p{L}\p{N}]/u.test(text.slice(0, MAX_TEXT_LENGTH))) return { lang: context?.currentLanguage ?? defaultLanguage, id: null, score: 0, candidates: [] };
    const { ranked: _ranked, ...understanding } = decide(model.ids, parts(text, context), params);
    return understanding;
  };
  const rank = (text: string, context?: UnderstandingContext) => decide(model.ids, parts(text, context), params).ranked.map((c) => [c.id, round(c.score)] as const);

  return {
    understand,
    rank,
    model,
    get matcher() {
      return matcher();
    },
    parts: (text, context) => parts(text, context, true),
    parameters: params,
  };
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
