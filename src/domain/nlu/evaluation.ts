import { z } from 'zod';
import { LANGUAGES } from '../../i18n/languages.js';
import type { MessageUnderstander } from './understanding.js';

/** One labelled example of an evaluation file (`dev-set.jsonl`): the text, the reply language and the id (null = "I don't know"). */
export const LabelledExample = z.object({
  text: z.string(),
  lang: z.enum(LANGUAGES),
  id: z.string().nullable(),
});
export type LabelledExample = z.infer<typeof LabelledExample>;

/** Accuracy of one group of examples. */
export interface GroupScore {
  readonly right: number;
  readonly total: number;
}

/** Result of {@link evaluate}. */
export interface EvaluationReport {
  readonly total: number;
  /** Share of examples whose id (null included) is right, in [0, 1]. */
  readonly accuracy: number;
  /** Share of examples answered in the labelled language. */
  readonly languageAccuracy: number;
  readonly byId: Readonly<Record<string, GroupScore>>;
  readonly byLanguage: Readonly<Record<string, GroupScore>>;
  /** "I don't know" (null): precision = right nulls / nulls predicted; recall = right nulls / nulls expected. */
  readonly dontKnow: { readonly precision: number; readonly recall: number; readonly predicted: number; readonly expected: number };
  /** Most frequent (expected → predicted) mistakes, most frequent first. */
  readonly confusions: ReadonlyArray<{ readonly expected: string; readonly predicted: string; readonly count: number; readonly example: string }>;
}

const label = (id: string | null) => id ?? 'null';

/** Runs `understander` on every example and scores ids, languages and "I don't know". */
export function evaluate(understander: MessageUnderstander, examples: readonly LabelledExample[]): EvaluationReport {
  const byId: Record<string, { right: number; total: number }> = {};
  const byLanguage: Record<string, { right: number; total: number }> = {};
  const confusions = new Map<string, { expected: string; predicted: string; count: number; example: string }>();
  let right = 0;
  let langRight = 0;
  let nullPredicted = 0;
  let nullExpected = 0;
  let nullRight = 0;
  for (const example of examples) {
    // Each message is judged alone, without conversation context (as the `nlu` CLI does).
    const result = understander.understand(example.text);
    const ok = result.id === example.id;
    const idGroup = (byId[label(example.id)] ??= { right: 0, total: 0 });
    const langGroup = (byLanguage[example.lang] ??= { right: 0, total: 0 });
    idGroup.total++;
    langGroup.total++;
    if (ok) {
      right++;
      idGroup.right++;
      langGroup.right++;
    } else {
      const key = `${label(example.id)}→${label(result.id)}`;
      const c = confusions.get(key) ?? { expected: label(example.id), predicted: label(result.id), count: 0, example: example.text };
      c.count++;
      confusions.set(key, c);
    }
    if (result.lang === example.lang) langRight++;
    if (result.id === null) nullPredicted++;
    if (example.id === null) nullExpected++;
    if (result.id === null && example.id === null) nullRight++;
  }
  const n = examples.length || 1;
  return {
    total: examples.length,
    accuracy: right / n,
    languageAccuracy: langRight / n,
    byId,
    byLanguage,
    dontKnow: {
      precision: nullPredicted ? nullRight / nullPredicted : 1,
      recall: nullExpected ? nullRight / nullExpected : 1,
      predicted: nullPredicted,
      expected: nullExpected,
    },
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Plain-text rendering of a report for the terminal (`npm run nlu:eval`). */
export function formatReport(report: EvaluationReport, maxConfusions = 15): string {
  const lines = [
    `examples: ${report.total}`,
    `id accuracy (null included): ${pct(report.accuracy)}`,
    `reply-language accuracy: ${pct(report.languageAccuracy)}`,
    `"don't know" (null): precision ${pct(report.dontKnow.precision)} (${report.dontKnow.predicted} predicted), recall ${pct(report.dontKnow.recall)} (${report.dontKnow.expected} expected)`,
    '',
    'by language:',
    ...Object.entries(report.byLanguage).map(([lang, g]) => `  ${lang.padEnd(4)} ${pct(g.right / g.total).padStart(6)}  ${g.right}/${g.total}`),
    '',
    'by id:',
    ...Object.entries(report.byId)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, g]) => `  ${id.padEnd(28)} ${pct(g.right / g.total).padStart(6)}  ${g.right}/${g.total}`),
    '',
    'worst confusions (expected → predicted):',
    ...report.confusions.slice(0, maxConfusions).map((c) => `  ${c.count}× ${c.expected} → ${c.predicted}   e.g. ${JSON.stringify(c.example)}`),
  ];
  if (report.confusions.length === 0) lines.push('  none');
  return lines.join('\n');
}
