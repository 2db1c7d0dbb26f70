import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatProblem } from '../domain/content/contentError.js';
import { loadContent } from '../domain/content/contentLoader.js';
import { checkOrientationPointsFile } from './orientationPointsCheck.js';

/** What `npm run content:check` prints and how it exits. */
export interface ContentCheckReport {
  /** 0 when the content is clean, 1 on any problem. */
  readonly exitCode: 0 | 1;
  /** One `file:line: problem` per problem (paths relative to `cwd`), or the one-line summary. */
  readonly lines: readonly string[];
}

/**
 * Checks the content under `dir` (default `locales`) as the server would load it.
 * Problems are listed as `file:line: problem` with paths relative to `cwd` (default the process's).
 */
export function checkContentDir(dir = 'locales', cwd = process.cwd(), pointsFile?: string): ContentCheckReport {
  const faq = checkFaqDir(dir, cwd);
  const points = checkOrientationPointsFile(resolve(cwd, dir), cwd, pointsFile);
  if (!points) return faq;
  const problems = faq.exitCode === 1 ? faq.lines.slice(0, -1) : [];
  if (faq.exitCode === 0 && points.exitCode === 0) return { exitCode: 0, lines: [...faq.lines, ...points.lines] };
  const all = [...problems, ...(points.exitCode === 1 ? points.problems : [])];
  return { exitCode: 1, lines: [...all, `content has ${all.length} problem${all.length === 1 ? '' : 's'}`] };
}

function checkFaqDir(dir: string, cwd: string): ContentCheckReport {
  const { snapshot, errors } = loadContent(resolve(cwd, dir));
  if (!snapshot) {
    const display = (file: string): string => relative(cwd, file) || file;
    return {
      exitCode: 1,
      lines: [...errors.map((problem) => formatProblem(problem, display)), `content has ${errors.length} problem${errors.length === 1 ? '' : 's'}`],
    };
  }
  const topics = Object.keys(snapshot.catalogue.faq).length;
  const languages = new Set(snapshot.faq.map((entry) => entry.lang)).size;
  const intents = Object.keys(snapshot.catalogue.intent).length;
  const examples =
    snapshot.faq.reduce((sum, entry) => sum + entry.examples.length, 0) +
    snapshot.intents.reduce((sum, intent) => sum + intent.examples.length, 0);
  return {
    exitCode: 0,
    lines: [`content ok: ${topics} topics × ${languages} languages, ${intents} intents, ${examples} examples`],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const report = checkContentDir(process.argv[2], process.cwd(), process.env.ORIENTATION_POINTS_FILE || undefined);
  const print = report.exitCode === 0 ? console.log : console.error;
  for (const line of report.lines) print(line);
  process.exitCode = report.exitCode;
}
