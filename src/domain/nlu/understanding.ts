import type { Language } from '../../i18n/languages.js';

/** One candidate topic or intent with its confidence in [0, 1]. */
export interface Candidate {
  /** A catalogue id: `avrr.cost`, `intent.book`, ... */
  readonly id: string;
  readonly score: number;
}

/** What the assistant understood of one message. */
export interface Understanding {
  /** Language to answer in (for a request to switch language, the language asked for). */
  readonly lang: Language;
  /** Best catalogue id when confident, otherwise null ("I don't know" or "did you mean"). */
  readonly id: string | null;
  /** Confidence of the best candidate, in [0, 1]. */
  readonly score: number;
  /** Best candidates, highest first (at most 3); used for "did you mean…" when `id` is null. */
  readonly candidates: readonly Candidate[];
}

/** Context the understander may use; all optional. */
export interface UnderstandingContext {
  /** Language the conversation currently uses. */
  readonly currentLanguage?: Language;
}

/** Maps a user's free text to a catalogue id and a reply language. */
export interface MessageUnderstander {
  understand(text: string, context?: UnderstandingContext): Understanding;
}
