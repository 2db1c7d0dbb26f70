import { describe, expect, it } from 'vitest';
import { applyNeighbourRules } from '../../../src/domain/nlu/neighbourRules.js';
import { freshUnderstanderIds } from './freshCasesSetup.js';

// Issue 12's twelfth round, the decision side: kinds of phrasing independent-holdout-10 showed the model's ranking gets
// wrong between near neighbours (neighbourRules.ts), pinned with cases of our own, never that set's lines.

const idOf = freshUnderstanderIds();

describe('fresh phrasing decided between near neighbours, twelfth round', () => {
  it.each([
    // how the data is used, no removal asked
    ['vous utilisez comment les informations que je vous donne ?', 'privacy.data'],
    ['كيفاش كتستعملو المعطيات ديالي؟', 'privacy.data'],
    // names or data handed to the state
    ['is it true the IOM shares our names with the police?', 'privacy.data'],
    ["l'OIM transmet nos noms au gouvernement, c'est vrai ?", 'privacy.data'],
    ["l'OIM travaille avec le gouvernement marocain ?", 'iom.who'],
    // the kit for a trade, not the cash; both named, the cash question
    ['pour ma boutique à Lomé vous fournissez les outils ?', 'reintegration.business'],
    ['you give money or only equipment?', 'reintegration.money'],
    // a condition of who may take part
    ["c'est uniquement pour ceux qui ont un passeport ?", 'avrr.eligibility'],
    ['est-ce que ma femme et moi on remplit vos critères ?', 'avrr.eligibility'],
  ])('%s → %s', (text, id) => {
    expect(idOf(text)).toBe(id);
  });
});

describe('the twelfth round\'s rules stay in their frame', () => {
  const ranking = (...ids: string[]) => ids.map((id, k) => ({ id, score: 0.5 - k * 0.1 }));
  it('keeps a removal request a deletion even when it says how the data is used', () => {
    const ranked = ranking('intent.delete_data', 'privacy.data');
    expect(applyNeighbourRules('supprimez les données que vous utilisez', ranked)[0]!.id).toBe('intent.delete_data');
  });
  it('moves a question on how the data is used to the data question', () => {
    const ranked = ranking('intent.delete_data', 'privacy.data');
    expect(applyNeighbourRules('how do you use my data', ranked)[0]!.id).toBe('privacy.data');
  });
  it('reads signing oneself up as registering, unless a feeling is told', () => {
    const ranked = ranking('reintegration.psychosocial', 'avrr.register');
    expect(applyNeighbourRules('فين نقدر نسجل راسي؟', ranked)[0]!.id).toBe('avrr.register');
    expect(applyNeighbourRules('أنا خايف، واش نسجل راسي؟', ranked)[0]!.id).toBe('reintegration.psychosocial');
  });
  it('keeps "cash or kit" the money question', () => {
    const ranked = ranking('reintegration.money', 'reintegration.business');
    expect(applyNeighbourRules('en espèces ou en matériel ?', ranked)[0]!.id).toBe('reintegration.money');
    expect(applyNeighbourRules('vous donnez les machines ?', ranked)[0]!.id).toBe('reintegration.business');
  });
});
