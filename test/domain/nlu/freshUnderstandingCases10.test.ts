import { describe, expect, it } from 'vitest';
import { freshUnderstanderIds, topicConcepts } from './freshCasesSetup.js';

// Issue 12's tenth round: the kinds of phrasing independent-holdout-9 (and -6 to -8) showed the understander did not
// read, pinned with cases of our own (other words, other people, other places), never those sets' lines.

const idOf = freshUnderstanderIds();

describe('the topic model\'s lexicon, tenth round', () => {
  it('hears data destroyed as data erased', () => {
    for (const text of ['détruisez mes informations', 'je veux que tout soit détruit']) expect(topicConcepts(text), text).toContain('erase');
  });
});

describe('fresh phrasing the understander reads, tenth round', () => {
  it.each([
    // "what is it" about a return helped by an organisation (not who the organisation is)
    ['ma tante est rentrée au Togo avec l\'aide d\'un organisme, ce programme c\'est quoi en fait ?', 'avrr.what'],
    ['شي منظمة عاونات ولد عمي يرجع لبلادو، شنو هاد البرنامج؟', 'avrr.what'],
    // the papers to bring for the file
    ['quels papiers il faut ramener pour le dossier de retour', 'avrr.documents'],
    // not sure any more, ashamed to go home empty-handed: stopping
    ['j\'ai honte de rentrer les mains vides, je veux tout arrêter, c\'est permis ?', 'avrr.voluntary'],
    ['je sais plus si je veux partir, je peux abandonner maintenant ?', 'avrr.voluntary'],
    // a change of plane and who guides a first-time flyer
    ['j\'ai un changement d\'avion à Casa, qui va m\'orienter, je n\'ai jamais voyagé en avion', 'avrr.travel'],
    // left alone once home
    ['après l\'arrivée au pays vous laissez tomber les gens ?', 'reintegration.what'],
    // a business here in Morocco (out of scope) against one at home
    ['je veux monter un business ici à Marrakech, pas chez moi, vous financez ça ?', null],
    ['une fois au Niger je veux ouvrir un commerce, vous aidez ?', 'reintegration.business'],
    // support for the morale after the return
    ['après le retour il y a un soutien pour le moral ?', 'reintegration.psychosocial'],
    // a country beyond West Africa, coming back to Morocco after the programme
    ['vous faites le retour vers l\'Érythrée ou non ?', 'avrr.countries'],
    ['هل أستطيع دخول المغرب مرة أخرى بعد أن أستفيد من البرنامج؟', 'avrr.comeback'],
    // a name taken off a list, data destroyed
    ['supprimez mon nom de votre liste svp', 'intent.delete_data'],
    ['je veux que mes informations soient détruites', 'intent.delete_data'],
    // Pidgin booking, an office nearer than the one named
    ['abeg fix me appointment for next week', 'intent.book'],
    ['Oujda c\'est trop loin pour moi, vous avez un bureau ailleurs ?', 'orientation.locations'],
    // papers for a school here: out of scope
    ['which documents does the school want to enrol my kid here?', null],
  ])('%s → %s', (text, id) => {
    expect(idOf(text)).toBe(id);
  });
});
