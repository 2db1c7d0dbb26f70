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

/** Whether `tokens` hold one of `phrases` (each a list of tokens) somewhere. */
function holdsPhrase(tokens: readonly string[], phrases: readonly (readonly string[])[]): boolean {
  return tokens.some((_, i) => phrases.some((phrase) => phrase.length > 0 && phrase.every((word, k) => tokens[i + k] === word)));
}

/** Tells whether a message asks a question about the programme (see {@link programmeQuestionReader}). */
export type ProgrammeQuestionReader = (text: string) => boolean;

/**
 * A reader of questions about the programme: a part of the message ending with "?" or "؟", or holding an indirect
 * question ({@link QUESTION_OPENERS}), that carries one of {@link PROGRAMME_CONCEPTS} ("after the return can I travel
 * again?", "le billet c est gratuit ?", "i wan know if the plane ticket na free"). A `turn` word of the safety
 * content ("but", "mais", "ولكن", "now") after the question, or in its part, cancels it, as it does for the rules:
 * "I wanted to ask whether it is free, but now she is on the floor bleeding" is an emergency told after a question.
 */
export function programmeQuestionReader(tagger: ConceptTagger, turnWords: readonly string[] = []): ProgrammeQuestionReader {
  const turns = turnWords.map((turn) => safetyTokens(turn));
  return (text) => {
    let asked = false;
    for (const [part] of text.matchAll(PART)) {
      const tokens = safetyTokens(part);
      if (holdsPhrase(tokens, turns)) asked = false;
      else if (!asked && (/[?؟]/.test(part) || holdsPhrase(tokens, QUESTION_OPENERS))) {
        for (const concept of tagger.conceptsOf(tokens)) if (PROGRAMME_CONCEPTS.has(concept)) asked = true;
      }
    }
    return asked;
  };
}
