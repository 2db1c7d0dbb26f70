import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLabelledFile } from '../../../src/cli/nluEval.js';
import { loadSafetyDetector } from '../../../src/cli/loadSafety.js';
import { loadMatcher } from '../../../src/cli/nlu.js';
import { evaluate } from '../../../src/domain/nlu/evaluation.js';
import type { MessageUnderstander } from '../../../src/domain/nlu/understanding.js';
import { withSafety } from '../../../src/domain/safety/safeUnderstander.js';

let understander: MessageUnderstander;
beforeAll(() => {
  // What the assistant acts on, as `nlu:eval` scores it: the safety detector first, then the understander.
  const safety = loadSafetyDetector('locales');
  understander = withSafety(loadMatcher('locales', 'fr'), () => safety);
});

/**
 * The understanding figures README "Where it stands" and "How messages are understood" report, as floors: a change
 * that loses a right id, a right reply language or an honest "don't know" on these sets fails here. `minRight` and
 * `minLanguage` count lines; `minDontKnow` is the floor of both "don't know" precision and recall.
 * The blind sets are pinned at their figures when written (before any tuning), then raised as work lands.
 * Round 9 (3 December) lowered six development sets by one line each (ih-8 +9, the blind ih-9 +5): the model's
 * misspelt training copies and the new content moved lines near the decision line both ways.
 */
