import { describe, expect, it } from 'vitest';
import { ConceptTagger } from '../../../src/domain/nlu/conceptTagger.js';
import { tokenise } from '../../../src/domain/nlu/normalise.js';

const tagger = new ConceptTagger();
const concepts = (text: string) => [...tagger.conceptsOf(tokenise(text))];

describe('ConceptTagger', () => {
  it('finds the same concept across languages and spellings', () => {
    for (const text of ['c gratuit ?', 'is it free', 'واش فابور', 'هل العودة مجانية', 'wach fabor']) expect(concepts(text)).toContain('free');
    for (const text of ['argent', 'money', 'lflous', 'الفلوس']) expect(concepts(text)).toContain('money');
  });

  it('matches prefixes, phrases and Arabic words with clitics', () => {
    expect(concepts('inscription')).toContain('register');
    expect(concepts('combien de temps')).toContain('duration');
    expect(concepts('للسنغال')).toContain('countryName');
    expect(concepts('بالباسبور')).toContain('documents');
  });

  it('accepts a custom lexicon and finds nothing in unrelated text', () => {
    const custom = new ConceptTagger({ free: 'gratis' } as never);
    expect([...custom.conceptsOf(['gratis'])]).toEqual(['free']);
    expect(concepts('le chat dort')).toEqual([]);
  });
});
