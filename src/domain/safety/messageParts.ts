// The parts of a message: a "but" (mais, walakin) starts a new one, and a frame (a film, the news, years ago) sets
// what is told in its part, and before it, as not happening now. Split from safetyDetector.ts.
import { clauseStarts } from './clauseStarts.js';
import type { Occurrence } from './termMatching.js';
import { unassertedFrames } from './unassertedFrames.js';

/** The turn and frame matches of one message, and the matches that can swallow a turn word. */
export interface PartSigns {
  /** The message as read (cut to the detector's length), for its punctuation. */
  readonly text: string;
  readonly length: number;
  /** Where a turn word matched. */
  readonly turns: readonly number[];
  readonly frames: readonly Occurrence[];
  readonly ignored: readonly Occurrence[];
  /** The `unless` matches kept: with the frames, they may hold a turn word ("ok now"). */
  readonly unless: () => readonly Occurrence[];
  /** The message's words as the detector reads them: with them, a frame asked or denied sets nothing. */
  readonly tokens?: readonly string[];
}

/** How a message divides into parts, and which of them are framed. */
export interface MessageParts {
  /** The part word `at` is in (0 for the first; parts after the message's end are its last). */
  partOf(at: number): number;
  /** The last part a frame sets, or -1. */
  readonly lastFramed: number;
}

/**
 * The parts of a message. The words of a story before a turn do not cancel an emergency told after it, while what
 * follows it can still qualify what came before ("…but that was last year"). A turn word inside a longer frame or
 * `unless` match, with no comma or full stop before it, is part of that match, not a turn: in "i'm ok now, what help
 * do you give" the "now" of "ok now" does not start a new part the "ok now" would not qualify; in "i dey fine, now
 * dem dey beat me" it does. A frame inside a longer ignored phrase ("ce n'est pas une blague") sets nothing, nor
 * does one asked or denied ("il est stable maintenant ? non il saigne encore", {@link unassertedFrames}).
 */
export function messageParts(signs: PartSigns): MessageParts {
  const { text, length, turns, frames, ignored } = signs;
  const qualifying = turns.length > 0 ? [...frames, ...signs.unless()] : [];
  const starts = qualifying.length > 0 ? clauseStarts(text, length) : undefined;
  const swallowed = (t: number): boolean => starts !== undefined && !starts.has(t) && qualifying.some((o) => o.start < t && t <= o.end);
  const turnsUpTo = new Array<number>(length + 1).fill(0);
  for (const t of turns) if (!swallowed(t)) turnsUpTo[t + 1]!++;
  for (let at = 1; at <= length; at++) turnsUpTo[at]! += turnsUpTo[at - 1]!;
  const partOf = (at: number): number => turnsUpTo[Math.min(at + 1, length)]!;
  const unasserted = signs.tokens && frames.length > 0 ? unassertedFrames(text, signs.tokens) : () => false;
  const framesKept = frames.filter((f) => !ignored.some((o) => o.start <= f.start && f.end <= o.end && o.end - o.start > f.end - f.start) && !unasserted(f));
  const lastFramed = framesKept.length ? Math.max(...framesKept.map((o) => partOf(o.start))) : -1;
  return { partOf, lastFramed };
}
