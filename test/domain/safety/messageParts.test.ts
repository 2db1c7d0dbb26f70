import { describe, expect, it } from 'vitest';
import { messageParts } from '../../../src/domain/safety/messageParts.js';
import { safetyTokens } from '../../../src/domain/safety/termPattern.js';

/** The parts of `text` with turns, frames and `unless` matches given by word index. */
function parts(text: string, signs: { turns?: number[]; frames?: Array<[number, number]>; ignored?: Array<[number, number]>; unless?: Array<[number, number]> }) {
  const span = ([start, end]: [number, number]) => ({ start, end });
  return messageParts({
    text,
    length: safetyTokens(text).length,
    turns: signs.turns ?? [],
    frames: (signs.frames ?? []).map(span),
    ignored: (signs.ignored ?? []).map(span),
    unless: () => (signs.unless ?? []).map(span),
  });
}

describe('messageParts', () => {
  it('starts a new part at each turn word and marks the last part a frame sets', () => {
    // "it was in the film but now he hits me": a frame in part 0, a turn at word 5.
    const read = parts('it was in the film but now he hits me', { turns: [5], frames: [[2, 4]] });
    expect([0, 4, 5, 9].map(read.partOf)).toEqual([0, 0, 1, 1]);
    expect(read.lastFramed).toBe(0);
  });

  it('reads a turn word inside a longer qualifying match, with no comma before it, as part of that match', () => {
    // "i am ok now what help do you give": "now" (word 3) is inside "ok now" (words 2-3): no new part.
    expect(parts('i am ok now what help do you give', { turns: [3], unless: [[2, 3]] }).partOf(8)).toBe(0);
    // After a comma the same word starts a part.
    expect(parts('i am ok, now what help do you give', { turns: [3], unless: [[2, 3]] }).partOf(8)).toBe(1);
  });

  it('sets nothing for a frame inside a longer ignored phrase', () => {
    expect(parts('this is not a joke he has a knife', { frames: [[3, 4]], ignored: [[2, 4]] }).lastFramed).toBe(-1);
  });
});
