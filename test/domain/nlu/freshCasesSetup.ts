import { beforeAll } from 'vitest';
import { CONCEPT_FRAMES, type Concept } from '../../../src/domain/nlu/conceptLexicon.js';
import { ConceptTagger } from '../../../src/domain/nlu/conceptTagger.js';
import { createUnderstander, type HybridUnderstander } from '../../../src/domain/nlu/hybridUnderstander.js';
import { tokenise } from '../../../src/domain/nlu/normalise.js';
import { TOPIC_LEXICON } from '../../../src/domain/nlu/topicLexicon.js';
import { loadTestContent } from './loadTestContent.js';

// What the fresh-phrasing rounds (freshUnderstandingCases8 to 11, freshDecisionCases11) each built for themselves: the topic model's
// tagger and the understander over the shipped content.

/** The tagger as the topic model builds it: its lexicon and the frames, terms tokenised with SMS spellings expanded. */
const topicTagger = new ConceptTagger(TOPIC_LEXICON, CONCEPT_FRAMES, true);

/** The concepts the topic model's tagger finds in `text`, tokenised as messages are. */
export function topicConcepts(text: string): Concept[] {
  return [...topicTagger.conceptsOf(tokenise(text))];
}

/** The id the understander gives a message (null: out of scope). */
export type IdOf = (text: string) => ReturnType<HybridUnderstander['understand']>['id'];

/**
 * Builds the understander over `locales` once for the calling test file (in a `beforeAll`, so collecting the file
 * costs nothing) and returns the id it gives a message; call that inside a test.
 */
export function freshUnderstanderIds(): IdOf {
  let understander: HybridUnderstander | undefined;
  beforeAll(() => {
    understander = createUnderstander(loadTestContent('locales'));
  });
  return (text) => {
    if (!understander) throw new Error('the understander is built in beforeAll: ask for an id inside a test');
    return understander.understand(text).id;
  };
}
