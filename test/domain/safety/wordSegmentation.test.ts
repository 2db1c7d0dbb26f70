import { describe, expect, it } from 'vitest';
import { cheapestSegmentation } from '../../../src/domain/safety/wordSegmentation.js';

const words = new Set(['il', 'est', 'tombe', 'tom', 'be', 'par', 'terre']);
const fewestPieces = { longestWord: 8, shortestWord: 2, wordCost: (p: string) => (words.has(p) ? 1 : undefined) };

describe('cheapestSegmentation', () => {
  it('cuts a text into the fewest known words', () => {
    expect(cheapestSegmentation('ilesttombeparterre', fewestPieces)?.map((p) => p.text)).toEqual(['il', 'est', 'tombe', 'par', 'terre']);
  });

  it('returns null when words must cover every letter and cannot', () => {
    expect(cheapestSegmentation('ilestxtombe', fewestPieces)).toBeNull();
  });

  it('leaves letters uncovered, marked as such, when a letter cost is given', () => {
    const pieces = cheapestSegmentation('ilestxtombe', { ...fewestPieces, letterCost: 1 });
    expect(pieces).toEqual([
      { text: 'il', word: true },
      { text: 'est', word: true },
      { text: 'x', word: false },
      { text: 'tombe', word: true },
    ]);
  });
});
