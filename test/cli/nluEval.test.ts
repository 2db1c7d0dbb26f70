import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EVAL_FILE, readLabelledFile } from '../../src/cli/nluEval.js';
import { runCommand } from '../helpers/runCommand.js';
import { afterCliRuns } from '../helpers/spawnBudget.js';


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

// Each test spawns tsx, which trains the language model: over a minute of wall time on CI's loaded 2 cores.
describe('npm run nlu:eval', { timeout: afterCliRuns(1) }, () => {
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

  it('prints right id and reply language per spelling perturbation with --perturb', async () => {
    const { code, stdout } = await runCommand('node_modules/.bin/tsx', ['src/cli/nluEval.ts', 'test/fixtures/nlu/holdout.jsonl', '--perturb'], { env: { REDIS_URL: '' } });
    expect(code).toBe(0);
    expect(stdout).toContain('== test/fixtures/nlu/holdout.jsonl (perturbed)');
    expect(stdout).toMatch(/^clean\s+-\s+\d+\.\d%\s+\d+\.\d%$/m);
    for (const name of ['no-accents', 'capitals', 'no-apostrophes', 'doubled-letters', 'key-typos', 'sms', 'arabizi-swap', 'no-spaces'])
      expect(stdout).toMatch(new RegExp(`^${name}\\s+\\d+\\s+\\d+\\.\\d%\\s+[+−±]\\d+\\.\\d\\s+\\d+\\s+\\d+\\.\\d%`, 'm'));
    expect(stdout).not.toContain('worst confusions');
  });

  it('uses a dev set shipped inside the project when no file is given (a fresh clone has no ../shared)', async () => {
    expect(resolve(DEFAULT_EVAL_FILE).startsWith(process.cwd() + sep)).toBe(true);
    const { code, stdout } = await runCommand('node_modules/.bin/tsx', ['src/cli/nluEval.ts'], { env: { REDIS_URL: '' } });
    expect(code).toBe(0);
    expect(stdout).toContain(`== ${DEFAULT_EVAL_FILE}`);
    expect(stdout).toMatch(/examples: 80/);
  });

  it('says what to pass when the file does not exist', async () => {
    const { code, stderr } = await runCommand('node_modules/.bin/tsx', ['src/cli/nluEval.ts', 'no/such/set.jsonl'], { env: { REDIS_URL: '' } });
    expect(code).toBe(2);
    expect(stderr).toContain('no such file: no/such/set.jsonl');
    expect(stderr).toContain('Usage: npm run nlu:eval -- [FILE.jsonl ...]');
  });

  it('prints emergency recall and the false-alarm rate of each file on their own, with the misses and false alarms', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'eval-')), 'safety.jsonl');
    writeFileSync(
      file,
      [
        { text: 'au secours ils veulent me tuer', lang: 'fr', id: 'intent.emergency' },
        { text: 'my friend is not breathing', lang: 'en', id: 'intent.emergency' },
        { text: 'bonjour', lang: 'fr', id: 'intent.emergency' },
        { text: "c'est urgent pour mon dossier", lang: 'fr', id: null },
        { text: 'there is a fire', lang: 'en', id: null },
        { text: 'is the return free?', lang: 'en', id: 'avrr.cost' },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const { code, stdout } = await runCommand('node_modules/.bin/tsx', ['src/cli/nluEval.ts', file], { env: { REDIS_URL: '' } });
    expect(code).toBe(0);
    expect(stdout).toContain('emergency recall: 66.7% (2/3 intent.emergency lines; 2 by the safety detector, 0 of them by its learned layer)');
    expect(stdout).toContain('false alarms: 33.3% (1/3 ordinary lines)');
    expect(stdout).toMatch(/missed emergencies:\n\s+"bonjour"/);
    expect(stdout).toMatch(/false alarms:\n\s+\[disaster.event\] "there is a fire"/);
  });
});