const FIGURES = [
  { file: 'test/fixtures/nlu/dev-set.jsonl', total: 80, minRight: 80, minLanguage: 80, minDontKnow: 1.0 },
  { file: '../shared/nlu/field-set-1.jsonl', total: 311, minRight: 311, minLanguage: 311, minDontKnow: 1.0 },
  { file: 'test/fixtures/nlu/holdout.jsonl', total: 150, minRight: 149, minLanguage: 150, minDontKnow: 0.92 },
  { file: 'test/fixtures/nlu/probes.jsonl', total: 100, minRight: 94, minLanguage: 100, minDontKnow: 0.92 },
  { file: 'test/fixtures/nlu/generalisation.jsonl', total: 163, minRight: 161, minLanguage: 161, minDontKnow: 0.96 },
  // nlu11 (normalise no longer doubles an SMS expansion typed beside its full form: "c'est" reads "c est", not "c est
  // est"; three fr examples reworded): +1 here, +1 on -6, +2 on -8, -1 on -5 and on -9 (the model retrained on the
  // content's new tokens), +1 on blind -10: net +2 on these development sets, +1 with the safety sets' ids.
  { file: 'test/fixtures/nlu/independent-holdout.jsonl', total: 276, minRight: 273, minLanguage: 273, minDontKnow: 0.97 },
  { file: 'test/fixtures/nlu/independent-holdout-2.jsonl', total: 341, minRight: 331, minLanguage: 341, minDontKnow: 0.95 },
  { file: 'test/fixtures/nlu/independent-holdout-3.jsonl', total: 361, minRight: 355, minLanguage: 361, minDontKnow: 0.96 },
  { file: 'test/fixtures/nlu/independent-holdout-4.jsonl', total: 329, minRight: 320, minLanguage: 329, minDontKnow: 0.96 },
  // -1 with nlu11's tokens (an eligibility question read as avrr.what).
  { file: 'test/fixtures/nlu/independent-holdout-5.jsonl', total: 425, minRight: 417, minLanguage: 425, minDontKnow: 0.95 },
  { file: 'test/fixtures/nlu/independent-holdout-6.jsonl', total: 369, minRight: 354, minLanguage: 369, minDontKnow: 0.94 },
  { file: 'test/fixtures/nlu/independent-holdout-7.jsonl', total: 402, minRight: 393, minLanguage: 402, minDontKnow: 0.96 },
  // Blind, written on 3 December by a new author; measured on main at 9114701 before any tuning: 367/391 (93.9%),
  // reply language 387/391 (99.0%), "don't know" precision 0.965, recall 0.932.
  // After the nlu8 / nlu8l / safety12 / safety12l rounds (which never read it): 369/391 (94.4%), 388/391 (99.2%), same.
  // After the nlu9 / nlu9m / nlu9s rounds (holdout-8 a development set since): 378/391 (96.7%), 388/391, 0.935 / 0.983.
  { file: 'test/fixtures/nlu/independent-holdout-8.jsonl', total: 391, minRight: 385, minLanguage: 388, minDontKnow: 0.96 },
  // Blind independent-holdout-9 (written 3 December 2026 by blindh9), on main at 6adadc0 before any tuning: right id
  // 396/424 (93.4%; fr 171/190, en 119/124, ar 106/110), reply language 422/424 (99.5%), "don't know" 0.984 / 0.968.
  // After the nlu9 / nlu9m / nlu9s / safety13 / safety13l rounds (which never read it): 401/424 (94.6%; fr 175/190,
  // en 119/124, ar 107/110), 422/424, "don't know" 1.0 / 0.984.
  // -1 with nlu11's tokens (a third-country question read as avrr.what).
  { file: 'test/fixtures/nlu/independent-holdout-9.jsonl', total: 424, minRight: 416, minLanguage: 422, minDontKnow: 0.98 },
  // Blind independent-holdout-10 (written 3 December 2026, evening, by blindh10), on main at d174a3c before any
  // tuning: right id 414/437 (94.7%; fr 185/198, en 116/122, ar 113/117), reply language 436/437 (99.8%), "don't know"
  // precision 0.921, recall 0.983. independent-holdout-9 is a development set since.
  // After the nlu10 / nlu10m / safety14 / safety14l / speed16n rounds (which never read it): 415/437 (94.97%; fr
  // 185/198, en 117/122, ar 113/117), 436/437, "don't know" 0.919 / 0.966. independent-holdout-9 after them: 418/424.
  // Holdout and generalisation lose one line each to the new content (the model's training order moves with the
  // number of examples); every other development set gains or holds.
  // After the nlu12 round (a development set since; its misses grouped into kinds, fixed with examples, topic terms and
  // neighbour rules in other words): 428/437 (97.9%; fr 193/198, en 121/122, ar 114/117), 436/437, "don't know" 0.983 /
  // 0.966. The retraining moved lines near the decision line elsewhere: ih-3 and ih-6 -2, ih-5 -1; holdout, ih-2 +1,
  // generalisation, ih-8 +2; "don't know" up on ih-2 to ih-5 and ih-7, down on ih-6 (0.96 -> 0.94).
  // Merged with nlu11's normalisation and safety16l/speednlu (4 December): 427/437; ih-9 416, ih-5 417, ih-8 385, ih-6 354.
  { file: 'test/fixtures/nlu/independent-holdout-10.jsonl', total: 437, minRight: 427, minLanguage: 436, minDontKnow: 0.96 },
  // Blind independent-holdout-11 (written 4 December 2026 by blindh11), on main at 457a93d before any tuning: right id
  // 452/477 (94.8%; fr 204/212, en 131/142, ar 117/123), reply language 476/477 (99.8%), "don't know" precision 0.908,
  // recall 0.952. independent-holdout-10 is a development set since.
  // After the nlu11 / nlu12 / speednlu / safety16l rounds (which never read it; summary figures only): 454/477 (95.2%;
  // fr 203/212, en 133/142, ar 118/123), reply language 476/477, "don't know" 0.923 / 0.968.
  { file: 'test/fixtures/nlu/independent-holdout-11.jsonl', total: 477, minRight: 454, minLanguage: 476, minDontKnow: 0.92 },
];

describe('understanding figures on the labelled sets', () => {
  it.each(FIGURES)('$file: at least $minRight/$total right ids, $minLanguage reply languages', (f) => {
    if (!existsSync(f.file)) return; // the field set lives beside the project, not in a fresh clone
    const examples = readLabelledFile(f.file, (m) => {
      throw new Error(m);
    });
    const report = evaluate(understander, examples);
    expect(report.total).toBe(f.total);
    expect(Math.round(report.accuracy * report.total)).toBeGreaterThanOrEqual(f.minRight);
    expect(Math.round(report.languageAccuracy * report.total)).toBeGreaterThanOrEqual(f.minLanguage);
    expect(report.dontKnow.precision).toBeGreaterThanOrEqual(f.minDontKnow);
    expect(report.dontKnow.recall).toBeGreaterThanOrEqual(f.minDontKnow);
  });
});
