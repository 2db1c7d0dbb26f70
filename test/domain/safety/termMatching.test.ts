import { describe, expect, it } from 'vitest';
import { matchFrom, ownersOf, ruleFires, type CompiledTerm, type MessageWords, type Occurrence } from '../../../src/domain/safety/termMatching.js';
import { parseTerm, safetyTokens } from '../../../src/domain/safety/termPattern.js';
import type { SafetyRule } from '../../../src/domain/safety/safetySchema.js';

/** A term as the detector compiles it, without the spelling tolerance (no keys). */
function term(text: string, strict = false): CompiledTerm {
  const { words } = parseTerm(text);
  return { words, owners: ['w:test'], strict, langs: ['en'], keys: words.map(() => []) };
}

/** A message's words with no other forms. */
function message(text: string): MessageWords {
  const tokens = safetyTokens(text);
  return { tokens, bare: tokens.map(() => ''), keys: tokens.map(() => []), near: tokens.map(() => []) };
}

describe('matchFrom', () => {
  it('matches a term word by word, and fails when its second word does not follow', () => {
    const words = message('i think he can not breathe');
    expect(matchFrom(term('not breathe'), words, 4)).toBe(5);
    expect(matchFrom(term('not breathe'), words, 3)).toBe(-1);
    // The second word fits at the next word but the first one does not fit here.
    expect(matchFrom(term('can breathe'), words, 4)).toBe(-1);
  });

  it('fails on the last word of the message when the term needs a second one', () => {
    expect(matchFrom(term('breathe now'), message('he does not breathe'), 3)).toBe(-1);
    expect(matchFrom(term('breathe'), message('he does not breathe'), 3)).toBe(3);
  });

  it('lets a gap in before a word marked "..."', () => {
    const words = message('he wants really badly to kill me');
    expect(matchFrom(term('wants ... kill'), words, 1)).toBe(5);
    expect(matchFrom(term('wants kill'), words, 1)).toBe(-1);
  });

  it('matches a bare form only when there is one', () => {
    const tokens = ['x', 'y'];
    const withBare: MessageWords = { tokens, bare: ['', 'z'], keys: [[], []], near: [[], []] };
    expect(matchFrom(term('x z'), withBare, 0)).toBe(1);
    expect(matchFrom(term('x y'), withBare, 0)).toBe(1);
  });
});

describe('safetyTokens', () => {
  it('reads a word that names a property of plain objects as a word (it used to throw)', () => {
    expect(safetyTokens('my constructor is here')).toEqual(['my', 'constructor', 'is', 'here']);
  });

  it('still spells out negative contractions and splits the glued Darija negation', () => {
    expect(safetyTokens("he won't wake up")).toEqual(['he', 'will', 'not', 'wake', 'up']);
    expect(safetyTokens('he dont move')).toEqual(['he', 'do', 'not', 'move']);
    expect(safetyTokens('makayjawbch')).toEqual(['ma', 'kayjawbch']);
    expect(safetyTokens('machi mochkil')).toEqual(['machi', 'mochkil']);
  });
});

describe('ruleFires', () => {
  const rule = (all: string[], unless: string[] = []): SafetyRule => ({ id: 'danger.test', category: 'danger', all, within: 4, unless });
  const at = (...starts: number[]): Occurrence[] => starts.map((start) => ({ start, end: start }));

  it('works out once per rule object what the rule needs, each list once with its count', () => {
    const twice = rule(['hit', 'hit', 'now']);
    expect(ownersOf(twice)).toBe(ownersOf(twice));
    expect(ownersOf(twice)).toEqual({ needs: [{ owner: 'w:hit', count: 2 }, { owner: 'w:now', count: 1 }], unless: [] });
  });

  it('reads the lists of a new rule object, as a content reload makes, not those of the old one', () => {
    const lists: Record<string, Occurrence[]> = { 'w:hit': at(0), 'w:now': at(1), 'w:film': at(3) };
    const live = (owner: string) => lists[owner] ?? [];
    const partOf = () => 0;
    expect(ruleFires(rule(['hit', 'now']), live, live, partOf)).toBe(true);
    expect(ruleFires(rule(['hit', 'now'], ['film']), live, live, partOf)).toBe(false);
    expect(ruleFires(rule(['hit', 'gone']), live, live, partOf)).toBe(false);
  });
});
