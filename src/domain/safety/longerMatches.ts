// A word inside a longer match that fires alone for another situation is read as part of it: "heart attack" is
// medical, not an attack. Split from safetyDetector.ts: what each match can mean, and which matches a longer one absorbs.
import { SAFETY_CATEGORIES, type SafetyCategory, type SafetyRule } from './safetySchema.js';
import type { Occurrence } from './termMatching.js';

/** Whether the match `o` of `owner` lies inside a longer match that fires alone for another situation. */
export type Absorbed = (o: Occurrence, owner: string) => boolean;

/**
 * From the rules, what each match can mean (the categories of the rules using its list, or its phrase's category)
 * and whether it can fire alone (a phrase, or the only list of a rule); returns how to find, in one message's
 * matches (`found`, by owner, over `length` words), the matches a longer one absorbs.
 */
export function longerMatchReader(rules: readonly SafetyRule[]): (found: ReadonlyMap<string, readonly Occurrence[]>, length: number) => Absorbed {
  const categoriesOf = new Map<string, Set<SafetyCategory>>();
  const solo = new Set<string>();
  for (const category of SAFETY_CATEGORIES) categoriesOf.set(`p:${category}`, new Set([category]));
  for (const category of SAFETY_CATEGORIES) solo.add(`p:${category}`);
  for (const rule of rules) {
    for (const name of rule.all) {
      const owner = `w:${name}`;
      if (!categoriesOf.has(owner)) categoriesOf.set(owner, new Set());
      categoriesOf.get(owner)!.add(rule.category);
    }
    if (rule.all.length === 1) solo.add(`w:${rule.all[0]}`);
  }
  const unrelated = (a: string, b: string): boolean => {
    const other = categoriesOf.get(b) ?? new Set();
    return ![...(categoriesOf.get(a) ?? [])].some((category) => other.has(category));
  };
  return (found, length) => {
    // Long messages have hundreds of matches: the longer matches are found by the word they cover, so the check
    // stays linear in the message length.
    const longerAt: Array<Array<Occurrence & { owner: string }>> = Array.from({ length }, () => []);
    for (const [owner, list] of found) {
      if (!solo.has(owner)) continue;
      for (const o of list) if (o.end > o.start) for (let at = o.start; at <= o.end; at++) longerAt[at]!.push({ ...o, owner });
    }
    return (o, owner) => longerAt[o.start]!.some((l) => l.owner !== owner && o.end <= l.end && l.end - l.start > o.end - o.start && unrelated(owner, l.owner));
  };
}
