// Where a message's clauses start: the punctuation the detector reads to tell a turn word that opens a new part of
// the message from one inside a longer phrase ("i'm ok now, ..." vs "i dey fine, now dem dey beat me").
import { safetyTokens } from './termPattern.js';

/** What ends a clause in a message: commas and full stops, question and exclamation marks (Latin and Arabic), line breaks. */
export const CLAUSE_END = /[,.;:!?\u060C\u061B\u061F\n\r]+/;

/**
 * The indices of the message's words that start a clause (after a comma, a full stop...), or undefined when the
 * clauses' words do not add up to the message's (a contraction across a mark): then no turn is read as swallowed.
 */
export function clauseStarts(text: string, wordCount: number): Set<number> | undefined {
  const starts = new Set<number>();
  let at = 0;
  for (const clause of text.split(CLAUSE_END)) {
    starts.add(at);
    at += safetyTokens(clause).length;
  }
  return at === wordCount ? starts : undefined;
}
