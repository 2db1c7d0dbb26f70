import { describe, expect, it } from 'vitest';
import { CONCEPT_FRAMES, CONCEPT_LEXICON } from '../../../src/domain/nlu/conceptLexicon.js';
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

  it('knows moving an appointment, Pidgin thanks, the World Cup and stopping a return', () => {
    expect(concepts('je peux décaler mon rdv')).toContain('cancel');
    for (const text of ['tank u', 'tenkyu o', 'tanks my sister']) expect(concepts(text), text).toContain('thanks');
    expect(concepts('the world cup draw')).toContain('sport');
    for (const text of ['mon frère veut plus partir', 'on peut arrêter le dossier ?', 'i no longer want to go']) expect(concepts(text), text).toContain('voluntary');
  });

  it('finds a frame when its two words are near each other, in either order, and only when asked to', () => {
    const framed = new ConceptTagger(CONCEPT_LEXICON, CONCEPT_FRAMES);
    const framesOf = (text: string) => [...framed.conceptsOf(tokenise(text))];
    for (const text of ['ma carte de séjour elle est périmée', 'the visa ran out last year', 'expiré mon titre depuis 2020', 'الاقامه ديالي سالات'])
      expect(framesOf(text), text).toContain('undocumented');
    // Residence papers that ran out mark the undocumented concept. A passport that expired is a question of travel
    // documents; words far apart make no frame.
    expect(framesOf('mon passeport a expiré')).not.toContain('undocumented');
    expect(framesOf('mes papiers je les ai laissés chez mon oncle qui habite loin et le délai a expiré')).not.toContain('undocumented');
    for (const text of ['après je pourrai revenir travailler au maroc ?', 'can i come back later to Morocco'])
      expect(framesOf(text), text).toContain('backToMorocco');
    expect(concepts('ma carte de séjour elle est périmée')).not.toContain('undocumented');
  });

  it('hears eligibility asked as being taken, and a holiday destination as abroad', () => {
    for (const text of ['est ce que je peux être pris', 'vous prenez qui au juste', 'do i qualify']) expect(concepts(text), text).toContain('eligible');
    for (const text of ['un vol pour londres', 'ch7al tiyara l dubai', 'تذكرة الى اسطنبول']) expect(concepts(text), text).toContain('abroad');
    expect(concepts('je veux rentrer au mali')).not.toContain('abroad');
  });

  it('accepts a custom lexicon and finds nothing in unrelated text', () => {
    const custom = new ConceptTagger({ free: 'gratis' } as never);
    expect([...custom.conceptsOf(['gratis'])]).toEqual(['free']);
    expect(concepts('le chat dort')).toEqual([]);
  });
});
