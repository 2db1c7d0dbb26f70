import { describe, expect, it } from 'vitest';
import { firstOfTwoQuestions } from '../../../src/domain/nlu/twoQuestions.js';

describe('firstOfTwoQuestions', () => {
  it('finds the first of two questions joined by "and"', () => {
    expect(firstOfTwoQuestions('le billet est offert et ça prend combien de semaines ?')).toBe('le billet est offert');
    expect(firstOfTwoQuestions('can my kids come with me and how long is the wait')).toBe('can my kids come with me');
    expect(firstOfTwoQuestions('wach kayn lflous mnin nwsel w chhal dyal lwaqt')).toBe('wach kayn lflous mnin nwsel');
    // "and must I…" asks a second thing too
    expect(firstOfTwoQuestions('y a une agence à Fès et faut-il réserver avant de passer ?')).toBe('y a une agence à Fès');
    expect(firstOfTwoQuestions('does your Tangier branch open at weekends and must I book first')).toBe('does your Tangier branch open at weekends');
  });

  it('leaves alone one question, a condition and a long message', () => {
    expect(firstOfTwoQuestions('je veux rentrer avec ma femme et mes enfants')).toBeNull();
    expect(firstOfTwoQuestions('si je pars et ça se passe mal là-bas, je peux revenir ?')).toBeNull();
    expect(firstOfTwoQuestions(`${'je vous raconte mon histoire '.repeat(6)}et combien de temps ça prend`)).toBeNull();
  });
});
