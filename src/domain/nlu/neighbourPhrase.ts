/**
 * The building blocks of the neighbour rules' frames: whole-word alternatives, patterns compiled once, and one
 * phrase followed by another within a few words. They read the normalised message (normalise.ts).
 */

/** A regular expression matching any of `alternatives` as whole words (alternatives are regex sources). */
export function words(...alternatives: string[]): string {
  return String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(?![\p{L}\p{N}])`;
}

/** Each pattern compiled once (the rules' tests ask for the same few over and over). */
const compiled = new Map<string, RegExp>();
/** `source` compiled as a Unicode regular expression, the same object each time it is asked for. */
export function has(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source, 'u')));
  return re;
}

/** `first`, then `second` within `gap` words. */
export function near(first: string, second: string, gap = 4): RegExp {
  return has(String.raw`${first}(?:\s+\S+){0,${gap}}?\s+${second}`);
}
