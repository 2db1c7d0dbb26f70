import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../../src/domain/nlu/normalise.js';
import { loadTestContent } from './loadTestContent.js';

// Sets that measure generalisation: none of their lines may become a content example.
const HELD_OUT_SETS = [
  { file: 'test/fixtures/nlu/holdout.jsonl', minLines: 150 },
  { file: 'test/fixtures/nlu/independent-holdout.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/independent-holdout-2.jsonl', minLines: 250 },
  { file: 'test/fixtures/nlu/independent-holdout-3.jsonl', minLines: 320 },
  { file: 'test/fixtures/nlu/safety-set.jsonl', minLines: 150 },
  { file: 'test/fixtures/nlu/safety-set-2.jsonl', minLines: 150 },
  { file: 'test/fixtures/nlu/safety-set-3.jsonl', minLines: 200 },
  { file: 'test/fixtures/nlu/safety-set-4.jsonl', minLines: 250 },
  { file: 'test/fixtures/nlu/safety-set-5.jsonl', minLines: 220 },
];

describe('the held-out sets', () => {
  const content = loadTestContent();
  const examples = new Map<string, string>();
  for (const entry of [...content.faq, ...content.intents]) for (const example of entry.examples) examples.set(normalise(example), `${entry.lang}/${entry.id}`);

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
