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

  it('reads French typed without apostrophes and its phonetic spellings', () => {
    for (const text of ['faut sinscrire ou', 'je veux minskrir', 'linscription svp', 'on peut sinkrir']) expect(concepts(text), text).toContain('register');
    expect(concepts('ma demande dasile')).toContain('refugee');
    expect(concepts('il veut mexpulser')).toContain('voluntary');
    expect(concepts('loim fait quoi')).toContain('iom');
    expect(concepts('maroc')).toEqual([]);
  });

  it('knows moving an appointment, Pidgin thanks and the World Cup', () => {
    expect(concepts('je peux décaler mon rdv')).toContain('cancel');
    for (const text of ['tank u', 'tenkyu o', 'tanks my sister']) expect(concepts(text), text).toContain('thanks');
    expect(concepts('the world cup draw')).toContain('sport');
  });

  it('accepts a custom lexicon and finds nothing in unrelated text', () => {
    const custom = new ConceptTagger({ free: 'gratis' } as never);
    expect([...custom.conceptsOf(['gratis'])]).toEqual(['free']);
    expect(concepts('le chat dort')).toEqual([]);
  });
});
