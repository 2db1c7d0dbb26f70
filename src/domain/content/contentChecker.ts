import { relative } from 'node:path';
import type { Language } from '../../i18n/languages.js';
import type { ContentProblem } from './contentError.js';
import { languageMismatch } from './contentLanguage.js';
import { OUT_OF_SCOPE_ID, type CatalogueFile } from './contentSchema.js';
import type { YamlPath } from './yamlSource.js';

/**
 * One FAQ entry or intent as written, valid or not, with where it sits. Only what the cross-file
 * rules need is kept, so an entry with a shape problem (reported by the schema) is still checked
 * for duplicates, follow-ups and clashing examples in the same run.
 */
export interface CheckedItem {
  readonly lang: Language;
  readonly file: string;
  /** 1-based line of the item (its first field). */
  readonly line: number;
  /** 1-based line of a field inside the item (`['followUps', 1]`). */
  lineOf(path: YamlPath): number;
  /** 1-based line where `fragment` is written inside a field (one line of a block answer). */
  lineOfText(path: YamlPath, fragment: string): number;
  readonly id: string;
  /** The examples that are strings, at their original indexes (others are `undefined`). */
  readonly examples: readonly (string | undefined)[];
  /** The follow-ups that are strings, at their original indexes (others are `undefined`). */
  readonly followUps: readonly (string | undefined)[];
  /** The answer, when it is a string (FAQ entries only). */
  readonly answer?: string;
  /** The title, when it is a string (FAQ entries only). */
  readonly title?: string;
}

/** Where staff find the facts an answer may state, with their sources (inside the content folder). */
export const FACTS_FILE = 'locales/FACTS.md';

/**
 * Details an answer must never state, because locales/FACTS.md has none and a wrong one would harm a
 * vulnerable person: answers point to an orientation appointment or a caseworker instead.
 */
export const UNVERIFIABLE_DETAILS = [
  { kind: 'a phone number', pattern: /(?:\+|\b00)\d[\d\s.-]{6,}\d|\b0[5-8](?:[\s.-]?\d{2}){4}\b/u },
  {
    kind: 'an amount of money',
    pattern:
      /\d[\d\s.,]*\s?(?:MAD|DH|dhs?|dirhams?|€|euros?|\$|USD|dollars?|F\s?CFA|FCFA|CFA|درهم|دراهم|دولار|يورو)(?!\p{L})|(?:€|\$|USD|EUR|MAD)\s?\d(?:[\d.,]*\d)?/iu,
  },
  { kind: 'opening hours', pattern: /\b\d{1,2}\s?[hH:]\s?\d{2}\b|\b\d{1,2}\s?(?:am|pm)\b/iu },
  { kind: 'an e-mail address', pattern: /[\w.+-]+@[\w-]+\.[\w.]+/u },
] as const satisfies readonly { kind: string; pattern: RegExp }[];

/** Everything the loader read; the input of {@link checkContent}. */
export interface LoadedContent {
  /** The catalogue, unless it was missing or invalid (then id checks are skipped). */
  readonly catalogue?: {
    readonly file: string;
    readonly value: CatalogueFile;
    /** 1-based line where `id` is declared under `kind`. */
    idLine(kind: 'faq' | 'intent', id: string): number;
  };
  readonly faq: readonly CheckedItem[];
  readonly intents: readonly CheckedItem[];
  /** Languages that must be complete. */
  readonly languages: readonly Language[];
  /** The folder the files were read from; references to other places are shown relative to it. */
  readonly localesDir: string;
}

/**
 * Cross-file rules the schemas cannot see: ids unknown to the catalogue, duplicate ids in a locale,
 * catalogue ids missing in a locale, follow-ups to missing entries, titles and answers that do not
 * look written in their locale's language ({@link languageMismatch}), answers stating details that
 * locales/FACTS.md does not give ({@link UNVERIFIABLE_DETAILS}), and one phrasing used as an example of two
 * different ids in a locale (the matcher could not tell them apart).
 */
export function checkContent(content: LoadedContent): ContentProblem[] {
  const where: Where = (item) => `${relative(content.localesDir, item.file)}:${item.line}`;
  const catalogue = content.catalogue?.value;
  return content.languages.flatMap((lang) => {
    const faq = content.faq.filter((item) => item.lang === lang);
    const intents = content.intents.filter((item) => item.lang === lang);
    const faqById = firstById(faq);
    const intentById = firstById(intents);
    return [
      ...duplicates(faq, lang, where),
      ...duplicates(intents, lang, where),
      ...(catalogue ? unknownIds(faq, intents, catalogue) : []),
      ...titleClashes(faq, lang, where),
      ...brokenFollowUps(faq, faqById, lang),
      ...answerText(faq, lang),
      ...conflictingExamples([...faq, ...intents], lang, where),
      ...(content.catalogue ? missingIds(content.catalogue, faqById, intentById, lang) : []),
    ];
  });
}

/** Formats where an item is, relative to the locales folder. */
type Where = (item: { file: string; line: number }) => string;

function firstById(items: readonly CheckedItem[]): Map<string, CheckedItem> {
  const byId = new Map<string, CheckedItem>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  return byId;
}

