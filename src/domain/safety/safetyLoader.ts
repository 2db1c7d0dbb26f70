import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Language } from '../../i18n/languages.js';
import { UNVERIFIABLE_DETAILS } from '../content/contentChecker.js';
import type { ContentProblem } from '../content/contentError.js';
import { languageMismatch } from '../content/contentLanguage.js';
import { issuesToProblems, readYamlFile, type YamlPath, type YamlSource } from '../content/yamlSource.js';
import type { SafetyContent, SafetyLanguage } from './safetyContent.js';
import { SafetyLanguageFile, SafetyRulesFile, type DerivedList, type SafetyRule } from './safetySchema.js';
import { parseTerm } from './termPattern.js';

/** Name of the language-neutral rules file at the root of the locales folder, and of each language's file. */
export const SAFETY_FILE = 'safety.yaml';

/**
 * Reads and checks `locales/safety.yaml` and `locales/<lng>/safety.yaml` for every language in
 * `languages`. Problems (with file and line) are appended to `problems`; the content is returned only
 * when these files have none. Cross-file rules: every list a rule names exists in every language file
 * (empty is allowed), no list is unused, rule ids are unique, every phrase means something once
 * normalised, and replies are in their language and state no phone number or other unverifiable detail.
 */
export function loadSafetyContent(localesDir: string, languages: readonly Language[], problems: ContentProblem[]): SafetyContent | undefined {
  const before = problems.length;
  const rulesFile = join(localesDir, SAFETY_FILE);
  const rulesSource = readSource(rulesFile, problems);
  let rules: SafetyRule[] | undefined;
  let derived: DerivedList[] = [];
  if (rulesSource) {
    const parsed = SafetyRulesFile.safeParse(rulesSource.value);
    if (parsed.success) ({ rules, derived } = parsed.data);
    else problems.push(...issuesToProblems(rulesSource, parsed.error.issues, describeRule(rulesSource)));
  }
  const ruleLine = (index: number): string => `${relative(localesDir, rulesFile)}:${rulesSource?.lineOf(['rules', index]) ?? 1}`;
  if (rules && rulesSource) {
    const seen = new Map<string, number>();
    rules.forEach((rule, index) => {
      const first = seen.get(rule.id);
      if (first === undefined) seen.set(rule.id, index);
      else problems.push({ file: rulesFile, line: rulesSource.lineOf(['rules', index, 'id']), message: `duplicate rule id ${rule.id} (first at ${ruleLine(first)})` });
    });
  }

  const loaded: SafetyLanguage[] = [];
  for (const lang of languages) {
    const file = join(localesDir, lang, SAFETY_FILE);
    const source = readSource(file, problems);
    if (!source) continue;
    const parsed = SafetyLanguageFile.safeParse(source.value);
    if (!parsed.success) {
      problems.push(...issuesToProblems(source, parsed.error.issues, describePlain));
      continue;
    }
    const data = parsed.data;
    problems.push(...termProblems(source, data));
    problems.push(...replyProblems(source, data.reply, lang));
    if (rules) {
      const used = new Set([...rules.flatMap((rule) => [...rule.all, ...rule.unless]), ...derived.flatMap((d) => d.from)]);
      const users = [
        ...rules.map((rule, index) => ({ names: [...rule.all, ...rule.unless], who: `rule ${rule.id} at ${ruleLine(index)}` })),
        ...derived.map((d) => ({ names: [...d.from], who: `derived list ${d.list}` })),
      ];
      for (const { names, who } of users) {
        for (const name of new Set(names)) {
          if (name in data.words) continue;
          problems.push({
            file,
            line: source.keyLineOf([], 'words'),
            message: `words: list "${name}" is missing (${who} uses it); write "${name}: []" if ${lang} needs none`,
          });
        }
      }
      for (const name of Object.keys(data.words)) {
        if (!used.has(name)) problems.push({ file, line: source.keyLineOf(['words'], name), message: `words: list "${name}" is used by no rule in ${SAFETY_FILE}` });
      }
    }
    loaded.push(Object.freeze({ lang, reply: Object.freeze(data.reply), phrases: Object.freeze(data.phrases), words: Object.freeze(data.words), ignore: Object.freeze(data.ignore), turn: Object.freeze(data.turn), frame: Object.freeze(data.frame) }));
  }
  if (problems.length > before || !rules) return undefined;
  return Object.freeze({ rules: Object.freeze(rules), derived: Object.freeze(derived), languages: Object.freeze(loaded) });
}

function readSource(file: string, problems: ContentProblem[]): YamlSource | undefined {
  if (!existsSync(file)) {
    problems.push({ file, line: 1, message: 'file is missing (safety phrases and rules: without it emergencies go unrecognised)' });
    return undefined;
  }
  const source = readYamlFile(file, problems);
  if (source && (source.value === null || source.value === undefined)) {
    problems.push({ file, line: 1, message: 'file is empty' });
    return undefined;
  }
  return source;
}

/** Every phrase, word and ignored phrase must still mean something once normalised. */
function termProblems(source: YamlSource, data: SafetyLanguageFile): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const check = (path: YamlPath, value: string): void => {
    const problem = parseTerm(value).problem;
    if (problem) problems.push({ file: source.file, line: source.lineOf(path), message: `${describePlain(path)}: "${value}" ${problem}` });
  };
  for (const [category, list] of Object.entries(data.phrases)) list?.forEach((value, i) => check(['phrases', category, i], value));
  for (const [name, list] of Object.entries(data.words)) list.forEach((value, i) => check(['words', name, i], value));
  data.ignore.forEach((value, i) => check(['ignore', i], value));
  data.turn.forEach((value, i) => check(['turn', i], value));
  data.frame.forEach((value, i) => check(['frame', i], value));
  return problems;
}

function replyProblems(source: YamlSource, reply: SafetyLanguageFile['reply'], lang: Language): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const [key, text] of Object.entries(reply)) {
    if (typeof text !== 'string') continue;
    const path = ['reply', key];
    const mismatch = languageMismatch(text, lang);
    if (mismatch) problems.push({ file: source.file, line: source.lineOf(path), message: `reply.${key}: ${mismatch} (file of ${lang})` });
    for (const { kind, pattern } of UNVERIFIABLE_DETAILS) {
      const found = pattern.exec(text);
      if (!found) continue;
      const detail = found[0].trim();
      problems.push({
        file: source.file,
        line: source.lineOfText(path, detail),
        message: `reply.${key}: "${detail}" looks like ${kind}, which facts.md does not give; never invent one (say: call the local emergency services, ask people nearby)`,
      });
    }
  }
  return problems;
}

function describeRule(source: YamlSource): (path: YamlPath) => string {
  return (path) => {
    if (path[0] !== 'rules' || typeof path[1] !== 'number') return describePlain(path);
    const raw = (source.value as { rules?: unknown[] } | undefined)?.rules?.[path[1]];
    const id = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).id : undefined;
    const name = typeof id === 'string' && id.trim() !== '' ? `rule ${id}` : `rules[${path[1]}]`;
    return [name, describePlain(path.slice(2))].filter(Boolean).join(' ');
  };
}

function describePlain(path: YamlPath): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index > 0 ? '.' : ''}${part}`)).join('');
}
