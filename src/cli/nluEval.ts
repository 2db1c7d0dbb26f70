import { existsSync, readFileSync } from 'node:fs';
import { runIfMain } from './runIfMain.js';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import { LabelledExample, evaluate, formatReport, type EvaluationReport } from '../domain/nlu/evaluation.js';
import { evaluatePerturbations, formatPerturbationReport } from '../domain/nlu/perturbationReport.js';
import type { MessageUnderstander } from '../domain/nlu/understanding.js';
import { evaluateSafety, formatSafetyFigures } from '../domain/safety/safetyEvaluation.js';
import { withSafety } from '../domain/safety/safeUnderstander.js';
import { loadSafetyDetector } from './loadSafety.js';
import { loadMatcher } from './nlu.js';

/** Evaluation file used when none is given: the labelled dev set shipped with the project (a copy of the team's). */
export const DEFAULT_EVAL_FILE = 'test/fixtures/nlu/dev-set.jsonl';

/**
 * Reads a labelled JSON-lines file (`{"text", "lang", "id"}` per line). Invalid lines are reported through
 * `warn` by line number and skipped.
 */
export function readLabelledFile(file: string, warn: (message: string) => void): LabelledExample[] {
  const examples: LabelledExample[] = [];
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        const parsed = LabelledExample.safeParse(JSON.parse(line));
        if (parsed.success) examples.push(parsed.data);
        else warn(`${file}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      } catch {
        warn(`${file}:${index + 1}: not valid JSON`);
      }
    });
  return examples;
}

/** Evaluates `understander` on every file and returns one report per file. */
export function evaluateFiles(understander: MessageUnderstander, files: readonly string[], warn: (m: string) => void): Array<[string, EvaluationReport]> {
  return files.map((file) => [file, evaluate(understander, readLabelledFile(file, warn))]);
}

async function main(args: readonly string[]): Promise<number> {
  const json = args.includes('--json');
  const files = args.filter((a) => !a.startsWith('--'));
  const missing = (files.length ? files : [DEFAULT_EVAL_FILE]).filter((f) => !existsSync(f));
  if (missing.length > 0) {
    for (const f of missing) console.error(`nlu:eval: no such file: ${f}`);
    console.error('Usage: npm run nlu:eval -- [FILE.jsonl ...] [--json] [--perturb [--show-lost]]  (one {"text", "lang", "id"} object per line;');
    console.error(`without FILE it uses ${DEFAULT_EVAL_FILE}, run from the project folder; --perturb: right id and reply language`);
    console.error('with each spelling perturbation applied alone, --show-lost: the lines each one loses)');
    return 2;
  }
  const config = loadConfig(readEnvironment());
  const safety = loadSafetyDetector(config.LOCALES_DIR);
  // Scored on what the assistant acts on: the safety detector first, then the matcher.
  const matcher = withSafety(loadMatcher(config.LOCALES_DIR, config.DEFAULT_LANGUAGE), () => safety);
  if (args.includes('--perturb')) {
    for (const file of files.length ? files : [DEFAULT_EVAL_FILE]) {
      const report = evaluatePerturbations(matcher, readLabelledFile(file, (m) => console.error(m)));
      if (json) console.log(JSON.stringify({ file, perturbations: report.rows.map(({ lost: _lost, ...row }) => row) }));
      else console.log(`== ${file} (perturbed)\n${formatPerturbationReport(report, args.includes('--show-lost'))}\n`);
    }
    return 0;
  }
  const reports = evaluateFiles(matcher, files.length ? files : [DEFAULT_EVAL_FILE], (m) => console.error(m));
  for (const [file, report] of reports) {
    if (json) console.log(JSON.stringify({ file, ...report }));
    else console.log(`== ${file}\n${formatReport(report)}\n`);
    printSafetyFigures(file, matcher, json);
  }
  return 0;
}

/** Emergency recall and false-alarm rate of `file`, on their own (JSON: one `{"file", "safety"}` line). */
function printSafetyFigures(file: string, understander: Parameters<typeof evaluateSafety>[0], json: boolean): void {
  const figures = evaluateSafety(understander, readLabelledFile(file, () => undefined));
  if (json) console.log(JSON.stringify({ file, safety: figures }));
  else console.log(`${formatSafetyFigures(figures)}\n`);
}

runIfMain(import.meta.url, main);
