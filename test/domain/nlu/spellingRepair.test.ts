import { describe, expect, it } from 'vitest';
import { createSpellingRepair } from '../../../src/domain/nlu/spellingRepair.js';

const repair = createSpellingRepair([
  { lang: 'fr', text: 'je veux rentrer au Maroc, est-ce que le billet est gratuit ?' },
  { lang: 'fr', text: 'je veux annuler mon rendez-vous, tout va bien' },
  { lang: 'fr', text: "quelle est la chose la plus simple, c'est ça" },
  { lang: 'en', text: 'I have no money, can you help me go home? bye' },
  { lang: 'en', text: 'how much money for the ticket' },
  { lang: 'ar', text: 'بغيت حجز موعد' },
  { lang: 'ar', text: 'li bghit' },
]);

describe('createSpellingRepair', () => {
  it('parts two words of one language glued by a missing space', () => {
    expect(repair('jeveux rentrer')).toBe('je veux rentrer');
    expect(repair('can youhelp me')).toBe('can you help me');
    expect(repair('بغيت حجزموعد')).toBe('بغيت حجز موعد');
    expect(repair('cest gratuit')).toBe('c est gratuit');
  });

  it('rewrites a word one keystroke from a content word: a neighbouring key, a letter dropped, added or swapped inside', () => {
    expect(repair('no monry')).toBe('no money');
    expect(repair('annulrr mon rdv')).toBe('annuler mon rdv');
    expect(repair('the tikcet')).toBe('the ticket');
    expect(repair('rentrrer')).toBe('rentrer');
  });

  it('leaves known words, short words, names, inflections and far-apart letters as typed', () => {
    for (const text of ['je veux rentrer au Maroc', 'mama', 'Ziguinchor', 'toutes', 'they chase me', 'libye', 'BILLET']) expect(repair(text), text).toBe(text);
  });
});
