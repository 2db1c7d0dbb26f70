import { EMERGENCY_INTENT } from '../safety/emergencyIntent.js';
import { APPOINTMENT_RULES } from './appointmentNeighbours.js';
import { DATA_QUESTION_RULES, DATA_REMOVAL_RULES } from './dataNeighbours.js';
import { HUMAN_RULES } from './humanNeighbours.js';
import type { NeighbourRule } from './neighbourRuleShape.js';
import { normalise } from './normalise.js';
import { PROGRAMME_RULES } from './programmeNeighbours.js';
import { KIT_AND_SIGN_UP_RULES, TAKING_PART_RULES } from './takingPartNeighbours.js';
import type { Candidate } from './understanding.js';

export type { NeighbourRule } from './neighbourRuleShape.js';

/** The neighbour rules, in the order they are tried (the first that applies decides). */
export const NEIGHBOUR_RULES: readonly NeighbourRule[] = [
  ...APPOINTMENT_RULES,
  ...DATA_REMOVAL_RULES,
  ...HUMAN_RULES,
  ...PROGRAMME_RULES,
  ...TAKING_PART_RULES,
  ...DATA_QUESTION_RULES,
  ...KIT_AND_SIGN_UP_RULES,
];

/** Characters of a long message the rules read: its opening and its end (where a story's question is), as the model does. */
export const RULES_READ_CHARS = 400;

/** Bare "I don't want it any more" messages are short; longer ones are not read by that rule (it is anchored anyway). */
const BARE_MAX_CHARS = 60;

/**
 * `ranked` (best first) with the first applicable rule's id put first: it takes the best candidate's score and
 * the best candidate its own, so the scores stay those the model gave. Unchanged when no rule applies. The
 * message is normalised only when a rule's ids fit the ranking (most messages cost one look at the ranking),
 * and a long message only by its opening and its end ({@link RULES_READ_CHARS}).
 */
export function applyNeighbourRules(text: string, ranked: readonly Candidate[], rules: readonly NeighbourRule[] = NEIGHBOUR_RULES): readonly Candidate[] {
  const best = ranked[0];
  // A possible emergency is never argued away by a phrasing rule.
  if (!best || best.id === EMERGENCY_INTENT) return ranked;
  let normalised: string | undefined;
  const read = () =>
    (normalised ??= normalise(text.length > RULES_READ_CHARS ? `${text.slice(0, RULES_READ_CHARS / 2)} ${text.slice(-RULES_READ_CHARS / 2)}` : text));
  for (const rule of rules) {
    if (rule.from.length > 0 && !rule.from.includes(best.id)) continue;
    if (rule.from.length === 0 && rule.within === Infinity && text.length > BARE_MAX_CHARS) continue;
    if (best.id === rule.to) continue;
    const at = ranked.findIndex((c) => c.id === rule.to);
    if (at < 0 || at > rule.within) continue;
    if (!rule.applies(read())) continue;
    const promoted = [...ranked];
    const target = promoted[at]!;
    promoted[at] = { id: best.id, score: target.score };
    promoted[0] = { id: target.id, score: best.score };
    return promoted;
  }
  return ranked;
}
