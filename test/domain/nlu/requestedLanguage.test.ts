import { describe, expect, it } from 'vitest';
import { requestedLanguage } from '../../../src/domain/nlu/requestedLanguage.js';

describe('requestedLanguage', () => {
  it.each([
    ['Can you speak English?', 'en'],
    ['vous parlez anglais ?', 'en'],
    ['on peut parler français', 'fr'],
    ['en francais stp', 'fr'],
    ['بالعربية', 'ar'],
    ['بالفرنسية عافاك', 'fr'],
    ['mumkin b darija', 'ar'],
    ["I don't understand French, English please", 'en'],
    ['parlez-moi en arabe svp je comprends pas bien le français', 'ar'],
    ["English please, I don't speak French", 'en'],
    ['بالعربية عافاك، ما كنفهمش الفرنسية', 'ar'],
    // Pidgin's negation, Darija's glued article and negated verbs, phonetic names.
    ['abeg english, i no sabi french', 'en'],
    ['mafhamtch b lfransawiya, b l3arbiya 3afak', 'ar'],
    ['kteb lia b l3arbiya', 'ar'],
    ['una fit talk pidgin?', 'en'],
    ['pourquoi pas en arabe ?', 'ar'],
  ] as const)('%s → %s', (text, lang) => {
    expect(requestedLanguage(text)).toBe(lang);
  });

  it('is undefined when no language is named', () => {
    expect(requestedLanguage('je veux rentrer')).toBeUndefined();
  });

  it('is undefined when the only language named is one the writer does not know', () => {
    for (const text of ['i no sabi french', "I don't speak French", 'je ne parle pas anglais', 'ma kanfhamch lfrançais', 'ما كنفهمش الفرنسية']) {
      expect(requestedLanguage(text)).toBeUndefined();
    }
  });
});
