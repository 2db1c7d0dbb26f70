import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../src/domain/content/contentLoader.js';

const fixtures = join(import.meta.dirname, '../../fixtures/content');
const valid = join(fixtures, 'valid');
const broken = join(fixtures, 'broken');

const tempDirs: string[] = [];
afterEach(() => tempDirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A temp copy of the valid fixture with `files` (relative path → text) overwritten. */
function validWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  tempDirs.push(dir);
  cpSync(valid, dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

function lines(dir: string): string[] {
  return loadContent(dir).errors.map((p) => `${relative(dir, p.file)}:${p.line}: ${p.message}`);
}

describe('loadContent', () => {
  describe('with valid content', () => {
    const { snapshot, errors } = loadContent(valid);

    it('returns a snapshot and no problem', () => {
      expect(errors).toEqual([]);
      expect(snapshot).toBeDefined();
    });

    it('reads every FAQ entry of every language, in file order', () => {
      expect(snapshot?.faq.map((e) => `${e.lang}:${e.id}`)).toEqual([
        'fr:t.one', 'fr:t.two', 'fr:t.three',
        'en:t.one', 'en:t.two', 'en:t.three',
        'ar:t.one', 'ar:t.two', 'ar:t.three',
      ]);
    });

    it('keeps answers WhatsApp-ready (no trailing newline from a YAML block) and defaults followUps to none', () => {
      const one = snapshot?.faq.find((e) => e.lang === 'fr' && e.id === 't.one');
      expect(one?.answer).toBe("Le *retour volontaire* aide les personnes qui veulent rentrer.\nUn conseiller vous explique tout.");
      expect(one?.followUps).toEqual(['faq:t.two', 'intent.book']);
      expect(snapshot?.faq.find((e) => e.lang === 'fr' && e.id === 't.two')?.followUps).toEqual([]);
    });

    it('reads intents with their language, out_of_scope included', () => {
      expect(snapshot?.intents.map((i) => `${i.lang}:${i.id}`)).toEqual([
        'fr:intent.book', 'fr:intent.greeting', 'fr:out_of_scope',
        'en:intent.book', 'en:intent.greeting',
        'ar:intent.book', 'ar:intent.greeting',
      ]);
      expect(snapshot?.intents[2]?.examples).toEqual(['qui va gagner le match', 'il fait beau', 'raconte une blague']);
    });

    it('carries the catalogue and freezes the snapshot', () => {
      expect(Object.keys(snapshot?.catalogue.faq ?? {})).toEqual(['t.one', 't.two', 't.three']);
      expect(Object.keys(snapshot?.catalogue.intent ?? {})).toEqual(['intent.book', 'intent.greeting']);
      expect(Object.isFrozen(snapshot)).toBe(true);
      expect(Object.isFrozen(snapshot?.faq)).toBe(true);
      expect(Object.isFrozen(snapshot?.faq[0])).toBe(true);
    });
  });

  describe('with broken content', () => {
    it('reports every problem at its file and line, sorted, and no snapshot', () => {
      expect(loadContent(broken).snapshot).toBeUndefined();
      expect(lines(broken)).toEqual([
        'ar/faq/empty.yaml:1: file is empty (expected entries:)',
        'ar/faq/main.yaml:8: t.two title: is 37 characters long, at most 24 fit on a WhatsApp button',
        'ar/faq/unparsable.yaml:3: unparsable YAML: Missing closing "quote',
        'ar/intents.yaml:1: intents: must be a list of intents',
        'catalogue.yaml:5: t.three has no FAQ entry in ar (add it to ar/faq/*.yaml)',
        'catalogue.yaml:7: intent.book has no examples in ar (add them to ar/intents.yaml)',
        'catalogue.yaml:8: intent.greeting has no examples in en (add them to en/intents.yaml)',
        'catalogue.yaml:8: intent.greeting has no examples in ar (add them to ar/intents.yaml)',
        'en/faq/main.yaml:5: t.one answer: is 764 characters long, at most 700 for WhatsApp',
        'en/faq/main.yaml:10: t.two answer: must not be empty',
        'fr/faq/main.yaml:4: t.one title: is 34 characters long, at most 24 fit on a WhatsApp button',
        'fr/faq/main.yaml:11: t.one followUps[2]: must be "faq:<id>" or one of intent.book, intent.human, intent.cancel',
        'fr/faq/main.yaml:11: t.one followUps[1]: faq:t.four points to a missing entry in fr',
        'fr/faq/main.yaml:14: t.two examples: has 2 examples, needs at least 3',
        'fr/faq/main.yaml:16: unknown FAQ id t.nine (not in catalogue.yaml)',
        'fr/faq/main.yaml:20: duplicate id t.one in fr (first at fr/faq/main.yaml:3)',
        'fr/faq/more.yaml:2: t.three examples: is missing',
        'fr/faq/more.yaml:2: t.three answer: is missing',
        'fr/faq/more.yaml:4: t.three: unknown field "exemples"',
        'fr/faq/more.yaml:5: entries[1] id: is missing',
        'fr/intents.yaml:5: intent.greeting examples[2]: also an example of t.two in fr (fr/faq/main.yaml:14); keep it under one id',
        'fr/intents.yaml:6: unknown intent id intent.dance (not in catalogue.yaml)',
        'fr/intents.yaml:8: unknown intent id t.two: it is a FAQ id, it belongs in faq/*.yaml',
      ]);
    });
  });

  describe('each kind of problem', () => {
    it('points a too long answer written as a block at its own line, not the entry line', () => {
      const answer = 'x'.repeat(701);
      const dir = validWith({
        'en/faq/main.yaml': `entries:\n  - id: t.one\n    title: One\n    examples: [a one, b one, c one]\n    answer: >\n      ${answer}\n  - id: t.two\n    title: Two\n    examples: [a two, b two, c two]\n    answer: ok\n  - id: t.three\n    title: Three\n    examples: [a three, b three, c three]\n    answer: ok\n`,
      });
      expect(lines(dir)).toEqual(['en/faq/main.yaml:5: t.one answer: is 701 characters long, at most 700 for WhatsApp']);
    });

    it('points formatting and invented details at their line inside a block answer', () => {
      const dir = validWith({
        'fr/faq/more.yaml': [
          'entries:',
          '  - id: t.three',
          '    title: Les documents',
          '    examples: [quels papiers faut il, je n\'ai pas de passeport, documents svp]',
          '    answer: |',
          '      Venez à un rendez-vous.',
          '',
          '      Apportez **votre passeport** si vous l\'avez.',
          '      Ou appelez le 06 12 34 56 78.',
          '',
        ].join('\n'),
      });
      expect(lines(dir)).toEqual([
        'fr/faq/more.yaml:8: t.three answer: uses **double asterisks**: WhatsApp bold is *single*',
        'fr/faq/more.yaml:9: t.three answer: "06 12 34 56 78" looks like a phone number, which locales/FACTS.md does not give; point to an orientation appointment or a caseworker instead',
      ]);
    });

    it('reports a duplicate id across two files of one locale at the second one', () => {
      const dir = validWith({
        'en/faq/zz.yaml': '# copy\n\nentries:\n  - id: t.two\n    title: Again\n    examples: [x one, y one, z one]\n    answer: again\n',
      });
      expect(lines(dir)).toEqual([`en/faq/zz.yaml:4: duplicate id t.two in en (first at en/faq/main.yaml:8)`]);
    });

    it('does not call the same id in two locales a duplicate', () => {
      expect(loadContent(valid).errors).toEqual([]);
    });

    it('reports an id missing in one locale at its catalogue line', () => {
      const dir = validWith({
        'en/faq/main.yaml': 'entries:\n  - id: t.one\n    title: One\n    examples: [a one, b one, c one]\n    answer: ok\n  - id: t.two\n    title: Two\n    examples: [a two, b two, c two]\n    answer: ok\n',
      });
      expect(lines(dir)).toEqual(['catalogue.yaml:5: t.three has no FAQ entry in en (add it to en/faq/*.yaml)']);
    });

    it('reports an empty example list and a blank example', () => {
      const dir = validWith({
        'en/intents.yaml': 'intents:\n  - id: intent.book\n    examples: []\n  - id: intent.greeting\n    examples:\n      - hello\n      - "  "\n      - hi\n',
      });
      expect(lines(dir)).toEqual([
        'en/intents.yaml:3: intent.book examples: has 0 examples, needs at least 3',
        'en/intents.yaml:7: intent.greeting examples[1]: must not be empty',
      ]);
    });

    it('names wrong types in authors\' words, at the line of the value', () => {
      const dir = validWith({
        'en/intents.yaml': 'intents:\n  - id: intent.book\n    examples:\n      - a\n      - [b]\n      - c\n  - id: intent.greeting\n    examples: hello\n  - just text\n',
      });
      expect(lines(dir)).toEqual([
        'en/intents.yaml:5: intent.book examples[1]: must be text, not a list',
        'en/intents.yaml:8: intent.greeting examples: must be a list of phrasings',
        'en/intents.yaml:9: intents[2]: must be a mapping of fields, not text',
      ]);
    });

    it('reports a YAML duplicate key at its line', () => {
      const dir = validWith({ 'en/intents.yaml': 'intents:\n  - id: intent.book\n    id: intent.greeting\n    examples: [a, b, c]\n' });
      expect(lines(dir)).toContainEqual(expect.stringMatching(/^en\/intents\.yaml:3: unparsable YAML: Map keys must be unique/));
    });

    it('reports an invalid catalogue and skips the id checks', () => {
      const dir = validWith({ 'catalogue.yaml': 'faq:\n  t.one: One\n  Bad Id: x\nintents: {}\n' });
      expect(lines(dir)).toEqual([
        'catalogue.yaml:1: intent: is missing',
        'catalogue.yaml:3: faq.Bad Id: must look like "group.name" (lower case, dot-separated)',
        'catalogue.yaml:4: unknown field "intents"',
      ]);
    });

    it('reports a missing catalogue and a missing folder', () => {
      const dir = validWith({});
      rmSync(join(dir, 'catalogue.yaml'));
      expect(lines(dir)).toEqual(['catalogue.yaml:1: file is missing (the catalogue of ids)']);
      expect(loadContent(join(dir, 'nowhere')).errors).toEqual([{ file: join(dir, 'nowhere'), line: 1, message: 'content folder not found' }]);
    });

    it('checks only the languages asked for', () => {
      const dir = validWith({});
      rmSync(join(dir, 'ar'), { recursive: true });
      expect(lines(dir).length).toBe(6); // FAQ, intents and safety.yaml of ar
      expect(loadContent(dir, { languages: ['fr', 'en'] }).snapshot?.faq).toHaveLength(6);
    });
  });
});
