import { OUT_OF_SCOPE_ID } from '../content/contentSchema.js';
import type { LabelledExample } from './evaluation.js';
import type { MatcherContent } from './matcher.js';

/** Splits `examples` into `folds` interleaved folds (deterministic: example i goes to fold i mod folds). */
export function interleavedFolds<T>(examples: readonly T[], folds: number): T[][] {
  const out: T[][] = Array.from({ length: folds }, () => []);
  examples.forEach((e, i) => out[i % folds]!.push(e));
  return out;
}

const comparable = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The content without any example equal to one of `held` (so a fold is never scored by a model that saw it,
 * even once its lines have been copied into the content), plus `extra` as intent examples (null → `out_of_scope`).
 */
export function foldContent(content: MatcherContent, held: readonly LabelledExample[], extra: readonly LabelledExample[]): MatcherContent {
  const out = new Set(held.map((e) => comparable(e.text)));
  const keep = <T extends { readonly examples: readonly string[] }>(item: T): T => ({ ...item, examples: item.examples.filter((x) => !out.has(comparable(x))) });
  return withExamples({ faq: content.faq.map(keep), intents: content.intents.map(keep) }, extra.filter((e) => !out.has(comparable(e.text))));
}

/**
 * Splits the content's own examples: every `every`-th example of each entry is held out (labelled with its id,
 * `out_of_scope` → null), the rest is the training content. Deterministic.
 */
export function contentSplit(content: MatcherContent, every = 4): { train: MatcherContent; held: LabelledExample[] } {
  const held: LabelledExample[] = [];
  const split = <T extends { readonly id: string; readonly lang: LabelledExample['lang']; readonly examples: readonly string[] }>(item: T): T => ({
    ...item,
    examples: item.examples.filter((text, i) => {
      if (i % every !== every - 1) return true;
      held.push({ text, lang: item.lang, id: item.id === OUT_OF_SCOPE_ID ? null : item.id });
      return false;
    }),
  });
  return { train: { faq: content.faq.map(split), intents: content.intents.map(split) }, held };
}

/** The content plus labelled examples as extra intent examples (null → `out_of_scope`). */
export function withExamples(content: MatcherContent, extra: readonly LabelledExample[]): MatcherContent {
  return { faq: content.faq, intents: [...content.intents, ...extra.map((e) => ({ id: e.id ?? OUT_OF_SCOPE_ID, lang: e.lang, examples: [e.text] }))] };
}
