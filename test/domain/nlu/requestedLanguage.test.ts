import { describe, expect, it } from 'vitest';
import { ALL_NAMES, explicitlyRequestedLanguage, mayBeOneSlipFromAName, requestedLanguage } from '../../../src/domain/nlu/requestedLanguage.js';
import { oneSlipVariants } from '../../../src/domain/nlu/spellingRepair.js';

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

  it('hears the language wanted when the other is the one not known, in Pidgin too', () => {
    expect(requestedLanguage('arabic abeg, i no understand french')).toBe('ar');
    expect(requestedLanguage('i no sabi english, french please')).toBe('fr');
  });

  it('reads "bad" or "nothing understood" as about the language it follows, not the one asked for', () => {
    expect(requestedLanguage('write in english for me, because my french is poor')).toBe('en');
    expect(requestedLanguage('en français stp, mon anglais est nul')).toBe('fr');
    expect(requestedLanguage("répondez en arabe, j'ai rien compris au français")).toBe('ar');
    expect(requestedLanguage('je comprends rien en anglais')).toBeUndefined();
  });

  it('does not take the language a document is to be translated into as the reply language', () => {
    for (const text of ['who can translate my papers into english', 'vous pouvez traduire mon acte de naissance en arabe ?']) expect(requestedLanguage(text), text).toBeUndefined();
    expect(requestedLanguage('translate it to english for me')).toBe('en');
  });

  it('reads a language name mistyped by one slip or glued to the word beside it', () => {
    for (const [text, lang] of [
      ['repond moi en anglias stp', 'en'],
      ['speak to me in englsh', 'en'],
      ['parle moi enfrancais', 'fr'],
      ['moi je veux larabe svp', 'ar'],
      ['جاوبني بالغرنسية من فضلك', 'fr'],
    ] as const)
      expect(requestedLanguage(text), text).toBe(lang);
    // Countries are not languages, even one letter from a name.
    for (const text of ['ana baghi nkhdem f fransa', 'je veux aller en france']) expect(requestedLanguage(text), text).toBeUndefined();
  });

  it('is undefined when no language is named', () => {
    expect(requestedLanguage('je veux rentrer')).toBeUndefined();
  });

  it('is undefined when the only language named is one the writer does not know', () => {
    for (const text of ['i no sabi french', "I don't speak French", 'je ne parle pas anglais', 'ma kanfhamch lfrançais', 'ما كنفهمش الفرنسية', 'my french is bad', 'mon anglais est nul', 'my english is not good']) {
      expect(requestedLanguage(text)).toBeUndefined();
    }
  });
});

describe('explicitlyRequestedLanguage', () => {
  it.each([
    ['je veux parler avec un conseiller en arabe', 'ar'],
    ['en arabe svp, le retour est gratuit ?', 'ar'],
    ['I want to talk to a person in English please', 'en'],
    ['bghit nhder m3a chi wahed b darija', 'ar'],
  ] as const)('%s → %s', (text, lang) => {
    expect(explicitlyRequestedLanguage(text)).toBe(lang);
  });

  it('is undefined when a language is only mentioned, learnt or refused', () => {
    for (const text of ['mon mari parle arabe, il peut venir au rdv ?', 'y a des cours en anglais svp', 'formation en arabe svp', 'je veux rentrer svp', "she can't speak in french please help"]) {
      expect(explicitlyRequestedLanguage(text)).toBeUndefined();
    }
  });
});

describe('mayBeOneSlipFromAName', () => {
  const latin = [...'abcdefghijklmnopqrstuvwxyz'];
  /** Every word one edit from `word` (a letter dropped, added, replaced anywhere, or two swapped): a superset of what one slip reaches. */
  const edits = (word: string, letters: readonly string[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i <= word.length; i++) {
      const head = word.slice(0, i);
      if (i < word.length) out.push(head + word.slice(i + 1));
      if (i + 1 < word.length) out.push(head + word[i + 1] + word[i] + word.slice(i + 2));
      for (const c of letters) {
        out.push(head + c + word.slice(i));
        if (i < word.length) out.push(head + c + word.slice(i + 1));
      }
    }
    return out;
  };
  const longNames = [...ALL_NAMES].filter((name) => name.length >= 5);

  it('lets through every word one slip reads as a name, so the filter drops no name', () => {
    const missed: string[] = [];
    for (const name of longNames) {
      const letters = /^[a-z]+$/.test(name) ? latin : [...new Set(name)];
      for (const word of edits(name, letters)) {
        const reachesAName = [...oneSlipVariants(word, /^[a-z]+$/.test(word) ? latin : [])].some((v) => v.length >= 5 && ALL_NAMES.has(v));
        if (reachesAName && !mayBeOneSlipFromAName(word)) missed.push(word);
      }
    }
    expect(missed).toEqual([]);
  });

  it('stops words far from every name', () => {
    for (const word of ['retour', 'passeport', 'gratuit', 'reintegration', 'العوده', 'francee', 'anglicisme']) expect(mayBeOneSlipFromAName(word)).toBe(false);
  });
});
