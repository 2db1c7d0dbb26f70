// A frame the writer does not assert: asked ("il est stable maintenant ?", "is he ok now", "wach rah mzyan daba")
// or denied by what follows ("... non il saigne encore"). Such a frame tells nothing about now, so it sets nothing.
import { CLAUSE_END } from './clauseStarts.js';
import { safetyTokens } from './termPattern.js';
import type { Occurrence } from './termMatching.js';

/** {@link CLAUSE_END} kept by `split`, to see which mark ended each clause. */
const CLAUSE_END_KEPT = new RegExp(`(${CLAUSE_END.source})`);
/** The question marks (Latin and Arabic) among the clause ends. */
const QUESTION_MARK = /[?\u061F]/;

/** Words that open a yes/no question when they start the clause (normalised like the detector's words). */
const QUESTION_OPENERS = new Set(['does', 'did', 'wach', 'wash', 'واش', 'هل', 'hal']);
/** Two-word question openers: "est-ce (que)", inversions "est-il", "is he" (a bare "is fine now" is a statement). */
const QUESTION_OPENER_PAIRS = new Set(['est ce', 'est il', 'est elle', 'sont ils', 'sont elles', 'va t', 'is he', 'is she', 'is it', 'is the', 'is your', 'are they', 'are you', 'are the', 'are your', 'are we']);
/** Words a question may add after the frame it asks about ("is he ok now or not ?"). */
const ASKED_TAIL = 2;
/** How far after a question opener the frame it asks about starts ("est ce qu il est stable maintenant"). */
const OPENED_REACH = 5;
/** Words that deny what was just said, when they open what follows it. */
const DENIALS = new Set(['non', 'no', 'nope', 'nah', 'makaynch', 'makaynsh', 'lla', 'لا', 'لالا', 'ماكاينش', 'walo']);
/** Darija's "la" ("no") is also French's article: it denies only standing alone or before "mazal"/"ba9i" (still). */
const STILL_AFTER_LA = new Set(['mazal', 'ba9i', 'baqi', 'مازال', 'باقي', 'ba9a', 'mazala']);

/** One clause: its first word, its last word, and whether a question mark ends it. */
interface Clause {
  readonly start: number;
  readonly end: number;
  readonly asked: boolean;
}

/** The clauses of the message, or undefined when their words do not add up to the detector's (a glued split). */
function clausesOf(text: string, length: number): Clause[] | undefined {
  const pieces = text.split(CLAUSE_END_KEPT);
  const clauses: Clause[] = [];
  let at = 0;
  for (let i = 0; i < pieces.length; i += 2) {
    const count = safetyTokens(pieces[i]!).length;
    if (count > 0) clauses.push({ start: at, end: at + count - 1, asked: QUESTION_MARK.test(pieces[i + 1] ?? '') });
    at += count;
  }
  return at === length ? clauses : undefined;
}

/** Whether the words from `at` deny what came before ("non", "no", "la mazal"). */
function deniesAt(tokens: readonly string[], at: number, clauseEnd: number): boolean {
  const word = tokens[at];
  if (word === undefined) return false;
  if (DENIALS.has(word)) return true;
  return word === 'la' && (at === clauseEnd || STILL_AFTER_LA.has(tokens[at + 1] ?? ''));
}

/**
 * Reads which frames of a message are not asserted: what a question asks (the frame ends a clause ending with a
 * question mark, or comes right after a question word opening its clause), or followed (right after the frame, or at
 * the start of the next clause) by a denial.
 */
export function unassertedFrames(text: string, tokens: readonly string[]): (frame: Occurrence) => boolean {
  const clauses = clausesOf(text, tokens.length);
  return (frame) => {
    const index = clauses ? clauses.findIndex((c) => c.start <= frame.start && frame.start <= c.end) : -1;
    const clause = clauses?.[index] ?? { start: 0, end: tokens.length - 1, asked: false };
    // A question asks about a frame only when the frame is what it asks: "is he stable now?", not the condition of
    // "what do i do if i see someone attacked?", which still sets its part as imagined.
    if (clause.asked && clause.end - frame.end <= ASKED_TAIL) return true;
    const first = tokens[clause.start] ?? '';
    const opened = QUESTION_OPENERS.has(first) || QUESTION_OPENER_PAIRS.has(`${first} ${tokens[clause.start + 1] ?? ''}`);
    if (opened && frame.start - clause.start <= OPENED_REACH) return true;
    if (frame.end < clause.end && deniesAt(tokens, frame.end + 1, clause.end)) return true;
    const next = clauses?.[index + 1];
    return next !== undefined && frame.end >= clause.end && deniesAt(tokens, next.start, next.end);
  };
}
