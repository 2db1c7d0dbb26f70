import { describe, expect, it } from 'vitest';
import { unassertedFrames } from '../../../src/domain/safety/unassertedFrames.js';
import { safetyTokens } from '../../../src/domain/safety/termPattern.js';

/** Whether the frame over words [start, end] of `text` is asked or denied. */
function unasserted(text: string, start: number, end: number): boolean {
  return unassertedFrames(text, safetyTokens(text))({ start, end });
}

describe('unassertedFrames', () => {
  it('reads a frame in a clause ending with a question mark as asked', () => {
    // "she is fine now ? the knife is still here": "fine now" is words 2-3.
    expect(unasserted('she is fine now ? the knife is still here', 2, 3)).toBe(true);
    expect(unasserted('she is fine now, the knife is gone', 2, 3)).toBe(false);
  });

  it('reads a frame in a clause opened by a question word as asked', () => {
    expect(unasserted('is she fine now the knife is still here', 2, 3)).toBe(true);
    expect(unasserted('wach rah mzyan daba', 2, 3)).toBe(true);
  });

  it('reads a frame a question does not ask about, its condition, as asserted', () => {
    // "if i see someone" (words 4-7) is the condition of "what do i do ... ?", not what it asks.
    expect(unasserted('what do i do if i see someone hit in the street ?', 4, 7)).toBe(false);
    expect(unasserted('is he ok now or not ?', 2, 3)).toBe(true);
    // Opened by "are you", with the frame far after the opener: the question is not about it.
    expect(unasserted('are you the people who help when a man is beating his wife like in the film', 14, 16)).toBe(false);
  });

  it('reads a frame followed by a denial, in its clause or opening the next, as denied', () => {
    expect(unasserted('she is fine now no she fell again', 2, 3)).toBe(true);
    expect(unasserted('rah mzyan daba, lla, mazal', 1, 2)).toBe(true);
    // French "la" is an article: it denies only alone or before "mazal".
    expect(unasserted('il va mieux maintenant, la fievre est partie', 2, 3)).toBe(false);
  });
});
