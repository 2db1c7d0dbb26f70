import type { Language } from '../../i18n/languages.js';
import type { SafetyContent } from '../safety/safetyContent.js';
import type { SafetyExamples } from '../safety/safetyExamplesLoader.js';
import type { FaqEntry } from './faqEntry.js';

/**
 * The topic catalogue (`locales/catalogue.yaml`): every id the assistant must recognise,
 * each with a one-line description for content authors.
 */
export interface Catalogue {
  /** FAQ ids (`avrr.cost`, ...) → description. Every one needs an entry in every shipped locale. */
  readonly faq: Readonly<Record<string, string>>;
  /** Intent ids (`intent.book`, ...) → description. Every one needs examples in every shipped locale. */
  readonly intent: Readonly<Record<string, string>>;
}

/**
 * Example phrasings of one intent in one language, from `locales/<lng>/intents.yaml`.
 * `id` is a catalogue intent id, or the special `out_of_scope` (off-topic examples that must get "I don't know").
 */
export interface IntentExamples {
  readonly id: string;
  readonly lang: Language;
  readonly examples: readonly string[];
}

/**
 * All content of all languages, validated and immutable. The content store swaps the whole
 * snapshot at once on hot reload, so readers never see half an edit.
 */
export interface ContentSnapshot {
  /** Every FAQ entry of every language. */
  readonly faq: readonly FaqEntry[];
  /** Every intent's examples of every language (including `out_of_scope` when present). */
  readonly intents: readonly IntentExamples[];
  readonly catalogue: Catalogue;
  /** The safety detector's rules, words, phrases and emergency replies. */
  readonly safety: SafetyContent;
  /** The learned safety layer's example corpus (`<lng>/safety-examples.yaml`), for the languages that have one. */
  readonly safetyExamples: readonly SafetyExamples[];
}
