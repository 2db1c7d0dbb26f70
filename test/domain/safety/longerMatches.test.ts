import { describe, expect, it } from 'vitest';
import { longerMatchReader } from '../../../src/domain/safety/longerMatches.js';
import { SafetyRule } from '../../../src/domain/safety/safetySchema.js';

const rules = [
  SafetyRule.parse({ id: 'violence.attack', category: 'violence', all: ['attack'] }),
  SafetyRule.parse({ id: 'medical.heart', category: 'medical', all: ['heart_attack'] }),
  SafetyRule.parse({ id: 'violence.attack_heart', category: 'violence', all: ['attack', 'heart_word'] }),
];

describe('longerMatchReader', () => {
  it('absorbs a word inside a longer match that fires alone for another situation ("heart attack" is medical)', () => {
    // "my father has a heart attack": "attack" at word 5, "heart attack" at words 4-5.
    const found = new Map([
      ['w:attack', [{ start: 5, end: 5 }]],
      ['w:heart_attack', [{ start: 4, end: 5 }]],
    ]);
    const absorbed = longerMatchReader(rules)(found, 6);
    expect(absorbed({ start: 5, end: 5 }, 'w:attack')).toBe(true);
    expect(absorbed({ start: 4, end: 5 }, 'w:heart_attack')).toBe(false);
  });

  it('keeps a word whose longer match shares its situation, or cannot fire alone', () => {
    const found = new Map([
      ['w:attack', [{ start: 1, end: 1 }]],
      ['w:heart_word', [{ start: 0, end: 1 }]],
    ]);
    // heart_word fires only with attack (violence): the same situation, and never alone.
    expect(longerMatchReader(rules)(found, 2)({ start: 1, end: 1 }, 'w:attack')).toBe(false);
  });
});
