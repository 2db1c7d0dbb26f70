import { describe, expect, it } from 'vitest';
import { replaceWords } from '../../../src/domain/nlu/wordScan.js';

const marked = (word: string) => `<${word}>`;
const byExpression = (text: string) => text.replace(/[\p{L}\p{N}]+/gu, marked);

describe('replaceWords', () => {
  it.each(['', '   ', 'word', ' two words ', 'jeveux rentrer, cest gratuit?', 'café\u0301 naïve ١٢٣ بالعربيــة', '𝐀𝐁 😀 a\uD800b \uDC00x', "l'oim 3afak ch7al", '$1 $& $$'])(
    'replaces %j as /[\\p{L}\\p{N}]+/gu does',
    (text) => {
      expect(replaceWords(text, marked)).toBe(byExpression(text));
    },
  );

  it('agrees with the expression on every BMP character and a few astral ones', () => {
    const differing: number[] = [];
    for (const cp of [...Array(0x10000).keys(), 0x1d400, 0x1f600, 0x10400, 0x1e900, 0x1d7ce, 0xe0001]) {
      const c = String.fromCodePoint(cp);
      const text = `q${c}z ${c}${c}. ${c}`;
      if (replaceWords(text, marked) !== byExpression(text)) differing.push(cp);
    }
    expect(differing).toEqual([]);
  });

  it('returns the text itself when it holds no word', () => {
    const text = ' ?! 🙏 ';
    expect(replaceWords(text, () => 'x')).toBe(text);
  });

  it('copies out only the words it changes, and returns the text itself when it changes none', () => {
    const text = 'jeveux rentrer, cest gratuit?';
    expect(replaceWords(text, (w) => w)).toBe(text);
    expect(replaceWords(text, (w) => (w === 'cest' ? 'c est' : w))).toBe('jeveux rentrer, c est gratuit?');
    expect(replaceWords(text, (w) => (w === 'gratuit' ? '' : w))).toBe('jeveux rentrer, cest ?');
    expect(replaceWords('au bout gratuit', (w) => (w === 'gratuit' ? 'free' : w))).toBe('au bout free');
  });
});
