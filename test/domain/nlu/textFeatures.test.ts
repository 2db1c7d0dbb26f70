import { describe, expect, it } from 'vitest';
import { tokenise } from '../../../src/domain/nlu/normalise.js';
import { stem } from '../../../src/domain/nlu/textFeatures.js';

const stems = (text: string) => tokenise(text).map(stem);

describe('stem', () => {
  it('drops the plural -s of Latin words, not a double s', () => {
    expect(stems('papiers enfants adresse class')).toEqual(['papier', 'enfant', 'adresse', 'class']);
  });

  it('meets one Arabic stem whatever article, glued preposition, conjunction or pronoun surrounds it', () => {
    // "the programme", "and the programme", "in the programme", "our programme" → one stem.
    expect(new Set(stems('البرنامج والبرنامج بالبرنامج برنامجنا'))).toEqual(new Set(['برنامج']));
    // "can I" (MSA) and "can" share a stem; a plural ending goes on a long word.
    expect(stem(tokenise('يمكنني')[0]!)).toBe(stem(tokenise('يمكن')[0]!));
    expect(stem(tokenise('المهاجرين')[0]!)).toBe('مهاجر');
  });

  it('keeps at least three letters and leaves one-letter endings that are often part of the word', () => {
    // مالي is Mali, not "my money": the ي stays.
    expect(stem(tokenise('مالي')[0]!)).toBe('مالي');
    expect(stem(tokenise('الدار')[0]!)).toBe('دار');
    expect(stem(tokenise('ولد')[0]!)).toBe('ولد');
  });
});
