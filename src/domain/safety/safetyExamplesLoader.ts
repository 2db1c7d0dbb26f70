import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '../../i18n/languages.js';
import type { ContentProblem } from '../content/contentError.js';
import { issuesToProblems, parseYamlSource, type YamlPath } from '../content/yamlSource.js';
import { tokenise } from '../nlu/normalise.js';
import { SAFETY_EXAMPLES_FILE, SafetyExamplesFile } from './safetyExamplesSchema.js';
import type { SafetyCategory } from './safetySchema.js';

/** One language's example corpus of the learned safety layer, validated. */
export interface SafetyExamples {
  readonly lang: Language;
  /** Emergencies by situation. */
  readonly emergency: Partial<Readonly<Record<SafetyCategory, readonly string[]>>>;
  /** Messages that only sound alarming. */
  readonly ordinary: readonly string[];
}

/**
 * Reads and checks `locales/<lng>/safety-examples.yaml` for every language in `languages`. A language without the
 * file simply gives the learned layer nothing of its own (test content, a new language); a file that is there must
 * be valid. Besides the schema, the same message (once normalised) may not be both an emergency and ordinary, nor
 * in two situations: the layer would be taught two answers for it. Problems are appended with file and line.
 */
export function loadSafetyExamples(localesDir: string, languages: readonly Language[], problems: ContentProblem[]): readonly SafetyExamples[] {
  const loaded: SafetyExamples[] = [];
  for (const lang of languages) {
    const file = join(localesDir, lang, SAFETY_EXAMPLES_FILE);
    if (!existsSync(file)) continue;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({ file, line: 1, message: `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` });
      continue;
    }
    const { source, problems: syntax } = parseYamlSource(file, text);
    problems.push(...syntax);
    if (!source) continue;
    const parsed = SafetyExamplesFile.safeParse(source.value);
    if (!parsed.success) {
      problems.push(...issuesToProblems(source, parsed.error.issues, describe));
      continue;
    }
    const seen = new Map<string, { label: string; path: YamlPath }>();
    const note = (label: string, path: YamlPath, value: string): void => {
      const key = tokenise(value).join(' ');
      const first = seen.get(key);
      if (!first) seen.set(key, { label, path });
      else if (first.label !== label)
        problems.push({ file, line: source.lineOf(path), message: `${describe(path)}: "${value}" is also under ${first.label} (line ${source.lineOf(first.path)}); one message, one answer` });
    };
    for (const [category, list] of Object.entries(parsed.data.emergency)) list?.forEach((value, i) => note(`emergency.${category}`, ['emergency', category, i], value));
    parsed.data.ordinary.forEach((value, i) => note('ordinary', ['ordinary', i], value));
    loaded.push(Object.freeze({ lang, emergency: Object.freeze(parsed.data.emergency), ordinary: Object.freeze(parsed.data.ordinary) }));
  }
  return Object.freeze(loaded);
}

function describe(path: YamlPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${part}`)).join('');
}