function duplicates(items: readonly CheckedItem[], lang: Language, where: Where): ContentProblem[] {
  const byId = firstById(items);
  return items
    .filter((item) => byId.get(item.id) !== item)
    .map((item) => ({ file: item.file, line: item.line, message: `duplicate id ${item.id} in ${lang} (first at ${where(byId.get(item.id) ?? item)})` }));
}

function unknownIds(faq: readonly CheckedItem[], intents: readonly CheckedItem[], catalogue: CatalogueFile): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const item of faq) {
    if (item.id in catalogue.faq) continue;
    const hint = item.id in catalogue.intent ? ': it is an intent id, its examples belong in intents.yaml' : ' (not in catalogue.yaml)';
    problems.push({ file: item.file, line: item.lineOf(['id']), message: `unknown FAQ id ${item.id}${hint}` });
  }
  for (const item of intents) {
    if (item.id === OUT_OF_SCOPE_ID || item.id in catalogue.intent) continue;
    const hint = item.id in catalogue.faq ? ': it is a FAQ id, it belongs in faq/*.yaml' : ' (not in catalogue.yaml)';
    problems.push({ file: item.file, line: item.lineOf(['id']), message: `unknown intent id ${item.id}${hint}` });
  }
  return problems;
}

function titleClashes(faq: readonly CheckedItem[], lang: Language, where: Where): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byTitle = new Map<string, CheckedItem>();
  for (const item of faq) {
    const key = item.title?.trim().toLowerCase();
    if (!key) continue;
    const first = byTitle.get(key);
    if (!first) byTitle.set(key, item);
    else if (first.id !== item.id) {
      problems.push({
        file: item.file,
        line: item.lineOf(['title']),
        message: `${item.id} title: same as the title of ${first.id} in ${lang} (${where(first)}); buttons must be told apart`,
      });
    }
  }
  return problems;
}

function brokenFollowUps(faq: readonly CheckedItem[], faqById: ReadonlyMap<string, CheckedItem>, lang: Language): ContentProblem[] {
  return faq.flatMap((item) =>
    item.followUps.flatMap((followUp, index) => {
      if (!followUp?.startsWith('faq:')) return [];
      const target = followUp.slice('faq:'.length);
      const line = item.lineOf(['followUps', index]);
      if (target === item.id) return [{ file: item.file, line, message: `${item.id} followUps[${index}]: points to the entry itself` }];
      if (faqById.has(target)) return [];
      return [{ file: item.file, line, message: `${item.id} followUps[${index}]: ${followUp} points to a missing entry in ${lang}` }];
    }),
  );
}

/** Title and answer in the locale's language, and no detail locales/FACTS.md does not give. */
function answerText(faq: readonly CheckedItem[], lang: Language): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const item of faq) {
    for (const field of ['title', 'answer'] as const) {
      const text = item[field];
      const mismatch = text === undefined ? undefined : languageMismatch(text, lang);
      if (mismatch) problems.push({ file: item.file, line: item.lineOf([field]), message: `${item.id} ${field}: ${mismatch} (file of ${lang})` });
    }
    for (const { kind, pattern } of UNVERIFIABLE_DETAILS) {
      const found = item.answer === undefined ? null : pattern.exec(item.answer);
      if (!found) continue;
      const detail = found[0].trim();
      problems.push({
        file: item.file,
        line: item.lineOfText(['answer'], detail),
        message: `${item.id} answer: "${detail}" looks like ${kind}, which ${FACTS_FILE} does not give; point to an orientation appointment or a caseworker instead`,
      });
    }
  }
  return problems;
}

function missingIds(
  catalogue: NonNullable<LoadedContent['catalogue']>,
  faqById: ReadonlyMap<string, CheckedItem>,
  intentById: ReadonlyMap<string, CheckedItem>,
  lang: Language,
): ContentProblem[] {
  const { file, idLine, value } = catalogue;
  return [
    ...Object.keys(value.faq)
      .filter((id) => !faqById.has(id))
      .map((id) => ({ file, line: idLine('faq', id), message: `${id} has no FAQ entry in ${lang} (add it to ${lang}/faq/*.yaml)` })),
    ...Object.keys(value.intent)
      .filter((id) => !intentById.has(id))
      .map((id) => ({ file, line: idLine('intent', id), message: `${id} has no examples in ${lang} (add them to ${lang}/intents.yaml)` })),
  ];
}

/** Same phrasing for comparison: case, spacing and final punctuation do not count. */
function comparable(example: string): string {
  return example.toLowerCase().replace(/\s+/g, ' ').replace(/[\s?!.…؟,;:]+$/u, '').trim();
}

function conflictingExamples(items: readonly CheckedItem[], lang: Language, where: Where): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Map<string, { id: string; file: string; line: number }>();
  for (const item of items) {
    const { id } = item;
    item.examples.forEach((example, index) => {
      if (example === undefined) return;
      const key = comparable(example);
      const line = item.lineOf(['examples', index]);
      const first = seen.get(key);
      if (!first) seen.set(key, { id, file: item.file, line });
      else if (first.id !== id) {
        problems.push({
          file: item.file,
          line,
          message: `${id} examples[${index}]: also an example of ${first.id} in ${lang} (${where(first)}); keep it under one id`,
        });
      }
    });
  }
  return problems;
}
