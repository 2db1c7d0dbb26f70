import type { Language } from '../../i18n/languages.js';
import type { DerivedList, SafetyCategory, SafetyRule } from './safetySchema.js';

/** The emergency reply of one language: `default`, optional per-category texts, and the closing `notice`. */
export type SafetyReply = { readonly default: string; readonly notice: string } & Partial<Readonly<Record<SafetyCategory, string>>>;

/** What one `locales/<lng>/safety.yaml` holds, validated. */
export interface SafetyLanguage {
  readonly lang: Language;
  readonly reply: SafetyReply;
  /** Phrases that mean an emergency on their own, by category. */
  readonly phrases: Partial<Readonly<Record<SafetyCategory, readonly string[]>>>;
  /** Word lists by name, combined by the rules. */
  readonly words: Readonly<Record<string, readonly string[]>>;
  /** Ordinary phrases whose words trigger nothing. */
  readonly ignore: readonly string[];
  /** Words after which a new part of the message starts ("but", "mais"): earlier words do not cancel later rules. */
  readonly turn?: readonly string[];
  /** Words that set the story in a film, the news or long ago: nothing fires in their part or the parts before. */
  readonly frame?: readonly string[];
}

/**
 * All safety content, validated and immutable: the language-neutral rules of `locales/safety.yaml`
 * and each language's words, phrases and reply. Part of the content snapshot, so it hot-reloads with
 * the FAQ and a bad edit is refused as a whole.
 */
export interface SafetyContent {
  readonly rules: readonly SafetyRule[];
  /** Lists matched where two others meet (`derived:` in `locales/safety.yaml`); none when absent. */
  readonly derived?: readonly DerivedList[];
  readonly languages: readonly SafetyLanguage[];
}
