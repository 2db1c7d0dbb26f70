// Issue 13's goals, checked against the figures of one bench invocation.
import type { LoadRunResult } from './loadRun.js';
import type { RatioLine } from './scenarios.js';

/** One goal with what was measured; `met` is null when no run of this invocation measures it. */
export interface GoalLine {
  goal: string;
  measured: string;
  met: boolean | null;
}

const worst = (xs: number[], pick: (a: number, b: number) => number) => (xs.length === 0 ? null : xs.reduce((a, b) => pick(a, b)));

/** Evaluates every goal; a goal no selected scenario measures is reported as not measured. */
export function evaluateGoals(runs: readonly LoadRunResult[], ratios: readonly RatioLine[]): GoalLine[] {
  const assistant = runs.filter((r) => r.variant.startsWith('assistant'));
  const raisedRatios = ratios.filter((r) => r.scenario === 'graph0' && r.answeredPerSecondOverall !== null).map((r) => r.answeredPerSecondOverall!);
  const g150 = assistant.filter((r) => r.scenario === 'graph150');
  const lowestRatio = worst(raisedRatios, Math.min);
  const best150 = worst(g150.map((r) => r.answeredPerSecondOverall), Math.max);
  const ack99 = worst(g150.map((r) => r.ackP99Ms), Math.max);
  const rss = worst(assistant.map((r) => r.peakRssMb), Math.max);
  const missing = assistant.reduce((s, r) => s + r.missing + (r.readReceiptsMissing ?? 0), 0);
  const duplicated = runs.reduce((s, r) => s + r.duplicated + (r.readReceiptsDuplicated ?? 0), 0);
  const undrained = assistant.filter((r) => !r.drained).length;
  return [
    { goal: 'answered/s ≥ 1.0× bare (graph0, same round, raised limits)', measured: lowestRatio === null ? 'not measured' : `${lowestRatio}× (lowest round)`, met: lowestRatio === null ? null : lowestRatio >= 1 },
    { goal: '1,000 answered/s, Graph at 150 ms, raised limits, one instance', measured: best150 === null ? 'not measured' : `${best150}/s`, met: best150 === null ? null : best150 >= 1000 },
    { goal: 'ack p99 ≤ 50 ms under that load', measured: ack99 === null ? 'not measured' : `${ack99} ms`, met: ack99 === null ? null : ack99 <= 50 },
    { goal: 'peak RSS ≤ 250 MB per assistant instance', measured: rss === null ? 'not measured' : `${rss} MB`, met: rss === null ? null : rss <= 250 },
    { goal: '0 missing replies (assistant; replies and read receipts)', measured: assistant.length === 0 ? 'not measured' : `${missing}${undrained > 0 ? ` (${undrained} run(s) not drained within the bound)` : ''}`, met: assistant.length === 0 ? null : missing === 0 },
    { goal: '0 duplicated replies (every run)', measured: runs.length === 0 ? 'not measured' : String(duplicated), met: runs.length === 0 ? null : duplicated === 0 },
  ];
}
