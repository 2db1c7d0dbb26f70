import { describe, expect, it } from 'vitest';
import { normalise, tokenise } from '../../../src/domain/nlu/normalise.js';

describe('normalise', () => {
  it.each([
    ['Est-ce GRATUIT ?', 'est ce gratuit'],
    ['Réintégration à Abidjan, ça coûte ?', 'reintegration a abidjan ca coute'],
    ["J'ai pas d'passeport", 'j ai pas d passeport'],
    ['merciiiii 🙏🙏', 'merci'],
    ['slt stp c koi le programme', 'salut s il te plait c est quoi le programme'],
    ['jvx rentrer pk c long', 'je veux rentrer pourquoi c est long'],
    ['bcp mrc tkt', 'beaucoup merci t inquiete'],
    ['pls thx u r great', 'please thanks you are great'],
  ])('normalises Latin text: %s', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it('unifies Arabic letter variants and removes diacritics and tatweel', () => {
    expect(normalise('أَنا أُريد العودةَ إلى بلادي')).toBe('انا اريد العوده الي بلادي');
    expect(normalise('آمال مؤسسة مسئول')).toBe('امال موسسه مسيول');
    expect(normalise('شكـــرا')).toBe('شكرا');
    expect(normalise('ٱلمنظمة')).toBe('المنظمه');
  });

  it('turns Arabic-Indic digits into 0-9 and collapses repeated letters', () => {
    expect(normalise('عندي ٣ أطفال و ۲ بنات')).toBe('عندي 3 اطفال و 2 بنات');
    expect(normalise('شكراااا')).toBe('شكرا');
  });

  it('reads arabizi digits inside Latin words as letters, but keeps numbers', () => {
    expect(normalise('3afak ch7al n9der')).toBe('afak chhal nqder');
    expect(normalise('afak')).toBe(normalise('3afak'));
    expect(normalise('3ndi')).toBe(normalise('andi'));
    expect(normalise('j ai 3 enfants en 2024')).toBe('j ai 3 enfants en 2024');
  });

  it('can keep SMS spellings unexpanded (for language detection)', () => {
    expect(tokenise('c koi', false)).toEqual(['c', 'koi']);
    expect(tokenise('c koi')).toEqual(['c', 'est', 'quoi']);
  });

  it.each([
    // "c'est" is the SMS "c" (c'est) followed by "est"; "il ya" has the "il" of "il y a" typed already.
    ["c'est quoi", 'c est quoi'],
    ['C est où ?', 'c est ou'],
    ['il ya un bureau', 'il y a un bureau'],
    ['il y ya', 'il y a'],
    ['quand ya pas de vol', 'quand il y a pas de vol'],
    // The next words are checked first: "c c'est" keeps the first c's own expansion.
    ["vitamine c c'est bon", 'vitamine c est c est bon'],
    // Without a typed neighbour every word of the expansion stays, and a one-word expansion is never dropped.
    ['stp', 's il te plait'],
    ['quoi koi', 'quoi quoi'],
    // A one-letter word starts a phrase of its own: "ya a manger" is "il y a à manger", not "il y a" typed again.
    ['ya a manger', 'il y a a manger'],
    ['il ya a boire', 'il y a a boire'],
    ['ya a rabat un bureau', 'il y a a rabat un bureau'],
  ])('does not double an SMS expansion\'s words typed beside it: %s', (input, expected) => {
    expect(normalise(input)).toBe(expected);
  });

  it('splits Arabic script glued to Latin letters', () => {
    expect(tokenise('okشكرا')).toEqual(['ok', 'شكرا']);
  });
});

describe('phonetic spellings', () => {
  it('turns French and English written as they sound into the words the content uses', () => {
    expect(normalise('je ve partir avek ma fame')).toBe('je ve partir avec ma femme');
    expect(normalise('ils donnent larjan au pei ?')).toBe('ils donnent l argent au pays');
    expect(normalise('my wife pregnent, she fit travl?')).toBe('my wife pregnant she fit travel');
  });
});

describe('tokenise remembers the last few messages', () => {
  it('gives the same words again, as a copy the caller may change', () => {
    const text = "Bonjour, j'aimerais savoir si le retour est gratuit";
    const first = tokenise(text);
    first.push('changed');
    expect(tokenise(text)).toEqual(tokenise(`${text} `));
    expect(tokenise(text)).not.toContain('changed');
    // The SMS setting is part of what is remembered: "c" is expanded only when asked.
    expect(tokenise('c quoi', false)).toEqual(['c', 'quoi']);
    expect(tokenise('c quoi')).not.toEqual(['c', 'quoi']);
    expect(tokenise('c quoi', false)).toEqual(['c', 'quoi']);
  });
});

/**
 * The chain of regular-expression passes `tokenise` ran before its one-pass scan (kept here as the reference the
 * scan must equal): lowercase, Arabic-Indic digits, NFD and marks, Arabic variants, ligatures, word breaks, runs.
 */
function referenceWords(text: string): string[] {
  let base = text.toLowerCase();
  if (/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/.test(base)) {
    base = base.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90 % 10));
  }
  base = base.normalize('NFD').replace(/\p{M}/gu, '');
  base = base.replace(/\u0640/g, '').replace(/\u0671/g, 'ا').replace(/\u0629/g, 'ه').replace(/\u0649/g, 'ي').replace(/\u06CC/g, 'ي').replace(/\u06A9/g, 'ك');
  base = base.replace(/ß/g, 'ss').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
  return base.replace(/[^\p{L}\p{N}]+/gu, ' ').replace(/(\p{L})\1{2,}/gu, '$1').split(' ').filter((w) => w !== '');
}

