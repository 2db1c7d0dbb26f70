// Lists matched where two others meet (`derived:` in locales/safety.yaml): "a kill beside a team is sport" holds for
// every team of the `team` list without a phrase per team ("tue le togo", "ghana killed them").
import type { DerivedList } from './safetySchema.js';
import type { Occurrence } from './termMatching.js';

/**
 * Adds to `found` (occurrences by owner, `w:<list>`, in message order) a match of each derived list wherever a match
 * of its first list and one of its second sit at most `gap` words apart, in either order; the new match covers both.
 * Derived lists are read in file order, so a later one may use an earlier one.
 */
export function addDerivedMatches(found: Map<string, Occurrence[]>, derived: readonly DerivedList[]): void {
  for (const { list, from, gap } of derived) {
    const firsts = found.get(`w:${from[0]}`) ?? [];
    const seconds = found.get(`w:${from[1]}`) ?? [];
    const made: Occurrence[] = [];
    for (const a of firsts) {
      for (const b of seconds) {
        const [left, right] = a.start <= b.start ? [a, b] : [b, a];
        if (right.start - left.end - 1 <= gap && right.start > left.end) made.push({ start: left.start, end: Math.max(left.end, right.end) });
      }
    }
    if (made.length === 0) continue;
    const owner = `w:${list}`;
    found.set(owner, [...(found.get(owner) ?? []), ...made].sort((x, y) => x.start - y.start || x.end - y.end));
  }
}
