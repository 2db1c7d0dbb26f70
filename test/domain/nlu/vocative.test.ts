import { beforeAll, describe, expect, it } from 'vitest';
import { createUnderstander, type HybridUnderstander } from '../../../src/domain/nlu/hybridUnderstander.js';
import { withoutGreetedGroup } from '../../../src/domain/nlu/vocative.js';
import { loadTestContent } from './loadTestContent.js';

describe('withoutGreetedGroup', () => {
  it('drops the group a greeting is said to, keeping the rest as typed', () => {
    expect(withoutGreetedGroup('Coucou la famille !')).toBe('Coucou  !');
    expect(withoutGreetedGroup('bsr les frères, je veux rentrer')).toBe('bsr , je veux rentrer');
    expect(withoutGreetedGroup('hello my people how una dey')).toBe('hello  how una dey');
  });

  it('keeps a family that is not the one greeted', () => {
    expect(withoutGreetedGroup('bonjour ma famille veut rentrer')).toBe('bonjour ma famille veut rentrer');
    expect(withoutGreetedGroup('je veux rentrer avec la famille')).toBe('je veux rentrer avec la famille');
    expect(withoutGreetedGroup('salut la familledupont')).toBe('salut la familledupont');
  });
});

describe('a greeting said to a group', () => {
  let understander: HybridUnderstander;
  beforeAll(() => {
    understander = createUnderstander(loadTestContent('locales'));
  });

  it('is a greeting, not a question about family returns', () => {
    for (const text of ['coucou la famille', 'Bjr la famille !!', 'yo la mif', 'salam la famille, ça va ?']) expect(understander.understand(text).id, text).toBe('intent.greeting');
  });

  it('still hears the question that follows it', () => {
    expect(understander.understand('bonsoir la famille, je peux rentrer avec ma femme et mes deux enfants ?').id).toBe('avrr.family');
  });
});