describe('tokenise, one pass', () => {
  // Words with no Latin letter or digit beside Arabic script, and no SMS spelling: nothing after the scan changes them.
  const awkward = [
    'ßßß œuvre ÆSOP', 'aa\u0301a café\u0301\u0301 naïve', 'x\u0640\u0640y ٱة ى ی ک', '𝐀𝐀𝐀 𝐀𝐀 😀😀😀 🙏',
    'a\uD800b \uDC00\uDC00\uDC00 aa\uD83D', 'İstanbul ǅǅǅ ΣΣΣ ς', '١٢٣ ۴۵ ①②③ ½ Ⅻ', 'l’oim d`asile c´est ‘ok',
    'sss\u0301s ss\u0301 \u0301\u0301ab', 'ﻻ ﷲ\u200b\u200d\u00a0word', 'قققق بالعربيــــة', 'ééé èèè',
  ];
  it.each(awkward)('cuts %j as the chain of replaces did', (text) => {
    expect(tokenise(text, false)).toEqual(referenceWords(text));
  });

  it('matches the chain of replaces on every BMP character tripled', () => {
    const differing: number[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      const c = String.fromCharCode(cp);
      // Arabic script and arabizi digits are kept apart from Latin letters, which tokenise would split or rewrite after.
      const text = /[\u0600-\u06FF\u0660-\u0669\u06F0-\u06F9235789]/.test(c) ? `${c}${c}${c} ${c}${c}` : `q${c}${c}${c}z ${c}w`;
      if (JSON.stringify(tokenise(text, false)) !== JSON.stringify(referenceWords(text))) differing.push(cp);
    }
    expect(differing).toEqual([]);
  });
});

describe('tokenise and words named like Object properties', () => {
  it('reads "constructor" as a word, not as an SMS spelling of the table’s prototype', () => {
    expect(tokenise('I am a constructor, can I return?')).toEqual(['i', 'am', 'a', 'constructor', 'can', 'i', 'return']);
    expect(tokenise('constructor tostring valueof', false)).toEqual(['constructor', 'tostring', 'valueof']);
  });
});
