import { describe, expect, it } from 'vitest';
import { addDerivedMatches } from '../../../src/domain/safety/derivedLists.js';
import type { Occurrence } from '../../../src/domain/safety/termMatching.js';

const SPORT = [{ list: 'sport', from: ['kill', 'team'] as [string, string], gap: 1 }];

/** The `sport` matches derived from kill and team matches at the given word spans. */
function sportOf(kill: Occurrence[], team: Occurrence[]): Occurrence[] | undefined {
  const found = new Map<string, Occurrence[]>([['w:kill', kill], ['w:team', team]]);
  addDerivedMatches(found, SPORT);
  return found.get('w:sport');
}

describe('addDerivedMatches', () => {
  it('matches where the two lists meet, in either order, covering both', () => {
    // "le benin a tue le togo": team 0-1, kill 3, team 4-5.
    expect(sportOf([{ start: 3, end: 3 }], [{ start: 0, end: 1 }, { start: 4, end: 5 }])).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 5 },
    ]);
  });

  it('matches nothing when more than `gap` words part them, or one list is absent', () => {
    // "they will kill us in mali": kill 2, team 5.
    expect(sportOf([{ start: 2, end: 2 }], [{ start: 5, end: 5 }])).toBeUndefined();
    expect(sportOf([{ start: 2, end: 2 }], [])).toBeUndefined();
  });

  it('adds to matches the list already has, kept in message order', () => {
    const found = new Map<string, Occurrence[]>([['w:kill', [{ start: 1, end: 1 }]], ['w:team', [{ start: 2, end: 2 }]], ['w:sport', [{ start: 0, end: 0 }, { start: 6, end: 7 }]]]);
    addDerivedMatches(found, SPORT);
    expect(found.get('w:sport')).toEqual([{ start: 0, end: 0 }, { start: 1, end: 2 }, { start: 6, end: 7 }]);
  });
});
