// Words typed without spaces ("monvoisinestparterre", "mydadisshakingonthefloor"): on an old phone or in a hurry
// people skip the space bar, and a whole cry becomes one token that no term can match.
import { cheapestSegmentation } from './wordSegmentation.js';

/** Letters a token needs before it is read as words glued together: ordinary long words stay whole. */
export const GLUED_MIN_LETTERS = 18;

/** Longest known word tried inside a glued token. */
const MAX_WORD = 16;

/** Only Latin letters are split: Arabic script glues its prefixes on purpose, and the detector reads those. */
const LATIN_ONLY = /^[a-z]+$/;

/**
 * `tokens` with every long Latin token ({@link GLUED_MIN_LETTERS} letters or more) cut into the words of `known`
 * it is made of, by the fewest pieces: a known word (two letters or more) counts one piece, every letter no known
 * word covers counts one too, and the uncovered letters next to each other stay together as one token. A token
 * that cannot be cut into at least two known words is kept whole. Linear in the token's length.
 */
export function splitGlued(tokens: readonly string[], known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    if (token.length < GLUED_MIN_LETTERS || !LATIN_ONLY.test(token)) out.push(token);
    else out.push(...cut(token, known));
  }
  return out;
}

/** The cheapest cut of `token` into known words and uncovered runs ({@link splitGlued}). */
function cut(token: string, known: ReadonlySet<string>): string[] {
  const pieces = cheapestSegmentation(token, {
    longestWord: MAX_WORD,
    shortestWord: 2,
    wordCost: (piece) => (known.has(piece) ? 1 : undefined),
    letterCost: 1,
  })!;
  const words: string[] = [];
  let run = '';
  for (const piece of pieces) {
    if (piece.word) {
      if (run) words.push(run);
      run = '';
      words.push(piece.text);
    } else run += piece.text;
  }
  if (run) words.push(run);
  return pieces.filter((p) => p.word).length >= 2 ? words : [token];
}
