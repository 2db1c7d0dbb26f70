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
  ] as const)('%s → %s', (text, lang) => {
    expect(requestedLanguage(text)).toBe(lang);
  });

  it('hears the language wanted when the other is the one not known, in Pidgin too', () => {
    expect(requestedLanguage('arabic abeg, i no understand french')).toBe('ar');
    expect(requestedLanguage('i no sabi english, french please')).toBe('fr');
  });

  it('is undefined when no language is named', () => {
    expect(requestedLanguage('je veux rentrer')).toBeUndefined();
  });
});
