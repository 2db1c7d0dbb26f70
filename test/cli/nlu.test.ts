import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runNluJsonl } from '../../src/cli/nlu.js';
import type { Understanding } from '../../src/domain/nlu/understanding.js';
import { runCommand } from '../helpers/runCommand.js';


const INPUT = [
  '{"text": "Est-ce que le retour est gratuit ?"}',
  '{"text": "wach l retour b flous wla fabor?"}',
  'this is not json',
  '',
  '{"texte": "wrong field"}',
  '{"text": "What is the capital of Canada?"}',
  '{"text": "Can you speak English?"}',
].join('\n');

function parseLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('npm run nlu -- --jsonl', () => {
  it('prints exactly one JSON line per input line, in order, and nothing else on stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlu-'));
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, INPUT);
    const { code, stdout, stderr } = await runCommand('npm', ['run', '--silent', 'nlu', '--', '--jsonl', file], { env: { REDIS_URL: '' } });
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    expect(lines).toHaveLength(6);
    for (const line of lines) expect(Object.keys(line)).toEqual(['text', 'lang', 'id', 'score']);
    expect(lines[0]).toMatchObject({ text: 'Est-ce que le retour est gratuit ?', lang: 'fr', id: 'avrr.cost' });
    expect(lines[1]).toMatchObject({ lang: 'ar', id: 'avrr.cost' });
    expect(lines[2]).toEqual({ text: 'this is not json', lang: 'fr', id: null, score: 0 });
    expect(lines[3]).toMatchObject({ id: null, score: 0 });
    expect(lines[4]).toMatchObject({ text: 'What is the capital of Canada?', lang: 'en', id: null });
    expect(lines[5]).toMatchObject({ lang: 'en', id: 'intent.language' });
    expect(typeof lines[0]!.score).toBe('number');
    // Bad lines are reported on stderr by line number, never by content.
    expect(stderr).toContain('line 3:');
    expect(stderr).toContain('line 5:');
    expect(stderr).not.toContain('wrong field');
  });

  it('prints intent.emergency and the situation when the safety detector fires, whatever the matcher found', async () => {
    const stdin = ['{"text": "mon patron a pris mon passeport et ne me laisse pas sortir"}', '{"text": "wach l retour b flous wla fabor?"}', '{"text": "sahbi ta7 w ma kaytnefsch"}'].join('\n');
    const { code, stdout } = await runCommand('node_modules/.bin/tsx', ['src/cli/nlu.ts', '--jsonl'], { env: { REDIS_URL: '' }, stdin });
    expect(code).toBe(0);
    const lines = parseLines(stdout);
    expect(lines[0]).toMatchObject({ id: 'intent.emergency', score: 1, safety: 'held', lang: 'fr' });
    expect(lines[1]).toMatchObject({ id: 'avrr.cost' });
    expect(lines[1]).not.toHaveProperty('safety');
    expect(lines[2]).toMatchObject({ id: 'intent.emergency', safety: 'medical', lang: 'ar' });
  });

  it('reads standard input when no file is given', async () => {
    const { code, stdout } = await runCommand('node_modules/.bin/tsx', ['src/cli/nlu.ts', '--jsonl'], { env: { REDIS_URL: '' }, stdin: '{"text": "salam"}\n{"text": "merci beaucoup"}\n' });
    expect(code).toBe(0);
    expect(parseLines(stdout).map((l) => l.id)).toEqual(['intent.greeting', 'intent.thanks']);
  });
});

describe('runNluJsonl', () => {
  it('never crashes on bad input and keeps the order', async () => {
    const seen: string[] = [];
    const understander = {
      understand: (text: string): Understanding => {
        seen.push(text);
        return { lang: 'en', id: text === 'a' ? 'x.a' : null, score: 0.5, candidates: [] };
      },
    };
    const output = new PassThrough();
    let out = '';
    output.on('data', (d: Buffer) => (out += d.toString()));
    const errors: string[] = [];
    const bad = await runNluJsonl(understander, Readable.from(['{"text":"a"}\n', '[1,2]\n', '{"text": 3}\n', '{"text":"b"}\n']), output, (m) => errors.push(m));
    expect(bad).toBe(2);
    expect(seen).toEqual(['a', 'b']);
    expect(out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: unknown }).id)).toEqual(['x.a', null, null, null]);
    expect(errors).toHaveLength(2);
  });
});
