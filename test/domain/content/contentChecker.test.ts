import { describe, expect, it } from 'vitest';
import { checkContent, type CheckedItem, type LoadedContent } from '../../../src/domain/content/contentChecker.js';
import type { Language } from '../../../src/i18n/languages.js';

/** An item on `line` of `file`; its fields sit on the following lines, one per index. */
function item(lang: Language, file: string, line: number, id: string, examples: string[], followUps: string[] = []): CheckedItem {
  return {
    lang,
    file: `/l/${file}`,
    line,
    lineOf: (path) => line + 1 + (typeof path[1] === 'number' ? path[1] : 0),
    lineOfText: () => line + 1,
    id,
    examples,
    followUps,
  };
}

function content(parts: Partial<LoadedContent>): LoadedContent {
  return {
    catalogue: {
      file: '/l/catalogue.yaml',
      value: { faq: { 'a.one': '', 'a.two': '' }, intent: { 'intent.book': '' } },
      idLine: (kind, id) => (kind === 'faq' ? (id === 'a.one' ? 2 : 3) : 5),
    },
    faq: [],
    intents: [],
    languages: ['fr'],
    localesDir: '/l',
    ...parts,
  };
}

const complete = {
  faq: [item('fr', 'fr/faq/a.yaml', 1, 'a.one', ['un', 'deux', 'trois'], ['faq:a.two']), item('fr', 'fr/faq/a.yaml', 10, 'a.two', ['quatre', 'cinq', 'six'])],
  intents: [item('fr', 'fr/intents.yaml', 2, 'intent.book', ['rdv', 'rendez-vous', 'réserver']), item('fr', 'fr/intents.yaml', 6, 'out_of_scope', ['météo', 'foot', 'blague'])],
};

const show = (c: LoadedContent) => checkContent(c).map((p) => `${p.file}:${p.line}: ${p.message}`);

