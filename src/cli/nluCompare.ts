import { runIfMain } from './runIfMain.js';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import { ContentError } from '../domain/content/contentError.js';
import { loadContent } from '../domain/content/contentLoader.js';
import { evaluate, type EvaluationReport, type LabelledExample } from '../domain/nlu/evaluation.js';
import { BLEND_MODEL_WEIGHT, createUnderstander, decide, type DecisionParameters, type HybridOptions, type UnderstandingParts } from '../domain/nlu/hybridUnderstander.js';
import type { MatcherContent } from '../domain/nlu/matcher.js';
import type { Understanding } from '../domain/nlu/understanding.js';
import { readLabelledFile } from './nluEval.js';
import { contentSplit, foldContent, interleavedFolds } from '../domain/nlu/heldOutSplit.js';

/** Usage text of `npm run nlu:compare`. */
export const NLU_COMPARE_USAGE = [
  'Usage: npm run --silent nlu:compare -- [--folds N] [--epochs N] [--grid] [--split FILE]... [--holdout FILE]...',
  '  --split FILE    labelled file used k-fold: each fold is scored by models trained on the content plus the other folds',
  '  --holdout FILE  labelled file scored by models trained on the content alone (never used for training)',
  '  --content-split  also score every 4th example of each content entry with models trained on the other examples',
  '  --grid          also search the decision parameters on the k-fold results (tuning data: the split files only)',
  'Prints right id, reply language and "don\'t know" precision / recall for the matcher alone, the model alone and the blend.',
].join('\n');

/** One scored message: what each approach would answer. */
interface Scored {
  readonly example: LabelledExample;
  readonly matcher: Understanding;
  readonly parts: UnderstandingParts;
}

function scoreWith(content: MatcherContent, examples: readonly LabelledExample[], options: HybridOptions): { ids: readonly string[]; scored: Scored[] } {
  const understander = createUnderstander(content, options);
  return {
    ids: understander.model.ids,
    scored: examples.map((example) => ({ example, matcher: understander.matcher.understand(example.text), parts: understander.parts(example.text) })),
  };
}

function report(scored: ReadonlyArray<Scored>, answer: (s: Scored) => Understanding): EvaluationReport {
  const answers = new Map<string, Understanding>();
  for (const s of scored) answers.set(s.example.text, answer(s));
  return evaluate({ understand: (text) => answers.get(text)! }, scored.map((s) => s.example));
}

/** Cost used to pick parameters: a wrong confident answer costs twice an honest "don't know". */
function cost(r: EvaluationReport, scored: ReadonlyArray<Scored>, answer: (s: Scored) => Understanding): number {
  let c = 0;
  for (const s of scored) {
    const got = answer(s).id;
    if (got === s.example.id) continue;
    c += got === null ? 1 : 2;
  }
  return c / Math.max(1, r.total);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const row = (name: string, r: EvaluationReport) =>
  `| ${name.padEnd(34)} | ${String(r.total).padStart(5)} | ${pct(r.accuracy).padStart(6)} | ${pct(r.languageAccuracy).padStart(6)} | ${r.dontKnow.precision.toFixed(2)} / ${r.dontKnow.recall.toFixed(2)} |`;

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.length === 0) {
    console.error(NLU_COMPARE_USAGE);
    return args.length === 0 ? 2 : 0;
  }
  const config = loadConfig(readEnvironment());
  const { snapshot, errors } = loadContent(config.LOCALES_DIR);
  if (!snapshot) throw new ContentError(errors);
  const warn = (m: string) => console.error(m);
  const take = (flag: string) => args.flatMap((a, i) => (a === flag && args[i + 1] ? [args[i + 1]!] : []));
  const folds = Number(take('--folds')[0] ?? 5);
  const epochs = take('--epochs')[0];
  const nluOptions = { matcher: { defaultLanguage: config.DEFAULT_LANGUAGE }, model: epochs ? { epochs: Number(epochs) } : {} };
  const defaults: DecisionParameters = createUnderstander({ faq: [], intents: [] }, nluOptions).parameters;

  const sets: Array<{ name: string; ids: readonly string[]; scored: Scored[]; tuning: boolean }> = [];
  for (const file of take('--split')) {
    const examples = readLabelledFile(file, warn);
    const parts = interleavedFolds(examples, folds);
    const scored: Scored[] = [];
    let ids: readonly string[] = [];
    parts.forEach((test, f) => {
      const train = parts.filter((_, g) => g !== f).flat();
      const result = scoreWith(foldContent(snapshot, test, train), test, { ...nluOptions, ...defaults });
      ids = result.ids;
      scored.push(...result.scored);
    });
    sets.push({ name: `${file} (${folds}-fold)`, ids, scored, tuning: true });
  }
  if (args.includes('--content-split')) {
    const { train, held } = contentSplit(snapshot);
    sets.push({ name: 'content examples (1 in 4 held out)', ...scoreWith(train, held, { ...nluOptions, ...defaults }), tuning: true });
  }
  for (const file of take('--holdout')) {
    const result = scoreWith(snapshot, readLabelledFile(file, warn), { ...nluOptions, ...defaults });
    sets.push({ name: `${file} (held out)`, ...result, tuning: false });
  }

  let chosen = defaults;
  if (args.includes('--grid')) {
    const tuning = sets.filter((s) => s.tuning);
    let bestCost = Infinity;
    for (const modelWeight of [0.5, 0.6, 0.7, 0.8, 0.9, 1])
      for (const questionWeight of [0, 0.3, 0.5])
        for (const confidentThreshold of [0.05, 0.1, 0.15, 0.2, 0.25])
          for (const outOfScopeCeiling of [0.3, 0.35, 0.4, 0.45, 0.5])
          for (const matcherMaxChars of [0, 40, 100, 200]) {
            const p = { ...defaults, modelWeight, questionWeight, confidentThreshold, outOfScopeCeiling, matcherMaxChars };
            let c = 0;
            for (const s of tuning) {
              const answer = (x: Scored) => decide(s.ids, x.parts, p);
              c += cost(report(s.scored, answer), s.scored, answer);
            }
            if (c < bestCost - 1e-9) {
              bestCost = c;
              chosen = p;
            }
          }
    console.log(`best parameters on the split files: ${JSON.stringify(chosen)} (cost ${bestCost.toFixed(3)})`);
  }

  console.log('| set · approach                     | lines | right id | lang | "don\'t know" P / R |');
  console.log('|---|---|---|---|---|');
  for (const s of sets) {
    console.log(row('matcher alone', report(s.scored, (x) => x.matcher)) + ` ${s.name}`);
    console.log(row('model alone', report(s.scored, (x) => decide(s.ids, x.parts, { ...chosen, modelWeight: 1 }))) + ` ${s.name}`);
    const blend = { ...chosen, modelWeight: chosen.modelWeight < 1 ? chosen.modelWeight : BLEND_MODEL_WEIGHT };
    console.log(row(`model + matcher (${blend.modelWeight})`, report(s.scored, (x) => decide(s.ids, x.parts, blend))) + ` ${s.name}`);
  }
  return 0;
}

runIfMain(import.meta.url, main);
