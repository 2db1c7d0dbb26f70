import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import { checkContent, type LoadedContent, type LocatedFaqEntry, type LocatedIntent } from './contentChecker.js';
import type { ContentProblem } from './contentError.js';
import { CatalogueFile, FaqEntryFile, FaqFile, IntentFile, IntentsFile } from './contentSchema.js';
import type { ContentSnapshot, IntentExamples } from './contentSnapshot.js';
import type { FaqEntry, FollowUp } from './faqEntry.js';
import { issuesToProblems, parseYamlSource, type YamlPath, type YamlSource } from './yamlSource.js';

/** Name of the catalogue file at the root of the locales folder. */
export const CATALOGUE_FILE = 'catalogue.yaml';
/** Name of the intent examples file in each language folder. */
export const INTENTS_FILE = 'intents.yaml';
/** Name of the FAQ folder in each language folder (every `*.yaml` / `*.yml` inside is read). */
export const FAQ_FOLDER = 'faq';

/** Result of {@link loadContent}: a snapshot only when there is no problem at all. */
export interface LoadResult {
  readonly snapshot?: ContentSnapshot;
  readonly errors: readonly ContentProblem[];
}

/** Options of {@link loadContent}. */
export interface LoadOptions {
  /** Languages that must be complete; default every shipped language (fr, en, ar). */
  readonly languages?: readonly Language[];
}

/**
 * Reads and validates all content under `localesDir`: `catalogue.yaml`, `<lng>/faq/*.yaml` and
 * `<lng>/intents.yaml`. Every problem points at the file and line of the offending entry or field
 * (paths are `localesDir` joined with the file's relative path). Synchronous: a few small files.
 */
export function loadContent(localesDir: string, options: LoadOptions = {}): LoadResult {
  const languages = options.languages ?? LANGUAGES;
  if (!existsSync(localesDir)) return { errors: [{ file: localesDir, line: 1, message: 'content folder not found' }] };
  const errors: ContentProblem[] = [];
  const faq: LocatedFaqEntry[] = [];
  const intents: LocatedIntent[] = [];

  const catalogueFile = join(localesDir, CATALOGUE_FILE);
  let catalogue: LoadedContent['catalogue'];
  const catalogueSource = readSource(catalogueFile, 'the catalogue of ids', errors);
  if (catalogueSource) {
    const parsed = CatalogueFile.safeParse(catalogueSource.value);
    if (parsed.success) {
      catalogue = {
        file: catalogueFile,
        value: parsed.data,
        idLine: (kind, id) => catalogueSource.keyLineOf([kind], id),
      };
    } else {
      errors.push(...issuesToProblems(catalogueSource, parsed.error.issues, describePlain));
    }
  }

  for (const lang of languages) {
    const faqDir = join(localesDir, lang, FAQ_FOLDER);
    for (const name of yamlFilesIn(faqDir)) {
      const source = readSource(join(faqDir, name), 'entries:', errors);
      if (source) faq.push(...readFaqFile(source, lang, errors));
    }
    const intentsFile = join(localesDir, lang, INTENTS_FILE);
    if (existsSync(intentsFile)) {
      const source = readSource(intentsFile, 'intents:', errors);
      if (source) intents.push(...readIntentsFile(source, lang, errors));
    }
  }

  errors.push(...checkContent({ catalogue, faq, intents, languages }));
  if (errors.length > 0 || !catalogue) return { errors };
  return { errors, snapshot: toSnapshot(catalogue.value, faq, intents) };
}

function readSource(file: string, expected: string, errors: ContentProblem[]): YamlSource | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    errors.push({ file, line: 1, message: code === 'ENOENT' ? `file is missing (${expected})` : `cannot read file (${code})` });
    return undefined;
  }
  const { source, problems } = parseYamlSource(file, text);
  errors.push(...problems);
  if (source && (source.value === null || source.value === undefined)) {
    errors.push({ file, line: 1, message: `file is empty (expected ${expected})` });
    return undefined;
  }
  return source;
}

function readFaqFile(source: YamlSource, lang: Language, errors: ContentProblem[]): LocatedFaqEntry[] {
  const parsed = FaqFile.safeParse(source.value);
  if (!parsed.success) errors.push(...issuesToProblems(source, parsed.error.issues, describeItem(source, 'entries')));
  // Entries that are valid on their own still go through the cross-file checks, so one run reports everything.
  return itemsOf(source.value, 'entries').flatMap((raw, index) => {
    const entry = FaqEntryFile.safeParse(raw);
    return entry.success ? [{ ...located(source, lang, ['entries', index]), entry: entry.data }] : [];
  });
}

function readIntentsFile(source: YamlSource, lang: Language, errors: ContentProblem[]): LocatedIntent[] {
  const parsed = IntentsFile.safeParse(source.value);
  if (!parsed.success) errors.push(...issuesToProblems(source, parsed.error.issues, describeItem(source, 'intents')));
  return itemsOf(source.value, 'intents').flatMap((raw, index) => {
    const intent = IntentFile.safeParse(raw);
    return intent.success ? [{ ...located(source, lang, ['intents', index]), intent: intent.data }] : [];
  });
}

function located(source: YamlSource, lang: Language, at: YamlPath) {
  return { lang, file: source.file, line: source.lineOf(at), lineOf: (path: YamlPath) => source.lineOf([...at, ...path]) };
}

function itemsOf(value: unknown, key: string): unknown[] {
  if (typeof value !== 'object' || value === null) return [];
  const items = (value as Record<string, unknown>)[key];
  return Array.isArray(items) ? items : [];
}

/** Names an issue's place as `<id> <field>[<n>]`, or `entries[<n>]` when the item has no usable id. */
function describeItem(source: YamlSource, listKey: string): (path: YamlPath) => string {
  return (path) => {
    if (path[0] !== listKey || typeof path[1] !== 'number') return describePlain(path);
    const raw = itemsOf(source.value, listKey)[path[1]];
    const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).id : undefined;
    const name = typeof id === 'string' && id.trim() !== '' ? id : `${listKey}[${path[1]}]`;
    return [name, describePlain(path.slice(2))].filter(Boolean).join(' ');
  };
}

function describePlain(path: YamlPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${part}`)).join('');
}

function yamlFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((dirent) => dirent.isFile() && /\.ya?ml$/i.test(dirent.name) && !dirent.name.startsWith('.'))
    .map((dirent) => dirent.name)
    .sort();
}

function toSnapshot(catalogue: CatalogueFile, faq: readonly LocatedFaqEntry[], intents: readonly LocatedIntent[]): ContentSnapshot {
  const entries: FaqEntry[] = faq.map(({ lang, entry }) =>
    Object.freeze({
      id: entry.id,
      lang,
      title: entry.title,
      examples: Object.freeze([...entry.examples]),
      answer: entry.answer,
      followUps: Object.freeze([...entry.followUps] as FollowUp[]),
    }),
  );
  const intentExamples: IntentExamples[] = intents.map(({ lang, intent }) =>
    Object.freeze({ id: intent.id, lang, examples: Object.freeze([...intent.examples]) }),
  );
  return Object.freeze({
    faq: Object.freeze(entries),
    intents: Object.freeze(intentExamples),
    catalogue: Object.freeze({ faq: Object.freeze({ ...catalogue.faq }), intent: Object.freeze({ ...catalogue.intent }) }),
  });
}
