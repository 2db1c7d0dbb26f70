import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/domain/content/contentError.js';
import { loadContent } from '../../../src/domain/content/contentLoader.js';

const valid = join(import.meta.dirname, '../../fixtures/content/valid');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A copy of the valid fixture with some files replaced (path relative to the locales folder → text). */
function validWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'safety-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(valid, dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

/** `file:line: problem` lines, paths relative to the folder. */
function problems(dir: string): string[] {
  const { snapshot, errors } = loadContent(dir);
  expect(snapshot).toBeUndefined();
  return errors.map((problem) => formatProblem(problem, (file) => file.slice(dir.length + 1)));
}

const frFile = (dir: string) => readFileSync(join(dir, 'fr/safety.yaml'), 'utf8');

describe('loading the safety content', () => {
  it('puts the rules and every language into the snapshot', () => {
    const { snapshot, errors } = loadContent(valid);
    expect(errors).toEqual([]);
    expect(snapshot?.safety.rules.map((r) => r.id)).toEqual(['violence.now', 'medical.state']);
    expect(snapshot?.safety.rules[0]?.within).toBe(8);
    expect(snapshot?.safety.languages.map((l) => l.lang)).toEqual(['fr', 'en', 'ar']);
    expect(snapshot?.safety.languages[0]?.words.now).toEqual(['maintenant', 'en train']);
    expect(Object.isFrozen(snapshot?.safety)).toBe(true);
  });

  it('refuses a missing file, naming it', () => {
    const dir = validWith({});
    rmSync(join(dir, 'en/safety.yaml'));
    expect(problems(dir)).toEqual(['en/safety.yaml:1: file is missing (safety phrases and rules: without it emergencies go unrecognised)']);
  });

  it('refuses broken YAML at its line', () => {
    const dir = validWith({ 'fr/safety.yaml': 'reply:\n  default: "ouvert\n  notice: x\n' });
    expect(problems(dir)[0]).toMatch(/^fr\/safety\.yaml:2: unparsable YAML/);
  });

  it('refuses an unknown category, a bad rule and a duplicate rule id, each at its line', () => {
    const dir = validWith({
      'safety.yaml': [
        'rules:',
        '  - id: violence.now',
        '    category: violence',
        '    all: [violence_act, now]',
        '  - id: medical.state',
        '    category: sickness',
        '    all: [medical_urgent]',
        '    unless: [travel]',
        '  - id: violence.now',
        '    category: violence',
        '    all: []',
        '    within: 99',
      ].join('\n'),
    });
    const lines = problems(dir);
    expect(lines).toContain('safety.yaml:6: rule medical.state category: must be one of violence, medical, held, threat, self_harm, disaster, danger');
    expect(lines).toContain('safety.yaml:11: rule violence.now all: must name at least one word list');
    expect(lines.some((l) => l.startsWith('safety.yaml:12: rule violence.now within:'))).toBe(true);
  });

  it('reports a duplicate rule id at the second one', () => {
    const rules = readFileSync(join(valid, 'safety.yaml'), 'utf8');
    const dir = validWith({ 'safety.yaml': `${rules}  - id: violence.now\n    category: violence\n    all: [now]\n` });
    expect(problems(dir)).toEqual(['safety.yaml:10: duplicate rule id violence.now (first at safety.yaml:3)']);
  });

  it('refuses a word list a rule needs but a language lacks, and a list no rule uses', () => {
    const dir = validWith({});
    writeFileSync(join(dir, 'fr/safety.yaml'), frFile(dir).replace('  travel: [avion]\n', '  travel_words: [avion]\n'));
    const lines = problems(dir);
    expect(lines).toContain(
      'fr/safety.yaml:7: words: list "travel" is missing (rule medical.state at safety.yaml:6 uses it); write "travel: []" if fr needs none',
    );
    expect(lines).toContain('fr/safety.yaml:11: words: list "travel_words" is used by no rule in safety.yaml');
  });

  it('refuses a phrase without letters, a too short wildcard and a misplaced "...", at its line', () => {
    const dir = validWith({});
    const text = frFile(dir);
    writeFileSync(join(dir, 'fr/safety.yaml'), text.replace('  now: [maintenant, en train]', '  now: [maintenant, "?!"]'));
    expect(problems(dir)).toEqual(['fr/safety.yaml:9: words.now[1]: must contain letters']);
    writeFileSync(join(dir, 'fr/safety.yaml'), text.replace('  now: [maintenant, en train]', '  now: [maintenant, "fr*", "... vite"]'));
    expect(problems(dir)).toEqual([
      'fr/safety.yaml:9: words.now[1]: "fr*" has a "*" on "fr", too short (3 letters at least): it would match too many words',
      'fr/safety.yaml:9: words.now[2]: "... vite" cannot start with "..."',
    ]);
  });

  it('refuses a reply with an invented phone number, in the wrong language, or with Markdown WhatsApp shows as is', () => {
    const dir = validWith({});
    const text = frFile(dir);
    writeFileSync(
      join(dir, 'fr/safety.yaml'),
      text
        .replace('appelez les secours locaux.', 'appelez le 0522 12 34 56.')
        .replace("Ce chat ne peut pas envoyer d'aide sur place.", 'This chat cannot send help to you, and the team is not here.'),
    );
    expect(problems(dir)).toEqual([
      'fr/safety.yaml:2: reply.default: "0522 12 34 56" looks like a phone number, which facts.md does not give; never invent one (say: call the local emergency services, ask people nearby)',
      'fr/safety.yaml:4: reply.notice: looks English, not French (file of fr)',
    ]);
    writeFileSync(join(dir, 'fr/safety.yaml'), text.replace('une ambulance', 'une **ambulance**'));
    expect(problems(dir)).toEqual(['fr/safety.yaml:3: reply.medical: uses **double asterisks**: WhatsApp bold is *single*']);
  });

  it('refuses unknown fields and a missing reply', () => {
    const dir = validWith({});
    writeFileSync(join(dir, 'en/safety.yaml'), readFileSync(join(dir, 'en/safety.yaml'), 'utf8').replace('reply:', 'answer:'));
    const lines = problems(dir);
    expect(lines).toContain('en/safety.yaml:1: unknown field "answer"');
    expect(lines).toContain('en/safety.yaml:1: reply: is missing');
  });
});