describe('checkContent', () => {
  it('finds nothing wrong in complete content, out_of_scope included', () => {
    expect(show(content(complete))).toEqual([]);
  });

  it('reports every catalogue id missing in each required language', () => {
    expect(show(content({ ...complete, languages: ['fr', 'en'] }))).toEqual([
      '/l/catalogue.yaml:2: a.one has no FAQ entry in en (add it to en/faq/*.yaml)',
      '/l/catalogue.yaml:3: a.two has no FAQ entry in en (add it to en/faq/*.yaml)',
      '/l/catalogue.yaml:5: intent.book has no examples in en (add them to en/intents.yaml)',
    ]);
  });

  it('names an intent id used as a FAQ id, and the reverse', () => {
    const faq = [...complete.faq, item('fr', 'fr/faq/b.yaml', 1, 'intent.book', ['x', 'y', 'z'])];
    const intents = [...complete.intents, item('fr', 'fr/intents.yaml', 9, 'a.one', ['p', 'q', 'r'])];
    expect(show(content({ faq, intents }))).toEqual([
      '/l/fr/faq/b.yaml:2: unknown FAQ id intent.book: it is an intent id, its examples belong in intents.yaml',
      '/l/fr/intents.yaml:10: unknown intent id a.one: it is a FAQ id, it belongs in faq/*.yaml',
    ]);
  });

  it('reports a duplicate intent at the second definition', () => {
    const intents = [...complete.intents, item('fr', 'fr/intents.yaml', 12, 'intent.book', ['a', 'b', 'c'])];
    expect(show(content({ ...complete, intents }))).toEqual(['/l/fr/intents.yaml:12: duplicate id intent.book in fr (first at fr/intents.yaml:2)']);
  });

  it('reports a follow-up to an entry missing in the same language at its line', () => {
    const faq = [item('fr', 'fr/faq/a.yaml', 1, 'a.one', ['un', 'deux', 'trois'], ['intent.book', 'faq:a.three']), complete.faq[1] as CheckedItem];
    expect(show(content({ ...complete, faq }))).toEqual(['/l/fr/faq/a.yaml:3: a.one followUps[1]: faq:a.three points to a missing entry in fr']);
  });

  it('reports one phrasing under two ids, ignoring case, spacing and final punctuation, but not within one id or across languages', () => {
    const faq = [
      item('fr', 'fr/faq/a.yaml', 1, 'a.one', ['Prendre RDV ?', 'deux', 'deux!']),
      item('fr', 'fr/faq/a.yaml', 10, 'a.two', ['quatre', 'cinq', 'six']),
      item('en', 'en/faq/a.yaml', 1, 'a.two', ['un', 'deux', 'trois']),
    ];
    const intents = [item('fr', 'fr/intents.yaml', 2, 'intent.book', ['prendre  rdv', 'b', 'c'])];
    expect(show(content({ faq, intents }))).toEqual([
      '/l/fr/intents.yaml:3: intent.book examples[0]: also an example of a.one in fr (fr/faq/a.yaml:2); keep it under one id',
    ]);
  });

  it('refuses answers that state a phone number, an amount, opening hours or an e-mail, in any language', () => {
    const withAnswer = (answer: string): CheckedItem => ({ ...item('fr', 'fr/faq/a.yaml', 1, 'a.one', ['un', 'deux', 'trois']), answer });
    const check = (answer: string) => show(content({ ...complete, faq: [withAnswer(answer), complete.faq[1] as CheckedItem] }));
    expect(check('Appelez le +212 5 22 00 00 00.')).toEqual([
      '/l/fr/faq/a.yaml:2: a.one answer: "+212 5 22 00 00 00" looks like a phone number, which locales/FACTS.md does not give; point to an orientation appointment or a caseworker instead',
    ]);
    expect(check('Appelez le 06 12 34 56 78')[0]).toContain('"06 12 34 56 78" looks like a phone number');
    expect(check('Vous recevez 2 000 MAD.')[0]).toContain('"2 000 MAD" looks like an amount of money');
    expect(check('تحصل على 500 درهم')).toContainEqual(expect.stringContaining('"500 درهم" looks like an amount of money'));
    expect(check('You get $300.')[0]).toContain('"$300" looks like an amount of money');
    expect(check('Ouvert de 8h30 à 16h00')[0]).toContain('"8h30" looks like opening hours');
    expect(check('Écrivez à contact@example.org')[0]).toContain('looks like an e-mail address');
    expect(check("Depuis 2005, 2 196 migrants sont rentrés vers 32 pays en 2024.")).toEqual([]);
  });

  it('reports two entries of one language with the same title (case aside), and a follow-up to itself', () => {
    const faq = [
      { ...item('fr', 'fr/faq/a.yaml', 1, 'a.one', ['un', 'deux', 'trois'], ['faq:a.one']), title: 'Le retour' },
      { ...item('fr', 'fr/faq/a.yaml', 10, 'a.two', ['quatre', 'cinq', 'six']), title: 'le RETOUR' },
      { ...item('en', 'en/faq/a.yaml', 1, 'a.one', ['x', 'y', 'z']), title: 'Le retour' },
    ];
    expect(show(content({ ...complete, faq, languages: ['fr'] }))).toEqual([
      '/l/fr/faq/a.yaml:11: a.two title: same as the title of a.one in fr (fr/faq/a.yaml:1); buttons must be told apart',
      '/l/fr/faq/a.yaml:2: a.one followUps[0]: points to the entry itself',
    ]);
  });

  it('reports a title or answer that does not look written in its file\'s language', () => {
    const entry = (lang: Language, title: string, answer: string): CheckedItem => ({ ...item(lang, `${lang}/faq/a.yaml`, 1, 'a.one', ['x', 'y', 'z']), title, answer });
    const only = (faq: CheckedItem[], lang: Language) => show(content({ catalogue: undefined, faq, languages: [lang] }));
    expect(only([entry('ar', 'العودة الطوعية', 'Le retour volontaire est gratuit pour vous.')], 'ar')).toEqual([
      '/l/ar/faq/a.yaml:2: a.one answer: is not written in Arabic script (file of ar)',
    ]);
    expect(only([entry('fr', 'العودة', 'Le retour est gratuit.')], 'fr')).toEqual(['/l/fr/faq/a.yaml:2: a.one title: is in Arabic script, not French (file of fr)']);
    expect(only([entry('en', 'Is it free?', 'Le voyage est payé par le programme pour vous et votre famille.')], 'en')).toEqual([
      '/l/en/faq/a.yaml:2: a.one answer: looks French, not English (file of en)',
    ]);
    expect(only([entry('fr', 'OIM', 'L\'*OIM* (IOM) organise le retour, avec le soutien de l\'Union européenne.')], 'fr')).toEqual([]);
    expect(only([entry('ar', 'المنظمة الدولية للهجرة (IOM)', 'المنظمة الدولية للهجرة OIM تساعدك على العودة.')], 'ar')).toEqual([]);
  });

  it('skips id checks without a catalogue', () => {
    expect(show(content({ ...complete, catalogue: undefined, languages: ['fr', 'ar'] }))).toEqual([]);
  });
});
