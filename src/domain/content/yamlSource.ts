import { readFileSync } from 'node:fs';
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { ContentProblem } from './contentError.js';

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** A parsed YAML file that can say on which line any value sits. */
export interface YamlSource {
  readonly file: string;
  /** The plain JavaScript value of the document (undefined for an empty file). */
  readonly value: unknown;
  /** 1-based line of the value at `path`, or of its nearest existing ancestor. */
  lineOf(path: YamlPath): number;
  /** 1-based line of the key `key` in the map at `path` (falls back to {@link lineOf}). */
  keyLineOf(path: YamlPath, key: string): number;
  /** Whether a value exists at `path`. */
  has(path: YamlPath): boolean;
  /**
   * 1-based line where `fragment` (its first line) is written inside the value at `path`, such as
   * one line of a `|` block answer; falls back to {@link lineOf} when it cannot be found verbatim.
   */
  lineOfText(path: YamlPath, fragment: string): number;
}

/**
 * Reads and parses the YAML file `file` (which must exist): an unreadable file or a syntax error is appended to
 * `problems` at its line, and then the result is undefined.
 */
export function readYamlFile(file: string, problems: ContentProblem[]): YamlSource | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    problems.push({ file, line: 1, message: `cannot read file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` });
    return undefined;
  }
  const { source, problems: syntax } = parseYamlSource(file, text);
  problems.push(...syntax);
  return source;
}

/**
 * Parses YAML text with a line counter. Syntax errors (including duplicate keys) come back as
 * problems at their line, and then `source` is undefined.
 */
export function parseYamlSource(file: string, text: string): { source?: YamlSource; problems: ContentProblem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        file,
        line: errorLine(text, error.code, error.message, error.linePos?.[0].line ?? 1),
        message: `unparsable YAML: ${firstLine(error.message).replace(/ at line \d+, column \d+:?$/, '')}`,
      })),
    };
  }
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const nodeAt = (path: YamlPath): unknown => (path.length === 0 ? doc.contents : doc.getIn(path, true));
  const lineOf = (path: YamlPath): number => {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = nodeAt(path.slice(0, depth));
      if (isNode(node) && node.range) return lineAt(node.range[0]);
    }
    return 1;
  };
  return {
    problems: [],
    source: {
      file,
      value: doc.toJS({ maxAliasCount: 100 }) as unknown,
      lineOf,
      lineOfText(path, fragment) {
        const node = nodeAt(path);
        const needle = (fragment.split('\n')[0] ?? '').trim();
        if (isNode(node) && node.range && needle) {
          const index = text.slice(node.range[0], node.range[1]).indexOf(needle);
          if (index >= 0) return lineAt(node.range[0] + index);
        }
        return lineOf(path);
      },
      has: (path) => path.length === 0 ? doc.contents !== null : (doc as Document).hasIn(path),
      keyLineOf(path, key) {
        const map = nodeAt(path);
        if (isMap(map)) {
          const pair = map.items.find((item) => isNode(item.key) && 'value' in item.key && item.key.value === key);
          if (pair && isNode(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
        }
        return lineOf(path);
      },
    },
  };
}

/**
 * Turns zod issues into located problems. `describe` names the place of an issue for people
 * (for example `avrr.cost title`), from its path.
 */
export function issuesToProblems(
  source: YamlSource,
  issues: readonly z.core.$ZodIssue[],
  describe: (path: YamlPath) => string,
): ContentProblem[] {
  return issues.map((issue) => {
    const path = issue.path.filter((part): part is string | number => typeof part !== 'symbol');
    const where = describe(path);
    const prefix = where ? `${where}: ` : '';
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      return {
        file: source.file,
        line: source.keyLineOf(path, key),
        message: `${prefix}unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      };
    }
    const missing = issue.code === 'invalid_type' && !source.has(path);
    // A bad record key: the useful message is the key schema's own.
    const detail =
      issue.code === 'invalid_key'
        ? (issue.issues[0]?.message ?? issue.message)
        : issue.code === 'invalid_type' && issue.message.startsWith('Invalid input')
          ? wrongType(issue.expected, issue.message)
          : issue.message;
    // Custom checks may name the offending text, so the line can be the one inside a block value.
    const fragment = issue.code === 'custom' && typeof issue.params?.fragment === 'string' ? issue.params.fragment : undefined;
    if (fragment !== undefined) return { file: source.file, line: source.lineOfText(path, fragment), message: `${prefix}${issue.message}` };
    return {
      file: source.file,
      line: issue.code === 'invalid_key' ? source.keyLineOf(path.slice(0, -1), String(path.at(-1))) : source.lineOf(path),
      message: `${prefix}${missing ? 'is missing' : detail}`,
    };
  });
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  array: 'a list',
  object: 'a mapping of fields',
  number: 'a number',
  boolean: 'true or false',
  null: 'empty',
  date: 'a date',
};

/** "must be text, not a list" for authors, instead of zod's "expected string, received array". */
function wrongType(expected: string, message: string): string {
  const received = /received (\w+)/.exec(message)?.[1];
  const name = (type: string): string => TYPE_NAMES[type] ?? type;
  return `must be ${name(expected)}${received ? `, not ${name(received)}` : ''}`;
}

/**
 * yaml reports an unclosed quote where the file ends; the author needs the line where the quote
 * opened: the nearest line before it with an odd number of that quote character.
 */
function errorLine(text: string, code: string, message: string, reported: number): number {
  const quote = code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(message)?.[1] : undefined;
  if (!quote) return reported;
  const lines = text.split('\n');
  for (let line = Math.min(reported, lines.length); line >= 1; line -= 1) {
    const count = (lines[line - 1] ?? '').split(quote).length - 1;
    if (count % 2 === 1) return line;
  }
  return reported;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
