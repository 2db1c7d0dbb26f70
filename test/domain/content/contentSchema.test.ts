import { describe, expect, it } from 'vitest';
import {
  CatalogueFile,
  characterCount,
  FaqEntryFile,
  IntentFile,
  MAX_ANSWER_LENGTH,
  MAX_TITLE_LENGTH,
} from '../../../src/domain/content/contentSchema.js';

const entry = {
  id: 'avrr.cost',
  title: "C'est gratuit ?",
  examples: ['Est-ce que le retour est gratuit ?', 'c combien le billet', 'qui paie'],
  answer: 'Le voyage est pris en charge.',
};

function messages(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
}

describe('FaqEntryFile', () => {
  it('accepts an entry and defaults followUps to none', () => {
    const parsed = FaqEntryFile.parse(entry);
    expect(parsed.followUps).toEqual([]);
  });

  it('trims text, so a YAML block answer has no trailing newline', () => {
    expect(FaqEntryFile.parse({ ...entry, answer: 'Ligne 1\nLigne 2\n' }).answer).toBe('Ligne 1\nLigne 2');
  });

  it('counts title and answer length in characters as people see them (code points)', () => {
    expect(characterCount('👍🏽')).toBe(2);
    const arabic24 = 'ب'.repeat(MAX_TITLE_LENGTH);
    expect(FaqEntryFile.safeParse({ ...entry, title: arabic24 }).success).toBe(true);
    expect(messages(FaqEntryFile.safeParse({ ...entry, title: `${arabic24}ب` }))).toEqual([
      'title: is 25 characters long, at most 24 fit on a WhatsApp button',
    ]);
    expect(FaqEntryFile.safeParse({ ...entry, answer: 'a'.repeat(MAX_ANSWER_LENGTH) }).success).toBe(true);
    expect(messages(FaqEntryFile.safeParse({ ...entry, answer: 'a'.repeat(MAX_ANSWER_LENGTH + 1) }))).toEqual([
      'answer: is 701 characters long, at most 700 for WhatsApp',
    ]);
  });

  it('accepts faq:<id>, intent.book, intent.human and intent.cancel as follow-ups, and nothing else', () => {
    const ok = FaqEntryFile.safeParse({ ...entry, followUps: ['faq:avrr.register', 'intent.book', 'intent.human', 'intent.cancel'] });
    expect(ok.success).toBe(true);
    for (const bad of ['avrr.register', 'faq:', 'intent.greeting', 'faq:Not An Id']) {
      expect(FaqEntryFile.safeParse({ ...entry, followUps: [bad] }).success, bad).toBe(false);
    }
  });

  it('refuses formatting WhatsApp would show literally, and accepts its own', () => {
    expect(FaqEntryFile.safeParse({ ...entry, answer: '*Gratuit* : _oui_.\n\n~non~ 1. premier\n- point' }).success).toBe(true);
    expect(messages(FaqEntryFile.safeParse({ ...entry, answer: 'C est **gratuit**' }))).toEqual(['answer: uses **double asterisks**: WhatsApp bold is *single*']);
    expect(messages(FaqEntryFile.safeParse({ ...entry, answer: '## Titre\ntexte' }))).toEqual(['answer: uses a Markdown heading (#), which WhatsApp shows as is: use a *bold* line']);
    expect(messages(FaqEntryFile.safeParse({ ...entry, answer: 'voir [le site](https://iom.int)' }))).toEqual(['answer: uses a Markdown link [text](url), which WhatsApp shows as is']);
    expect(messages(FaqEntryFile.safeParse({ ...entry, answer: 'texte <b>gras</b>' }))).toEqual(['answer: uses HTML tags, which WhatsApp shows as is']);
    expect(messages(FaqEntryFile.safeParse({ ...entry, answer: '*gratuit pour tous' }))).toEqual(['answer: has an odd number of *: a *bold* part is not closed']);
  });

  it('needs three non-blank examples and refuses unknown fields', () => {
    expect(messages(FaqEntryFile.safeParse({ ...entry, examples: ['a', 'b'] }))).toEqual(['examples: has 2 examples, needs at least 3']);
    expect(messages(FaqEntryFile.safeParse({ ...entry, examples: ['a', ' ', 'c'] }))).toEqual(['examples.1: must not be empty']);
    expect(FaqEntryFile.safeParse({ ...entry, exemples: [] }).success).toBe(false);
  });

  it('reads a reviewed date written as a YAML date or a string', () => {
    expect(FaqEntryFile.parse({ ...entry, reviewed: { by: 'team', on: '2026-11-23' } }).reviewed?.on).toBe('2026-11-23');
    expect(FaqEntryFile.parse({ ...entry, reviewed: { by: 'team', on: new Date('2026-11-23') } }).reviewed?.on).toBe('2026-11-23');
  });
});

describe('IntentFile', () => {
  it('accepts a catalogue-shaped id or out_of_scope', () => {
    expect(IntentFile.safeParse({ id: 'intent.book', examples: ['a', 'b', 'c'] }).success).toBe(true);
    expect(IntentFile.safeParse({ id: 'out_of_scope', examples: ['a', 'b', 'c'] }).success).toBe(true);
    expect(IntentFile.safeParse({ id: 'book', examples: ['a', 'b', 'c'] }).success).toBe(false);
  });
});

describe('CatalogueFile', () => {
  it('needs faq and intent maps of well-formed ids', () => {
    expect(CatalogueFile.safeParse({ faq: { 'avrr.cost': 'x' }, intent: { 'intent.book': 'y' } }).success).toBe(true);
    expect(CatalogueFile.safeParse({ faq: { 'avrr.cost': 'x' } }).success).toBe(false);
    expect(CatalogueFile.safeParse({ faq: { 'Avrr Cost': 'x' }, intent: {} }).success).toBe(false);
  });
});
