import type { ContentSnapshot } from '../content/contentSnapshot.js';
import { ConceptTagger } from '../nlu/conceptTagger.js';
import { trainEmergencyClassifier, type EmergencyClassifier, type EmergencyTrainingOptions, type EmergencyTrainingSet } from './emergencyClassifier.js';
import { createSafetyDetector, type SafetyDetection, type SafetyDetector } from './safetyDetector.js';
import { programmeQuestionReader, type ProgrammeQuestionReader } from './programmeQuestion.js';
import type { SafetyCategory } from './safetySchema.js';
import { RUN_ON_FROM } from './runOnSplitter.js';

/** The `rule` of a detection made by the learned layer (the rule-based detector names a phrase or a rule id). */
export const LEARNED_RULE = 'learned';

/**
 * P(emergency) from which the learned layer fires when the rules do not. Chosen on the development sets (every
 * non-blind safety set, and the ordinary lines of field set 1, the dev set and the independent held-out sets 1 to
 * 7) once the layer was steadied (3 December, {@link trainEmergencyClassifier}): its averaged model is less sure of
 * itself than the plain one, and at 0.8 it missed a line of safety-set-4 and of safety-set-8 the plain one caught;
 * at 0.76 it catches every line the plain one did at 0.8, with fewer false alarms. README, "Emergencies".
 */
export const LEARNED_THRESHOLD = 0.76;

/**
 * P(emergency) the learned layer needs instead of {@link LEARNED_THRESHOLD} when the message asks a question about
 * the programme ({@link programmeQuestionReader}): a worried sentence beside "can I travel again after the return?" is
 * mostly the worry of someone planning the return ("I don't want to be blocked for life"), read alone by the
 * sentence-level scoring. The rules still read such a message in full.
 */
export const PROGRAMME_QUESTION_THRESHOLD = 0.999;

/**
 * P(emergency) under which the layer must read a programme question on its own for it to count: "il est parti nager et
 * il est pas rentré, on fait quoi ?" has the return's word but is the emergency itself (0.95), while "le retour ça
 * coûte combien ?" is calm (0.00). A question that is itself alarming leaves the threshold at {@link LEARNED_THRESHOLD}.
 * 0.8 since safety14l (0.5 before): on the development sets every programme question read alone between 0.5 and 0.8
 * was a calm one (who meets me at the airport, a stamp that bans travelling again: 0.74–0.75, one retraining or seed
 * away from an alarm), and no emergency the rules miss asks about the programme; the rules still read every question.
 */
export const CALM_QUESTION = 0.8;

/**
 * Fewest words a message needs for the learned layer to read it. One or two words carry too little for a
 * classifier ("Awa", a first name typed in the booking flow, scored 0.8 as a disaster): short cries are the
 * rules' phrases ("help", "au secours", "النجدة").
 */
export const LEARNED_MIN_WORDS = 3;

/**
 * What the learned layer is trained on, from the content (a {@link ContentSnapshot} fits): the safety files only.
 * Not the FAQ and intent examples: trained on them as negatives, the layer moved with every batch of content tuning
 * (20–30 lines of other sets, and new false alarms, 2 December); `safety-ordinary.yaml` holds its everyday messages.
 */
export type LearnedLayerContent = Pick<ContentSnapshot, 'safety' | 'safetyExamples'>;

/**
 * The training set of the learned layer: every language's `safety-examples.yaml`, plus the phrases of the
 * `safety.yaml` files as emergencies of their category; as ordinary messages, the examples' `ordinary` lists, the
 * `ignore` phrases, and every language's `safety-ordinary.yaml` (the everyday messages people send most).
 */
export function learnedTrainingSet(content: LearnedLayerContent): EmergencyTrainingSet {
  const emergency: Array<{ category: SafetyCategory; text: string }> = [];
  const ordinary: string[] = [];
  for (const examples of content.safetyExamples) {
    for (const [category, list] of Object.entries(examples.emergency) as Array<[SafetyCategory, readonly string[]]>) for (const text of list) emergency.push({ category, text });
    ordinary.push(...examples.ordinary);
  }
  for (const language of content.safety.languages) {
    for (const [category, list] of Object.entries(language.phrases) as Array<[SafetyCategory, readonly string[]]>) {
      for (const phrase of list) if (!phrase.includes('*')) emergency.push({ category, text: phrase.replace(/\.\.\./g, ' ') });
    }
    ordinary.push(...language.ignore);
  }
  for (const examples of content.safetyExamples) ordinary.push(...examples.everyday);
  return { emergency, ordinary };
}

