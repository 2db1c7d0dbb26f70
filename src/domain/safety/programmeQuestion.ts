import type { ConceptTagger } from '../nlu/conceptTagger.js';
import type { Concept } from '../nlu/conceptLexicon.js';
import { safetyTokens } from './termPattern.js';

/**
 * Concepts of the lexicon that only a question about the programme carries (the return, its cost and ticket,
 * registering, reintegration). Left out on purpose: words an emergency also uses with a question ("home", "money",
 * "passport", "police", "family", "how long", "what is"), so "they took my passport, what do I do?" is not one.
 */
export const PROGRAMME_CONCEPTS: ReadonlySet<Concept> = new Set<Concept>([
  'free', 'pay', 'ticket', 'return', 'register', 'eligible', 'travel', 'comeback', 'reintegration', 'business',
  'training', 'counselling', 'iom', 'appointment', 'cancel', 'countries', 'residency',
]);

/** A part of the message: up to a sentence end, with it (full stops, question and exclamation marks, line breaks). */
const PART = /[^.!?؟;؛\n\r]+[.!?؟;؛\n\r]*/g;

/**
 * Words that open a question typed without its question mark, as {@link safetyTokens} gives them ("abeg i wan know if
 * the ticket na free", "je voulais savoir si le billet est gratuit", "بغيت نعرف واش"): only indirect questions, not
 * "can you" or "what" that a plea for help starts with too.
 */
const QUESTION_OPENERS: readonly (readonly string[])[] = [
  'est ce que', 'je voulais savoir', 'je veux savoir', 'je voudrais savoir',
  'i want to know', 'i wan know', 'i would like to know', 'i wanted to know',
  'هل', 'واش', 'wach', 'bghit n3ref', 'بغيت نعرف', 'أريد أن أعرف',
].map((opener) => safetyTokens(opener));

/**
 * Negations (as {@link safetyTokens} gives them): a programme word right after one is not about the programme,
 * "il est pas rentré, on fait quoi ?" and "he did not return" tell of someone missing.
 */
const NEGATIONS: ReadonlySet<string> = new Set(['pas', 'jamais', 'not', 'no', 'never', 'ma', 'ما', 'لم', 'لا', 'mazal', 'مازال']);
/** Words after a negation that it covers. */
const NEGATED_WORDS = 2;

/** `tokens` without the words a negation covers ({@link NEGATIONS}). */
function withoutNegated(tokens: readonly string[]): string[] {
  const kept: string[] = [];
  let covered = 0;
  for (const token of tokens) {
    if (NEGATIONS.has(token)) covered = NEGATED_WORDS;
    else if (covered > 0) covered--;
    else kept.push(token);
  }
  return kept;
}

/** Whether `tokens` hold one of `phrases` (each a list of tokens) somewhere. */
function holdsPhrase(tokens: readonly string[], phrases: readonly (readonly string[])[]): boolean {
  return tokens.some((_, i) => phrases.some((phrase) => phrase.length > 0 && phrase.every((word, k) => tokens[i + k] === word)));
}

/**
 * Tells whether a message asks a question about the programme (see {@link programmeQuestionReader}); a part for
 * which `alarming` says true is no such question, whatever its words.
 */
export type ProgrammeQuestionReader = (text: string, alarming?: (part: string) => boolean) => boolean;

/**
 * A reader of questions about the programme: a part of the message ending with "?" or "؟", or holding an indirect
 * question ({@link QUESTION_OPENERS}), that carries one of {@link PROGRAMME_CONCEPTS} ("after the return can I travel
 * again?", "le billet c est gratuit ?", "i wan know if the plane ticket na free"). A `turn` word of the safety
 * content ("but", "mais", "ولكن", "now") after the question, or in its part, cancels it, as it does for the rules:
 * "I wanted to ask whether it is free, but now she is on the floor bleeding" is an emergency told after a question.
 */
export function programmeQuestionReader(tagger: ConceptTagger, turnWords: readonly string[] = []): ProgrammeQuestionReader {
  const turns = turnWords.map((turn) => safetyTokens(turn));
  return (text, alarming) => {
    let asked = false;
    for (const [part] of text.matchAll(PART)) {
      const tokens = safetyTokens(part);
      if (holdsPhrase(tokens, turns)) asked = false;
      else if (!asked && (/[?؟]/.test(part) || holdsPhrase(tokens, QUESTION_OPENERS))) {
        for (const concept of tagger.conceptsOf(withoutNegated(tokens))) if (PROGRAMME_CONCEPTS.has(concept)) asked = true;
        if (asked && alarming?.(part)) asked = false;
      }
    }
    return asked;
  };
}
