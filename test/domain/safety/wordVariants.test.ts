import { describe, expect, it } from 'vitest';
import { lightStem, nearWords } from '../../../src/domain/safety/wordVariants.js';

describe('lightStem', () => {
  it('removes one English or French ending and a doubled last consonant', () => {
    expect(lightStem('beating')).toBe('beat');
    expect(lightStem('attacked')).toBe('attack');
    expect(lightStem('stabbed')).toBe('stab');
    expect(lightStem('frappent')).toBe('frap');
    expect(lightStem('breaking')).toBe(lightStem('break'));
  });

  it('leaves short words, Arabic words and "-er" nouns alone', () => {
    expect(lightStem('hits')).toBe('hits');
    expect(lightStem('كيضربو')).toBe('كيضربو');
    expect(lightStem('prisoner')).not.toBe(lightStem('prison'));
  });
});

describe('nearWords', () => {
  const near = nearWords(['respire', 'kaydrbo', 'poison', 'bleeding', 'hit']);

  it('finds a list word with one letter missing or added, same first letter', () => {
    expect(near.near('respir')).toEqual(['respire']);
    expect(near.near('kaydrbou')).toEqual(['kaydrbo']);
    expect(near.near('bleding')).toEqual(['bleeding']);
  });

  it('does not treat one changed letter, a short word or another first letter as the same word', () => {
    expect(near.near('prison')).toEqual([]);
    expect(near.near('hot')).toEqual([]);
    expect(near.near('espire')).toEqual([]);
    expect(near.near('respire')).toEqual([]);
  });
});
