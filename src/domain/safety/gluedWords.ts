// Words typed without spaces ("monvoisinestparterre", "mydadisshakingonthefloor"): on an old phone or in a hurry
// people skip the space bar, and a whole cry becomes one token that no term can match.

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
  const n = token.length;
  const cost = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number>(n + 1).fill(-1);
  const isWord = new Array<boolean>(n + 1).fill(false);
  cost[0] = 0;
  for (let end = 1; end <= n; end++) {
    // One uncovered letter.
    if (cost[end - 1]! + 1 < cost[end]!) {
      cost[end] = cost[end - 1]! + 1;
      from[end] = end - 1;
      isWord[end] = false;
    }
    for (let start = Math.max(0, end - MAX_WORD); start <= end - 2; start++) {
      if (cost[start]! + 1 < cost[end]! && known.has(token.slice(start, end))) {
        cost[end] = cost[start]! + 1;
        from[end] = start;
        isWord[end] = true;
      }
    }
  }
  const pieces: Array<{ text: string; word: boolean }> = [];
  for (let end = n; end > 0; end = from[end]!) pieces.unshift({ text: token.slice(from[end]!, end), word: isWord[end]! });
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
