import { normalise } from './normalise.js';

/** What {@link groupQuestions} needs of each question. */
export interface QuestionToGroup {
  readonly text: string;
  readonly lang: string;
  readonly at: number;
  readonly candidates?: ReadonlyArray<{ readonly id: string; readonly score: number }>;
}

/** Near-identical questions gathered together. */
export interface QuestionGroup {
  /** The most frequent wording of the group. */
  readonly text: string;
  readonly count: number;
  /** How many of the questions were in each language. */
  readonly languages: Readonly<Record<string, number>>;
  /** Closest topics over the group ("did you mean" candidates), most frequent first. */
  readonly nearestIds: readonly string[];
  readonly firstAt: number;
  readonly lastAt: number;
  /** Other wordings (up to 3), for staff to see the variety. */
  readonly variants: readonly string[];
}

/** Default similarity (cosine of character trigram counts, in [0, 1]) above which two questions are one group. */
export const GROUP_SIMILARITY = 0.6;

/** A wording is compared with at most this many groups (the largest first) before it starts its own. */
const MAX_COMPARED_GROUPS = 1000;

function trigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const padded = ` ${text} `;
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    dot += v * (b.get(k) ?? 0);
  }
  for (const v of b.values()) nb += v * v;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

interface Building {
  readonly grams: Map<string, number>;
  readonly wordings: Map<string, number>;
  readonly languages: Record<string, number>;
  readonly ids: Map<string, number>;
  count: number;
  firstAt: number;
  lastAt: number;
}

/**
 * Groups unanswered questions for the staff report: first by normalised text (so case, accents, SMS
 * spellings and punctuation do not split a group), then greedily merges groups whose character trigram
 * cosine reaches `similarity`. Most frequent groups first.
 * @param similarity default {@link GROUP_SIMILARITY}.
 */
export function groupQuestions(questions: readonly QuestionToGroup[], similarity = GROUP_SIMILARITY): QuestionGroup[] {
  const exact = new Map<string, QuestionToGroup[]>();
  for (const q of questions) {
    const key = normalise(q.text);
    const list = exact.get(key);
    if (list) list.push(q);
    else exact.set(key, [q]);
  }
  // Largest exact groups first, so a frequent wording becomes the seed that rarer variants join.
  const seeds = [...exact].sort((a, b) => b[1].length - a[1].length);
  const groups: Building[] = [];
  for (const [key, list] of seeds) {
    const grams = trigrams(key);
    // Compare with the largest groups only, so a report over tens of thousands of questions stays fast.
    let target = groups.slice(0, MAX_COMPARED_GROUPS).find((g) => cosine(g.grams, grams) >= similarity);
    if (!target) {
      target = { grams, wordings: new Map(), languages: {}, ids: new Map(), count: 0, firstAt: Infinity, lastAt: -Infinity };
      groups.push(target);
    }
    for (const q of list) {
      target.count++;
      target.wordings.set(q.text, (target.wordings.get(q.text) ?? 0) + 1);
      target.languages[q.lang] = (target.languages[q.lang] ?? 0) + 1;
      const best = q.candidates?.[0];
      if (best) target.ids.set(best.id, (target.ids.get(best.id) ?? 0) + 1);
      target.firstAt = Math.min(target.firstAt, q.at);
      target.lastAt = Math.max(target.lastAt, q.at);
    }
  }
  return groups
    .map((g) => {
      const wordings = [...g.wordings].sort((a, b) => b[1] - a[1]).map(([w]) => w);
      return {
        text: wordings[0] ?? '',
        count: g.count,
        languages: g.languages,
        nearestIds: [...g.ids].sort((a, b) => b[1] - a[1]).map(([id]) => id),
        firstAt: g.firstAt,
        lastAt: g.lastAt,
        variants: wordings.slice(1, 4),
      };
    })
    .sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}
