import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../../src/domain/nlu/normalise.js';
import { loadTestContent } from './loadTestContent.js';

const HOLDOUT = 'test/fixtures/nlu/holdout.jsonl';

describe('the held-out set (test/fixtures/nlu/holdout.jsonl)', () => {
  it('shares no line with the locale examples, even after normalisation, so its score measures generalisation', () => {
    const content = loadTestContent();
    const examples = new Map<string, string>();
    for (const entry of [...content.faq, ...content.intents]) for (const example of entry.examples) examples.set(normalise(example), `${entry.lang}/${entry.id}`);
    const lines = readFileSync(HOLDOUT, 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThanOrEqual(150);
    const leaked = lines
      .map((line, i) => ({ line: i + 1, text: (JSON.parse(line) as { text: string }).text }))
      .filter(({ text }) => examples.has(normalise(text)))
      .map(({ line, text }) => `${HOLDOUT}:${line} "${text}" is an example of ${examples.get(normalise(text))}`);
    expect(leaked).toEqual([]);
  });
});
