import { describe, expect, it } from 'vitest';
import { arabicStem, darijaSkeleton, lightStem, nearWords, variantKeys } from '../../../src/domain/safety/wordVariants.js';

describe('lightStem', () => {
  it('removes one English or French ending and a doubled last consonant', () => {
    expect(lightStem('beating')).toBe('beat');
    expect(lightStem('attacked')).toBe('attack');
    expect(lightStem('stabbed')).toBe('stab');
    expect(lightStem('frappent')).toBe('frap');
    expect(lightStem('breaking')).toBe(lightStem('break'));
  });

  it('leaves short words, Arabic words, "-ss" words and "-er" nouns alone', () => {
    expect(lightStem('hits')).toBe('hits');
    expect(lightStem('bless')).toBe('bless');
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

  it('reads a list word written as it is as itself or an inflection, not as a list word one letter away inside', () => {
    const french = nearWords(['pendre', 'prendre', 'poignarde', 'poignarder']);
    expect(french.near('prendre')).toEqual([]);
    expect(nearWords(['pendre']).near('prendre')).toEqual(['pendre']);
    expect(french.near('poignarder')).toEqual(['poignarde']);
  });
});

describe('arabicStem and darijaSkeleton', () => {
  it('lets conjugations of one Arabic verb meet', () => {
    expect(arabicStem('يضربونني')).toBe('ضرب');
    expect(arabicStem('كيضربو')).toBe('ضرب');
    expect(arabicStem('سيقتلونني')).toBe(arabicStem('يقتلني'));
    expect(arabicStem('مسلحون')).toBe('مسلح');
  });

  it('keeps words apart that only a one-letter prefix or the written ة would join', () => {
    expect(arabicStem('تولد')).not.toBe('ولد');
    expect(arabicStem('اموت')).toBe('اموت');
    expect(arabicStem('ولاده')).not.toBe(arabicStem('ولادي'));
  });

  it('reads Darija in Latin letters by its consonants, without its present-tense prefix and endings', () => {
    expect(darijaSkeleton('kaydrbo')).toBe('drb');
    expect(darijaSkeleton('kayderbou')).toBe('drb');
    expect(darijaSkeleton('habsinna')).toBe(darijaSkeleton('hbsni'));
    expect(darijaSkeleton('statutaire')).not.toBe(darijaSkeleton('satour'));
    expect(darijaSkeleton('daba')).toBe('');
  });

  it('lets a verb form meet only verb forms, and a bare message stem no inflected list word', () => {
    const shared = (a: string[], b: string[]) => a.some((k) => b.includes(k));
    expect(shared(variantKeys('katwld', '', true, true), variantKeys('wlad', '', true, false))).toBe(false);
    expect(shared(variantKeys('كتولد', '', true, true), variantKeys('ولد', '', true, false))).toBe(false);
    expect(shared(variantKeys('kayderbou', '', true, true), variantKeys('kaydrbo', '', true, false))).toBe(true);
    expect(shared(variantKeys('bless', '', true, true), variantKeys('blesse', '', false, false))).toBe(false);
    expect(shared(variantKeys('breaking', '', true, true), variantKeys('break', '', false, false))).toBe(true);
  });
});
