import { beforeAll, describe, expect, it } from 'vitest';
import { loadSafetyDetector } from '../../../src/cli/loadSafety.js';
import { loadMatcher } from '../../../src/cli/nlu.js';
import type { MessageUnderstander } from '../../../src/domain/nlu/understanding.js';
import { withSafety } from '../../../src/domain/safety/safeUnderstander.js';

let understander: MessageUnderstander;
beforeAll(() => {
  const safety = loadSafetyDetector('locales');
  understander = withSafety(loadMatcher('locales', 'fr'), () => safety);
});

// Words that are also properties of every JavaScript object: a lookup table keyed by plain objects finds a function
// for them (the safety detector threw on "constructor" until 3 December, evening, so such a message lost its turn).
const OBJECT_WORDS = [...new Set([...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Function.prototype), 'prototype', 'then'])];

describe('messages made of words that name JavaScript object properties', () => {
  it.each(OBJECT_WORDS)('"%s" alone, in a question and in an emergency is understood without an error', (word) => {
    for (const text of [word, `je voudrais savoir ${word} pour le retour`, `${word} ${word}`, `help me ${word} he is hitting me now`, `${word}?? ${word.toUpperCase()}`]) {
      const understanding = understander.understand(text, {});
      expect(understanding.lang).toMatch(/^(fr|en|ar)$/);
    }
    // The emergency is still recognised with the word in it.
    expect(understander.understand(`help me ${word} he is hitting me now`, {}).id).toBe('intent.emergency');
  });
});
