import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readLabelledFile } from '../../src/cli/nluEval.js';

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', ['src/cli/nluEval.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', REDIS_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

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
    const { code, stdout } = await run(['test/fixtures/nlu/holdout.jsonl']);
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
