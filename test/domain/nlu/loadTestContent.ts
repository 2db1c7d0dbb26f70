import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LANGUAGES } from '../../../src/i18n/languages.js';
import type { MatcherContent } from '../../../src/domain/nlu/matcher.js';

/**
 * Minimal reader of `locales/<lng>/faq/*.yaml` and `locales/<lng>/intents.yaml` for the matcher tests,
 * without validation (the content loader validates; these tests only need ids and examples).
 */
export function loadTestContent(localesDir = 'locales'): MatcherContent {
  const faq: Array<MatcherContent['faq'][number]> = [];
  const intents: Array<MatcherContent['intents'][number]> = [];
  for (const lang of LANGUAGES) {
    const faqDir = join(localesDir, lang, 'faq');
    if (existsSync(faqDir)) {
      for (const file of readdirSync(faqDir).filter((f) => f.endsWith('.yaml')).sort()) {
        const doc = parse(readFileSync(join(faqDir, file), 'utf8')) as { entries?: Array<{ id: string; title?: string; examples?: string[] }> };
        for (const e of doc.entries ?? []) faq.push({ id: e.id, lang, title: e.title, examples: e.examples ?? [] });
      }
    }
    const intentsFile = join(localesDir, lang, 'intents.yaml');
    if (existsSync(intentsFile)) {
      const doc = parse(readFileSync(intentsFile, 'utf8')) as { intents?: Array<{ id: string; examples?: string[] }> };
      for (const i of doc.intents ?? []) intents.push({ id: i.id, lang, examples: i.examples ?? [] });
    }
  }
  return { faq, intents };
}
