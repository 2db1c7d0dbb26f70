import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadContent } from '../../../src/domain/content/contentLoader.js';
import { LANGUAGES } from '../../../src/i18n/languages.js';

const root = new URL('../../..', import.meta.url).pathname;
const locales = `${root}locales`;
const sharedCatalogue = `${root}../shared/nlu/catalogue.yaml`;

describe('shipped content (locales/)', () => {
  it.runIf(existsSync(sharedCatalogue))('ships the same catalogue as ../shared/nlu/catalogue.yaml', () => {
    expect(readFileSync(`${locales}/catalogue.yaml`, 'utf8')).toBe(readFileSync(sharedCatalogue, 'utf8'));
  });

  const { snapshot, errors } = loadContent(locales);

  it('has no content problem', () => {
    expect(errors.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  });

  it('answers every catalogue FAQ id and has examples for every intent id in every language', () => {
    const catalogue = parse(readFileSync(`${locales}/catalogue.yaml`, 'utf8')) as { faq: object; intent: object };
    for (const lang of LANGUAGES) {
      const faqIds = new Set(snapshot?.faq.filter((e) => e.lang === lang).map((e) => e.id));
      const intentIds = new Set(snapshot?.intents.filter((i) => i.lang === lang).map((i) => i.id));
      for (const id of Object.keys(catalogue.faq)) expect(faqIds.has(id), `${id} in ${lang}`).toBe(true);
      for (const id of Object.keys(catalogue.intent)) expect(intentIds.has(id), `${id} in ${lang}`).toBe(true);
    }
    expect(Object.keys(catalogue.faq)).toHaveLength(25);
    expect(Object.keys(catalogue.intent)).toHaveLength(8);
  });
});
