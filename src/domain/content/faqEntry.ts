import type { Language } from '../../i18n/languages.js';

/**
 * A follow-up offered under an answer: another FAQ entry (`faq:<id>`) or an intent
 * (`intent.book`, `intent.human`).
 */
export type FollowUp = `faq:${string}` | `intent.${string}`;

/** One FAQ answer in one language, as loaded from `locales/<lng>/faq/*.yaml`. */
export interface FaqEntry {
  readonly id: string;
  readonly lang: Language;
  /** Short title used on buttons ("did you mean…", follow-ups); at most 24 characters. */
  readonly title: string;
  readonly examples: readonly string[];
  /** WhatsApp-ready answer: `*bold*` and line breaks allowed, at most ~700 characters. */
  readonly answer: string;
  readonly followUps: readonly FollowUp[];
}

/** Read access to the current, valid content (swapped atomically on hot reload). */
export interface ContentRepository {
  /** The entry for `id` in `lang`, or undefined. */
  entry(id: string, lang: Language): FaqEntry | undefined;
  /** Every FAQ entry of one language. */
  entries(lang: Language): readonly FaqEntry[];
}