/**
 * The rule-based detector with the learned layer behind it: the rules answer first (their category and rule);
 * when they stay silent and the classifier's P(emergency) reaches `threshold`, the detection carries the
 * classifier's situation and rule {@link LEARNED_RULE}. Without emergency examples the layer never fires. A message
 * that asks about the programme (`asksAboutProgramme`) needs `programmeThreshold` instead.
 */
export function withLearnedLayer(
  rules: SafetyDetector,
  classifier: EmergencyClassifier | undefined,
  threshold = LEARNED_THRESHOLD,
  programmeThreshold = PROGRAMME_QUESTION_THRESHOLD,
  asksAboutProgramme: ProgrammeQuestionReader = programmeQuestionReader(new ConceptTagger()),
): SafetyDetector {
  if (!classifier) return rules;
  const read = (text: string): SafetyDetection | null => {
    const found = rules.detect(text);
    // A message the rules read as told in a film, a joke or last year is not scored: the classifier knows no frames.
    if (found || !hasWords(text, LEARNED_MIN_WORDS) || rules.framed?.(text)) return found;
    const { probability, category } = classifier.estimate(text);
    if (probability < threshold) return null;
    if (probability < programmeThreshold && asksAboutProgramme(text, (part) => classifier.estimate(part).probability >= CALM_QUESTION)) return null;
    return { category, rule: LEARNED_RULE, matches: [{ category, rule: LEARNED_RULE }] };
  };
  // The bot reads each message twice (before any dialog, then in the understander): the last answer is kept.
  let last: { text: string; detection: SafetyDetection | null } | undefined;
  return {
    reply: (lang, category) => rules.reply(lang, category),
    ...(rules.framed ? { framed: (text: string) => rules.framed!(text) } : {}),
    detect(text) {
      if (last?.text !== text) last = { text, detection: read(text) };
      return last.detection;
    },
  };
}

/**
 * Trains the learned layer on `content`, or undefined when the content has no corpus of its own (no language with a
 * `safety-examples.yaml` or `safety-ordinary.yaml`: test content, a new deployment) or no emergency example. Trained
 * on the rule phrases and a few `ignore` phrases alone, the layer would know almost nothing ordinary and fire on
 * anything that is not a greeting.
 */
export function trainLearnedLayer(content: LearnedLayerContent, options: EmergencyTrainingOptions = {}): EmergencyClassifier | undefined {
  if (content.safetyExamples.length === 0) return undefined;
  const set = learnedTrainingSet(content);
  return set.emergency.length > 0 && set.ordinary.length > 0 ? trainEmergencyClassifier(set, options) : undefined;
}

/**
 * The detector the assistant runs, built from a content snapshot: the rules, then the learned layer (trained here
 * unless `classifier` is given: a turn worker thread gets its instance's, sharedSafetyModel.ts).
 */
export function buildSafetyDetector(content: LearnedLayerContent, classifier: EmergencyClassifier | undefined = trainLearnedLayer(content)): SafetyDetector {
  const turns = content.safety.languages.flatMap((language) => language.turn ?? []);
  const programme = programmeQuestionReader(new ConceptTagger(), turns);
  return withLearnedLayer(createSafetyDetector(content.safety), classifier, LEARNED_THRESHOLD, PROGRAMME_QUESTION_THRESHOLD, programme);
}

/**
 * Whether `text` has at least `count` words (runs of letters or digits); stops at `count`, so long messages cost
 * nothing. A run of {@link RUN_ON_FROM} characters or more is a sentence typed without spaces: it counts as enough.
 */
function hasWords(text: string, count: number): boolean {
  const word = /[\p{L}\p{N}]+/gu;
  let seen = 0;
  for (let found = word.exec(text); found; found = word.exec(text)) if (++seen >= count || found[0].length >= RUN_ON_FROM) return true;
  return false;
}
