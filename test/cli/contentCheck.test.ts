import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkContentDir } from '../../src/cli/contentCheck.js';

const root = new URL('../..', import.meta.url).pathname;

function run(...args: string[]) {
  const result = spawnSync('node_modules/.bin/tsx', ['src/cli/contentCheck.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('content:check', () => {
  it('prints a one-line summary and exits 0 on valid content', () => {
    const { code, stdout, stderr } = run('test/fixtures/content/valid');
    expect(stderr).toBe('');
    expect(stdout).toBe('content ok: 3 topics × 3 languages, 2 intents, 48 examples\n');
    expect(code).toBe(0);
  });

  it('prints file:line: problem with paths relative to the working directory and exits 1', () => {
    const { code, stdout, stderr } = run('test/fixtures/content/broken');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(24);
    expect(lines[0]).toBe('test/fixtures/content/broken/ar/faq/empty.yaml:1: file is empty (expected entries:)');
    expect(lines).toContain('test/fixtures/content/broken/fr/faq/main.yaml:20: duplicate id t.one in fr (first at fr/faq/main.yaml:3)');
    expect(lines.slice(0, -1).every((line) => /^test\/fixtures\/content\/broken\/[^:]+\.yaml:\d+: /.test(line))).toBe(true);
    expect(lines.at(-1)).toBe('content has 23 problems');
  });

  it('exits 1 when the folder does not exist', () => {
    const { code, stderr } = run('test/fixtures/content/nowhere');
    expect(code).toBe(1);
    expect(stderr).toContain('test/fixtures/content/nowhere:1: content folder not found');
  });

  it('checks the shipped locales/ when no folder is given', () => {
    const report = checkContentDir(undefined, root);
    expect(report.lines[0]).toMatch(/^content ok: 25 topics × 3 languages, 8 intents, \d+ examples$/);
    expect(report.lines.slice(1)).toEqual([
      'orientation points ok: 3 points (casablanca, rabat, oujda)',
      expect.stringMatching(/^warning: locales\/orientation-points\.yaml:\d+: opening hours are the shipped placeholders/),
    ]);
    expect(report.exitCode).toBe(0);
  });

  it('checks the orientation points file named by ORIENTATION_POINTS_FILE, with file:line problems', () => {
    const result = spawnSync('node_modules/.bin/tsx', ['src/cli/contentCheck.ts', 'test/fixtures/content/valid'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, ORIENTATION_POINTS_FILE: 'test/fixtures/appointments/broken-points.yaml' },
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      'test/fixtures/appointments/broken-points.yaml:9: point casablanca slotMinutes: Too small: expected number to be >=5',
      'content has 1 problem',
    ]);
  });

  it('refuses a broken safety file with file:line: problem and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'content-check-safety-'));
    cpSync(join(root, 'test/fixtures/content/valid'), dir, { recursive: true });
    const file = join(dir, 'en/safety.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  now: [now]', '  now: [now]\n  weapons: [knife]'));
    const { code, stderr } = run(dir);
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(stderr).toContain(`${relative(root, join(dir, 'en/safety.yaml'))}:9: words: list "weapons" is used by no rule in safety.yaml`);
    expect(stderr.trimEnd().split('\n').at(-1)).toBe('content has 1 problem');
  });
});
