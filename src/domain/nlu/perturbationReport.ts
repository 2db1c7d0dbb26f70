import type { LabelledExample } from './evaluation.js';
import { PERTURBATIONS, type Perturbation } from './perturbations.js';
import type { MessageUnderstander } from './understanding.js';

/** Figures of one perturbation applied to every line of a set (lines it does not change are scored as they are). */
export interface PerturbationRow {
  /** Perturbation name, or "clean" for the set as written. */
  readonly name: string;
  /** Lines the perturbation changed. */
  readonly changed: number;
  /** Share of lines with the right id (null included), in [0, 1]. */
  readonly accuracy: number;
  /** Share of lines answered in the labelled language. */
  readonly languageAccuracy: number;
  /** Lines right when clean and wrong once perturbed (id). */
  readonly idLost: number;
  /** Lines in the right language when clean and in another once perturbed. */
  readonly languageLost: number;
  /** The lines lost (id or language), as perturbed, with what was expected and what came. */
  readonly lost: ReadonlyArray<{ readonly text: string; readonly expected: string; readonly got: string }>;
}

/** Result of {@link evaluatePerturbations}: the clean row first, then one row per perturbation. */
export interface PerturbationReport {
  readonly total: number;
  readonly rows: readonly PerturbationRow[];
}

/**
 * Scores `understander` on `examples` as written, then with each perturbation applied alone, so the drop each
 * spelling habit causes shows (each message judged alone, without conversation context, as in `evaluate`).
 */
export function evaluatePerturbations(
  understander: MessageUnderstander,
  examples: readonly LabelledExample[],
  perturbations: readonly Perturbation[] = PERTURBATIONS,
): PerturbationReport {
  const clean = examples.map((e) => understander.understand(e.text));
  const n = examples.length || 1;
  const rows: PerturbationRow[] = [
    {
      name: 'clean',
      changed: 0,
      accuracy: clean.filter((r, i) => r.id === examples[i]!.id).length / n,
      languageAccuracy: clean.filter((r, i) => r.lang === examples[i]!.lang).length / n,
      idLost: 0,
      languageLost: 0,
      lost: [],
    },
  ];
  for (const perturbation of perturbations) {
    let changed = 0;
    let right = 0;
    let langRight = 0;
    let idLost = 0;
    let languageLost = 0;
    const lost: Array<{ text: string; expected: string; got: string }> = [];
    examples.forEach((e, i) => {
      const text = perturbation.apply(e.text, e.lang);
      const result = text === e.text ? clean[i]! : understander.understand(text);
      if (text !== e.text) changed++;
      const lostId = result.id !== e.id && clean[i]!.id === e.id;
      const lostLanguage = result.lang !== e.lang && clean[i]!.lang === e.lang;
      if (result.id === e.id) right++;
      if (result.lang === e.lang) langRight++;
      if (lostId) idLost++;
      if (lostLanguage) languageLost++;
      if (lostId || lostLanguage) lost.push({ text, expected: `${e.id ?? 'null'} ${e.lang}`, got: `${result.id ?? 'null'} ${result.lang}` });
    });
    rows.push({ name: perturbation.name, changed, accuracy: right / n, languageAccuracy: langRight / n, idLost, languageLost, lost });
  }
  return { total: examples.length, rows };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const delta = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(1)}`;

/**
 * Plain-text table of a {@link PerturbationReport}: per perturbation, lines changed, right id and reply language with
 * their drop and the lines lost. With `showLost`, the lost lines follow (as perturbed: to study, never to copy into content).
 */
export function formatPerturbationReport(report: PerturbationReport, showLost = false): string {
  const [clean, ...rows] = report.rows;
  if (!clean) return 'no lines';
  const lines = [
    `examples: ${report.total}`,
    `${'perturbation'.padEnd(16)} ${'changed'.padStart(7)} ${'right id'.padStart(8)} ${'Δ'.padStart(6)} ${'lost'.padStart(4)} ${'language'.padStart(8)} ${'Δ'.padStart(6)} ${'lost'.padStart(4)}`,
    `${'clean'.padEnd(16)} ${'-'.padStart(7)} ${pct(clean.accuracy).padStart(8)} ${''.padStart(6)} ${''.padStart(4)} ${pct(clean.languageAccuracy).padStart(8)}`,
    ...rows.map(
      (r) =>
        `${r.name.padEnd(16)} ${String(r.changed).padStart(7)} ${pct(r.accuracy).padStart(8)} ${delta(r.accuracy - clean.accuracy).padStart(6)} ${String(r.idLost).padStart(4)} ` +
        `${pct(r.languageAccuracy).padStart(8)} ${delta(r.languageAccuracy - clean.languageAccuracy).padStart(6)} ${String(r.languageLost).padStart(4)}`,
    ),
  ];
  if (showLost) {
    for (const r of rows) for (const l of r.lost) lines.push(`  ${r.name}: ${l.expected} → ${l.got}   ${JSON.stringify(l.text)}`);
  }
  return lines.join('\n');
}
