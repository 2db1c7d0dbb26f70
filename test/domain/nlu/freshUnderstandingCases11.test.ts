import { describe, expect, it } from 'vitest';
import { freshUnderstanderIds, topicConcepts } from './freshCasesSetup.js';

// Issue 12's twelfth round: the kinds of phrasing independent-holdout-10 showed the understander did not read, pinned
// with cases of our own (other words, other people, other places), never that set's lines.

const idOf = freshUnderstanderIds();

describe('the topic model\'s lexicon, twelfth round', () => {
  it('hears an age told as "a boy of 16" as a minor', () => {
    expect(topicConcepts('a boy of 16 is here')).toContain('minor');
    expect(topicConcepts('I came here 16 years ago')).not.toContain('minor');
  });
  it('hears fingerprints as the data, machines as the business kit, a trick run away from as trafficking', () => {
    expect(topicConcepts('mes empreintes digitales')).toContain('privacy');
    expect(topicConcepts('les machines pour mon atelier')).toContain('business');
    expect(topicConcepts('they tricked me and I escaped')).toContain('vulnerable');
  });
});

describe('fresh phrasing the understander reads, twelfth round', () => {
  it.each([
    // fingerprints taken for the file
    ['vos machines à empreintes, ça garde mes doigts pour toujours ?', 'privacy.data'],
    // a false job offer one escaped from
    ['a woman lied about a cleaning job in Agadir, I escaped from her flat. can you support me?', 'vulnerable.support'],
    // the equipment for a trade back home
    ['back in Kumasi I want a welding shop, will you buy the machines?', 'reintegration.business'],
    // a date to be home by
    ["il faut que je sois rentré avant septembre, si je m'inscris demain j'aurai le temps ?", 'avrr.duration'],
    // a child of a given age alone
    ['a boy of 16 sleeps at the bus station alone, his people are in Sierra Leone, how can he be sent back?', 'avrr.minors'],
    // who takes one from the airport to the village
    ['ملي نوصل لكوناكري، شكون يديني للدوار ديالي؟', 'avrr.travel'],
    // the organisation and the refugee agency told apart
    ['vous et le HCR, quelle différence au juste ?', 'iom.who'],
    // an appointment asked with "caler"
    ['vous pouvez me caler un rendez-vous vendredi matin ?', 'intent.book'],
    // a football result: out of scope
    ['le Mali a battu la Guinée hier ?', null],
  ])('%s → %s', (text, id) => {
    expect(idOf(text)).toBe(id);
  });
});
