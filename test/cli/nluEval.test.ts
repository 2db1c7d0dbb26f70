import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelledFile } from '../../src/cli/nluEval.js';
import { runCommand } from '../helpers/runCommand.js';


describe('readLabelledFile', () => {
  it('reads {text, lang, id} lines and reports bad ones by line number', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eval-')), 'set.jsonl');
    writeFileSync(file, '{"text":"a","lang":"fr","id":null}\nnot json\n{"text":"b","lang":"xx","id":"y"}\n\n{"text":"c","lang":"ar","id":"avrr.cost"}\n');
    const warnings: string[] = [];
    const examples = readLabelledFile(file, (m) => warnings.push(m));
    expect(examples.map((e) => e.text)).toEqual(['a', 'c']);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(':2:');
    expect(warnings[1]).toContain(':3:');
  });
});

describe('npm run nlu:eval', () => {
  it('reports accuracy overall, by language and by id, "don\'t know" precision/recall and confusions', async () => {
    const { code, stdout } = await runCommand('node_modules/.bin/tsx', ['src/cli/nluEval.ts', ...['test/fixtures/nlu/holdout.jsonl']], { env: { REDIS_URL: '' } });
    expect(code).toBe(0);
    expect(stdout).toMatch(/examples: 150/);
    expect(stdout).toMatch(/id accuracy \(null included\): \d+\.\d%/);
    expect(stdout).toMatch(/reply-language accuracy: \d+\.\d%/);
    expect(stdout).toMatch(/"don't know" \(null\): precision \d+\.\d%.*recall \d+\.\d%/);
    expect(stdout).toMatch(/by language:\n\s+fr/);
    expect(stdout).toMatch(/avrr\.cost\s+\d+\.\d%/);
    expect(stdout).toContain('worst confusions');
  });
});
