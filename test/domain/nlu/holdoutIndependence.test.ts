import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../../src/domain/nlu/normalise.js';
import type { ContentProblem } from '../../../src/domain/content/contentError.js';
import { loadSafetyExamples } from '../../../src/domain/safety/safetyExamplesLoader.js';
import { LANGUAGES } from '../../../src/i18n/languages.js';
import { loadTestContent } from './loadTestContent.js';

// Sets that measure generalisation: none of their lines may become a content example.
const HELD_OUT_SETS = [
  { file: 'test/fixtures/nlu/holdout.jsonl', minLines: 150 },
  { file: 'test/fixtures/nlu/independent-holdout.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/independent-holdout-2.jsonl', minLines: 250 },
  { file: 'test/fixtures/nlu/independent-holdout-3.jsonl', minLines: 320 },
  { file: 'test/fixtures/nlu/independent-holdout-4.jsonl', minLines: 300 },
  { file: 'test/fixtures/nlu/independent-holdout-5.jsonl', minLines: 300 },
  { file: 'test/fixtures/nlu/independent-holdout-6.jsonl', minLines: 300 },
  { file: 'test/fixtures/nlu/independent-holdout-7.jsonl', minLines: 300 },
  { file: 'test/fixtures/nlu/independent-holdout-8.jsonl', minLines: 300 },
  { file: 'test/fixtures/nlu/independent-holdout-9.jsonl', minLines: 300 },
  { file: 'test/fixtures/nlu/independent-holdout-10.jsonl', minLines: 300 },
  { file: 'test/fixtures/nlu/independent-holdout-11.jsonl', minLines: 300 },
  { file: 'test/fixtures/nlu/safety-set.jsonl', minLines: 150 },
  { file: 'test/fixtures/nlu/safety-set-2.jsonl', minLines: 150 },
  { file: 'test/fixtures/nlu/safety-set-3.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/safety-set-4.jsonl', minLines: 250 },
  { file: 'test/fixtures/nlu/safety-set-5.jsonl', minLines: 220 },
  { file: 'test/fixtures/nlu/safety-set-6.jsonl', minLines: 220 },
  { file: 'test/fixtures/nlu/safety-set-7.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/safety-set-8.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/safety-set-9.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/safety-set-10.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/safety-set-11.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/safety-set-12.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/safety-set-13.jsonl', minLines: 200 },
];

describe('the held-out sets', () => {
  const content = loadTestContent();
  const problems: ContentProblem[] = [];
  const safetyExamples = loadSafetyExamples('locales', LANGUAGES, problems);
  const examples = new Map<string, string>();
  for (const entry of [...content.faq, ...content.intents]) for (const example of entry.examples) examples.set(normalise(example), `${entry.lang}/${entry.id}`);
  // The learned safety layer's corpus (safety-examples.yaml) is trained on too: no held-out line may be in it either.
  for (const corpus of safetyExamples) {
    for (const [category, list] of Object.entries(corpus.emergency)) for (const example of list ?? []) examples.set(normalise(example), `${corpus.lang}/safety-examples emergency.${category}`);
    for (const example of corpus.ordinary) examples.set(normalise(example), `${corpus.lang}/safety-examples ordinary`);
    for (const example of corpus.everyday) examples.set(normalise(example), `${corpus.lang}/safety-ordinary`);
  }

  it('reads the safety example corpus of every language', () => {
    expect(problems).toEqual([]);
    expect(safetyExamples.map((corpus) => corpus.lang).sort()).toEqual(['ar', 'en', 'fr']);
  });

  it.each(HELD_OUT_SETS)('$file shares no line with the locale examples, even after normalisation, so its score measures generalisation', ({ file, minLines }) => {
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(minLines);
    const leaked = lines
      .map((line, i) => ({ line: i + 1, text: (JSON.parse(line) as { text: string }).text }))
      .filter(({ text }) => examples.has(normalise(text)))
      .map(({ line, text }) => `${file}:${line} "${text}" is an example of ${examples.get(normalise(text))}`);
    expect(leaked).toEqual([]);
  });
});

/** Words of a line, as a set (for the near-copy check). */
function wordSet(text: string): Set<string> {
  return new Set(normalise(text).split(' ').filter(Boolean));
}

describe('the safety example corpus', () => {
  const safetyExamples = loadSafetyExamples('locales', LANGUAGES, []);
  const corpus = safetyExamples.flatMap((c) => [...Object.values(c.emergency).flatMap((list) => list ?? []), ...c.ordinary].map((text) => ({ lang: c.lang, text, words: wordSet(text) })));

  it.each(HELD_OUT_SETS)('holds no near copy of a line of $file (60% of their words or more in common)', ({ file }) => {
    const near = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .flatMap((line, i) => {
        const words = wordSet((JSON.parse(line) as { text: string }).text);
        return corpus
          .filter((c) => {
            const shared = [...c.words].filter((w) => words.has(w)).length;
            return shared / (c.words.size + words.size - shared) >= 0.6;
          })
          .map((c) => `${file}:${i + 1} is near ${c.lang}/safety-examples.yaml "${c.text}"`);
      });
    expect(near).toEqual([]);
  });
});
