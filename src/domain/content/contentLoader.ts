import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES, type Language } from '../../i18n/languages.js';
import { checkContent, type CheckedItem, type LoadedContent } from './contentChecker.js';
import type { ContentProblem } from './contentError.js';
import { CatalogueFile, FaqFile, IntentsFile, OUT_OF_SCOPE_ID, TopicId, type FaqEntryFile } from './contentSchema.js';
import type { ContentSnapshot, IntentExamples } from './contentSnapshot.js';
import type { FaqEntry, FollowUp } from './faqEntry.js';
import { loadSafetyExamples } from '../safety/safetyExamplesLoader.js';
import { loadSafetyContent } from '../safety/safetyLoader.js';
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
 * `<lng>/intents.yaml`, and the safety files (`safety.yaml`, `<lng>/safety.yaml`, `<lng>/safety-examples.yaml`). Every problem points at the file and line of the offending entry or field
 * (paths are `localesDir` joined with the file's relative path). Synchronous: a few small files.
 */
export function loadContent(localesDir: string, options: LoadOptions = {}): LoadResult {
  const languages = options.languages ?? LANGUAGES;
  if (!existsSync(localesDir)) return { errors: [{ file: localesDir, line: 1, message: 'content folder not found' }] };
  const errors: ContentProblem[] = [];
  const checked = { faq: [] as CheckedItem[], intents: [] as CheckedItem[] };
  const valid = { faq: [] as FaqEntry[], intents: [] as IntentExamples[] };

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
      if (!source) continue;
      const parsed = FaqFile.safeParse(source.value);
      if (parsed.success) valid.faq.push(...parsed.data.entries.map((entry) => toFaqEntry(entry, lang)));
      else errors.push(...issuesToProblems(source, parsed.error.issues, describeItem(source, 'entries')));
      checked.faq.push(...checkedItems(source, lang, 'entries'));
    }
    const intentsFile = join(localesDir, lang, INTENTS_FILE);
    if (existsSync(intentsFile)) {
      const source = readSource(intentsFile, 'intents:', errors);
      if (!source) continue;
      const parsed = IntentsFile.safeParse(source.value);
      if (parsed.success) valid.intents.push(...parsed.data.intents.map(({ id, examples }) => Object.freeze({ id, lang, examples: Object.freeze([...examples]) })));
      else errors.push(...issuesToProblems(source, parsed.error.issues, describeItem(source, 'intents')));
      checked.intents.push(...checkedItems(source, lang, 'intents'));
    }
  }

  errors.push(...checkContent({ catalogue, faq: checked.faq, intents: checked.intents, languages, localesDir }));
  const safety = loadSafetyContent(localesDir, languages, errors);
  const safetyExamples = loadSafetyExamples(localesDir, languages, errors);
  if (errors.length > 0 || !catalogue || !safety) return { errors: sortProblems(errors) };
  return {
    errors,
    snapshot: Object.freeze({
      faq: Object.freeze(valid.faq),
      intents: Object.freeze(valid.intents),
      safety,
      safetyExamples,
      catalogue: Object.freeze({ faq: Object.freeze({ ...catalogue.value.faq }), intent: Object.freeze({ ...catalogue.value.intent }) }),
    }),
  };
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

function toFaqEntry(entry: FaqEntryFile, lang: Language): FaqEntry {
  return Object.freeze({
    id: entry.id,
    lang,
    title: entry.title,
    examples: Object.freeze([...entry.examples]),
    answer: entry.answer,
    followUps: Object.freeze([...entry.followUps] as FollowUp[]),
  });
}

/** Items of a list that carry a well-formed id, as the cross-file checks need them (valid or not). */
function checkedItems(source: YamlSource, lang: Language, listKey: string): CheckedItem[] {
  return itemsOf(source.value, listKey).flatMap((raw, index) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const item = raw as Record<string, unknown>;
    const id = item.id;
    if (typeof id !== 'string' || !(TopicId.safeParse(id).success || id === OUT_OF_SCOPE_ID)) return [];
    const at: YamlPath = [listKey, index];
    return [
      {
        lang,
        file: source.file,
        line: source.lineOf(at),
        lineOf: (path: YamlPath) => source.lineOf([...at, ...path]),
        lineOfText: (path: YamlPath, fragment: string) => source.lineOfText([...at, ...path], fragment),
        id,
        examples: stringsOf(item.examples),
        followUps: stringsOf(item.followUps),
        ...(typeof item.answer === 'string' ? { answer: item.answer } : {}),
        ...(typeof item.title === 'string' ? { title: item.title } : {}),
      },
    ];
  });
}

function stringsOf(value: unknown): (string | undefined)[] {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : undefined)) : [];
}

/** By file, then line; the catalogue's "missing" problems come last as they are the least local. */
function sortProblems(problems: readonly ContentProblem[]): ContentProblem[] {
  return [...problems].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
