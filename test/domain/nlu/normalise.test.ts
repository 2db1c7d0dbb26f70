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
