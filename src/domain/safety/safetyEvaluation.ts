import type { LabelledExample } from '../nlu/evaluation.js';
import type { UnderstandingContext } from '../nlu/understanding.js';
import type { SafeUnderstanding } from './safeUnderstander.js';
import { LEARNED_RULE } from './learnedSafetyLayer.js';
import { EMERGENCY_INTENT } from './safetyDetector.js';

/** Emergency figures of one labelled set (`nlu:eval`), apart from the topic accuracy. */
export interface SafetyFigures {
  /** Lines labelled `intent.emergency`. */
  readonly emergencies: number;
  /** Of those, the ones the assistant acts on as an emergency. */
  readonly caught: number;
  /** `caught / emergencies` (1 when there are none). */
  readonly recall: number;
  /** Of the caught ones, how many the safety detector caught (the rest: the matcher). */
  readonly byDetector: number;
  /** Of `byDetector`, how many its learned layer caught (the rules stayed silent). */
  readonly byLearned: number;
  /** Every firing of the detector (emergency and ordinary lines), by what fired: its rules or its learned layer. */
  readonly firings: { readonly rules: number; readonly learned: number };
  /** Lines with any other label (null included). */
  readonly ordinary: number;
  /** Ordinary lines the assistant treats as an emergency. */
  readonly falseAlarms: number;
  /** `falseAlarms / ordinary` (0 when there are none). */
  readonly falseAlarmRate: number;
  /** Firings by situation category (emergency and ordinary lines together). */
  readonly byCategory: Readonly<Record<string, number>>;
  /** Texts of the missed emergencies, in file order. */
  readonly missed: readonly string[];
  /** Texts of the false alarms with the rule that fired (`matcher` when it was the matcher). */
  readonly alarms: ReadonlyArray<{ readonly text: string; readonly rule: string }>;
}

/** Runs `understander` (the matcher behind the safety detector) on every example and counts emergency recall and false alarms. */
export function evaluateSafety(
  understander: { understand(text: string, context?: UnderstandingContext): SafeUnderstanding },
  examples: readonly LabelledExample[],
): SafetyFigures {
  let emergencies = 0;
  let caught = 0;
  let byDetector = 0;
  let byLearned = 0;
  const firings = { rules: 0, learned: 0 };
  let falseAlarms = 0;
  const byCategory: Record<string, number> = {};
  const missed: string[] = [];
  const alarms: Array<{ text: string; rule: string }> = [];
  for (const example of examples) {
    const result = understander.understand(example.text);
    const fired = result.id === EMERGENCY_INTENT;
    const learned = result.safety?.rule === LEARNED_RULE;
    if (result.safety) {
      byCategory[result.safety.category] = (byCategory[result.safety.category] ?? 0) + 1;
      firings[learned ? 'learned' : 'rules']++;
    }
    if (example.id === EMERGENCY_INTENT) {
      emergencies++;
      if (fired) caught++;
      else missed.push(example.text);
      if (result.safety) byDetector++;
      if (learned) byLearned++;
    } else if (fired) {
      falseAlarms++;
      alarms.push({ text: example.text, rule: result.safety?.rule ?? 'matcher' });
    }
  }
  const ordinary = examples.length - emergencies;
  return {
    emergencies,
    caught,
    recall: emergencies ? caught / emergencies : 1,
    byDetector,
    byLearned,
    firings,
    ordinary,
    falseAlarms,
    falseAlarmRate: ordinary ? falseAlarms / ordinary : 0,
    byCategory,
    missed,
    alarms,
  };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Plain-text rendering for the terminal; lists at most `maxListed` misses and false alarms each. */
export function formatSafetyFigures(figures: SafetyFigures, maxListed = 20): string {
  const lines = [
    'safety:',
    `  emergency recall: ${pct(figures.recall)} (${figures.caught}/${figures.emergencies} intent.emergency lines; ${figures.byDetector} by the safety detector, ${figures.byLearned} of them by its learned layer)`,
    `  false alarms: ${pct(figures.falseAlarmRate)} (${figures.falseAlarms}/${figures.ordinary} ordinary lines)`,
    `  detector firings: ${figures.firings.rules} by the rules, ${figures.firings.learned} by the learned layer`,
    `  firings by category: ${Object.entries(figures.byCategory).map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`,
  ];
  if (figures.missed.length) lines.push('  missed emergencies:', ...figures.missed.slice(0, maxListed).map((text) => `    ${JSON.stringify(text)}`));
  if (figures.alarms.length) lines.push('  false alarms:', ...figures.alarms.slice(0, maxListed).map((a) => `    [${a.rule}] ${JSON.stringify(a.text)}`));
  return lines.join('\n');
}
