import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Language } from '../../i18n/languages.js';
import type { ContentProblem } from '../content/contentError.js';
import { issuesToProblems, readYamlFile, type YamlPath, type YamlSource } from '../content/yamlSource.js';
import { tokenise } from '../nlu/normalise.js';
import { SAFETY_EXAMPLES_FILE, SAFETY_ORDINARY_FILE, SafetyExamplesFile, SafetyOrdinaryFile } from './safetyExamplesSchema.js';
import type { SafetyCategory } from './safetySchema.js';

/** One language's example corpus of the learned safety layer, validated. */
export interface SafetyExamples {
  readonly lang: Language;
  /** Emergencies by situation. */
  readonly emergency: Partial<Readonly<Record<SafetyCategory, readonly string[]>>>;
  /** Messages that only sound alarming. */
  readonly ordinary: readonly string[];
  /** Everyday messages of `safety-ordinary.yaml` (empty without the file): the layer's negatives besides `ordinary`. */
  readonly everyday: readonly string[];
  /** `version` of `safety-ordinary.yaml`, undefined without the file. */
  readonly everydayVersion: number | undefined;
}

/**
 * Reads and checks `locales/<lng>/safety-examples.yaml` and `safety-ordinary.yaml` for every language in
 * `languages`. A language without either file simply gives the learned layer nothing of its own (test content, a
 * new language); a file that is there must be valid. Besides the schema, the same message (once normalised) may not
 * be both an emergency and ordinary (in either file), nor in two situations: the layer would be taught two answers
 * for it. Problems are appended with file and line.
 */
export function loadSafetyExamples(localesDir: string, languages: readonly Language[], problems: ContentProblem[]): readonly SafetyExamples[] {
  const loaded: SafetyExamples[] = [];
  for (const lang of languages) {
    const examples = readChecked(join(localesDir, lang, SAFETY_EXAMPLES_FILE), SafetyExamplesFile, problems);
    const everyday = readChecked(join(localesDir, lang, SAFETY_ORDINARY_FILE), SafetyOrdinaryFile, problems);
    if (!examples && !everyday) continue;
    const emergency = examples?.data.emergency ?? {};
    const ordinary = examples?.data.ordinary ?? [];
    const seen = new Map<string, { label: string; file: string; line: number }>();
    const note = (checked: Checked<unknown>, label: string, path: YamlPath, value: string): void => {
      const key = tokenise(value).join(' ');
      const first = seen.get(key);
      const line = checked.source.lineOf(path);
      if (!first) seen.set(key, { label, file: checked.file, line });
      else if (first.label !== label) {
        const where = first.file === checked.file ? `line ${first.line}` : `${SAFETY_EXAMPLES_FILE} line ${first.line}`;
        problems.push({ file: checked.file, line, message: `${describe(path)}: "${value}" is also under ${first.label} (${where}); one message, one answer` });
      }
    };
    if (examples) {
      for (const [category, list] of Object.entries(emergency)) list?.forEach((value, i) => note(examples, `emergency.${category}`, ['emergency', category, i], value));
      ordinary.forEach((value, i) => note(examples, 'ordinary', ['ordinary', i], value));
    }
    everyday?.data.ordinary.forEach((value, i) => note(everyday, 'ordinary', ['ordinary', i], value));
    loaded.push(
      Object.freeze({
        lang,
        emergency: Object.freeze(emergency),
        ordinary: Object.freeze(ordinary),
        everyday: Object.freeze(everyday?.data.ordinary ?? []),
        everydayVersion: everyday?.data.version,
      }),
    );
  }
  return Object.freeze(loaded);
}

/** A file read and validated, with its source for line numbers. */
interface Checked<T> {
  readonly file: string;
  readonly source: YamlSource;
  readonly data: T;
}

/** `file` parsed and validated against `schema`; undefined (problems appended) when absent, unreadable or invalid. */
function readChecked<T>(file: string, schema: z.ZodType<T>, problems: ContentProblem[]): Checked<T> | undefined {
  if (!existsSync(file)) return undefined;
  const source = readYamlFile(file, problems);
  if (!source) return undefined;
  const parsed = schema.safeParse(source.value);
  if (!parsed.success) {
    problems.push(...issuesToProblems(source, parsed.error.issues, describe));
    return undefined;
  }
  return { file, source, data: parsed.data };
}

function describe(path: YamlPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${part}`)).join('');
}
