import { describe, expect, it } from 'vitest';
import { freshUnderstanderIds, topicConcepts } from './freshCasesSetup.js';

// Issue 12's ninth round: the kinds of phrasing independent-holdout-8 showed the understander did not read, pinned
// with cases of our own (other words, other languages), never that set's lines.

const idOf = freshUnderstanderIds();

describe('the topic model\'s lexicon, ninth round', () => {
  it('reads Darija conditions and papers typed with a 9', () => {
    for (const text of ['chno homa chrot', 'wach fiya chourout', 'ما هي الشروط']) expect(topicConcepts(text), text).toContain('eligible');
    for (const text of ['lwara9 dyali', 'ma3ndich awra9']) expect(topicConcepts(text), text).toContain('documents');
  });

  it('tells a child alone from a traveller alone or a single file', () => {
    expect(topicConcepts('je voyage seul dans l avion ?')).not.toContain('minor');
    expect(topicConcepts('on fait un seul dossier ?')).not.toContain('minor');
    expect(topicConcepts('on fait un seul dossier pour nous 4 ?')).toContain('family');
    for (const text of ['mon neveu est seul au maroc', 'un enfant seul peut rentrer ?', 'elle vit sans ses parents']) expect(topicConcepts(text), text).toContain('minor');
  });

  it('hears where a flight leaves from, unpaid work, a word to explain and a match played', () => {
    for (const text of ['ça décolle de quelle ville', 'it leaves from which town', 'kat9la3 mn casa']) expect(topicConcepts(text), text).toContain('travel');
    for (const text of ['je travaille sans salaire', 'they never paid me', 'I work with no pay']) expect(topicConcepts(text), text).toContain('vulnerable');
    for (const text of ['ARVR ça veut dire quoi', 'the meaning of ARVR please']) expect(topicConcepts(text), text).toContain('definition');
    for (const text of ['Ghana is playing who', 'le Mali affronte qui']) expect(topicConcepts(text), text).toContain('sport');
  });
});

describe('fresh phrasing the understander reads, ninth round', () => {
  it.each([
    // a question between a greeting and thanks
    ['hello, who is IOM exactly? thank you', 'iom.who'],
    ['hi, can you erase everything you have about me. thank you', 'intent.delete_data'],
    ['السلام عليكم، واش خاص الباسبور؟ شكرا', 'avrr.documents'],
    ['bonjour, c\'est gratuit le retour ? merci beaucoup', 'avrr.cost'],
    // a greeting with the sender's name and town
    ['bonsoir c\'est Fatou de Tanger', 'intent.greeting'],
    ['salam, ana Yassine mn Oujda', 'intent.greeting'],
    // "a robot?" then a person
    ['are you a machine? put me through to a real person', 'intent.human'],
    ['wach nta robot? bghit nhder m3a chi wahed', 'intent.human'],
    // conditions and papers in Darija
    ['chno homa chrot bach nrje3 m3akom', 'avrr.eligibility'],
    ['ach khassni mn wra9 bach nsafer', 'avrr.documents'],
    // the journey: where the flight leaves from, the airport alone
    ['le vol décolle de quel aéroport ?', 'avrr.travel'],
    ['which airport do we fly from, Casablanca?', 'avrr.travel'],
    ['من أي مطار سنسافر؟', 'avrr.travel'],
    ['quelqu\'un vient avec moi à l\'aéroport ou je me débrouille seul ?', 'avrr.travel'],
    // families of several, one file
    ['on est 6 à la maison, ma femme et 4 enfants, tout le monde peut partir ?', 'avrr.family'],
    ['me, my husband and our 3 children, one application for all of us?', 'avrr.family'],
    ['mon fils de 15 ans est seul à Tanger, il peut rentrer ?', 'avrr.minors'],
    // a definition, unpaid work
    ['ARVR ça signifie quoi, je connais pas ce mot', 'avrr.what'],
    ['le patron m\'a jamais payé depuis 8 mois et il garde mes papiers, vous pouvez m\'aider ?', 'vulnerable.support'],
    ['au rendez-vous faut venir avec des photos ?', 'orientation.what'],
    // out of scope with programme words
    ['y a un hopital gratuit pour les étrangers à Rabat ?', null],
    ['kayn chi tbib fabor l lafri9iyin f casa', null],
    ['où je dépose ma demande d\'asile en Allemagne', null],
    ['how do I claim asylum in Italy', null],
    ['le Sénégal joue contre qui samedi', null],
    // Not read yet: "je veux monter un petit commerce ici à Rabat, vous aidez pour ça ?" is answered with the
    // reintegration business FAQ since the model's misspelt training copies (nlu9m) were merged with this round's
    // content, although the activityHere frame marks it (README, round 9, "Left").
    ['how much is a visa for Spain', null],
    ['chhal taman dyal lkar mn Fes l Rabat', null],
  ])('%s → %s', (text, id) => {
    expect(idOf(text)).toBe(id);
  });
});
