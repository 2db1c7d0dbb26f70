import { describe, expect, it } from 'vitest';
import { GLUED_MIN_LETTERS, splitGlued } from '../../../src/domain/safety/gluedWords.js';

const KNOWN = new Set(['il', 'respire', 'plus', 'my', 'son', 'is', 'not', 'breathing', 'mon', 'frere']);

describe('splitGlued (words typed without spaces)', () => {
  it('cuts a long Latin token into the known words it is made of', () => {
    expect(splitGlued(['monfrereilrespireplus'], KNOWN)).toEqual(['mon', 'frere', 'il', 'respire', 'plus']);
    expect(splitGlued(['mysonisnotbreathing'], KNOWN)).toEqual(['my', 'son', 'is', 'not', 'breathing']);
  });

  it('keeps the letters no known word covers together, as one token', () => {
    expect(splitGlued(['aidezmoimonfrereilrespireplus'], KNOWN)).toEqual(['aidezmoi', 'mon', 'frere', 'il', 'respire', 'plus']);
  });

  it('leaves short tokens, Arabic script and tokens with fewer than two known words whole', () => {
    const short = 'ilrespireplus';
    expect(short.length).toBeLessThan(GLUED_MIN_LETTERS);
    expect(splitGlued([short, 'والدتيلاتتنفسابدا'], KNOWN)).toEqual([short, 'والدتيلاتتنفسابدا']);
    expect(splitGlued(['xqzwvbnmlkjhgfdsaplus'], KNOWN)).toEqual(['xqzwvbnmlkjhgfdsaplus']);
  });
});
