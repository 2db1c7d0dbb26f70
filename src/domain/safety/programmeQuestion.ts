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

/** A question: a part of the message that ends with a question mark (Latin or Arabic). */
const QUESTION = /[^.!?؟;؛\n\r]*[?؟]/g;

/**
 * Whether `text` asks a question about the programme: a part ending with "?" or "؟" that carries one of
 * {@link PROGRAMME_CONCEPTS} ("after the return can I travel again?", "le billet c est gratuit ?").
 */
export function asksAboutProgramme(text: string, tagger: ConceptTagger): boolean {
  for (const [question] of text.matchAll(QUESTION)) {
    for (const concept of tagger.conceptsOf(safetyTokens(question))) if (PROGRAMME_CONCEPTS.has(concept)) return true;
  }
  return false;
}
