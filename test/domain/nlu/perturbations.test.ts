import { describe, expect, it } from 'vitest';
import { PERTURBATIONS, perturbAll } from '../../../src/domain/nlu/perturbations.js';

const apply = (name: string, text: string, lang?: 'fr' | 'en' | 'ar') => PERTURBATIONS.find((p) => p.name === name)!.apply(text, lang);

describe('perturbations', () => {
  it('strip accents, capitalise and drop apostrophes as people do on a phone', () => {
    expect(apply('no-accents', 'Où est le départ, ça coûte combien ?')).toBe('Ou est le depart, ca coute combien ?');
    expect(apply('no-accents', 'متى الرحلة؟')).toBe('متى الرحلة؟');
    expect(apply('capitals', "j'ai perdu mon billet")).toBe("J'AI PERDU MON BILLET");
    expect(apply('no-apostrophes', "j'ai rien, l'OIM m’aide ? I don't know")).toBe('jai rien, lOIM maide ? I dont know');
  });

  it('repeat the last letter of some words, the first word always', () => {
    const text = apply('doubled-letters', 'merci infiniment a toute l equipe');
    expect(text).toMatch(/^mercii+ /);
    expect(text.replace(/(\p{L})\1+/gu, '$1')).toBe('merci infiniment a toute l equipe'.replace(/(\p{L})\1+/gu, '$1'));
  });

  it('replace one letter of a long word by a neighbouring key, one more per ten words, never the first letter', () => {
    const text = apply('key-typos', 'combien de temps pour partir');
    const changed = text.split(' ').filter((w, i) => w !== 'combien de temps pour partir'.split(' ')[i]);
    expect(changed).toHaveLength(1);
    expect(['combien', 'partir'].some((w) => w[0] === changed[0]![0] && w.length === changed[0]!.length)).toBe(true);
    expect(apply('key-typos', 'ok oui')).toBe('ok oui');
  });

  it('write SMS forms of whole words', () => {
    expect(apply('sms', "pourquoi c'est comme ça, s'il vous plaît")).toBe('pk c comme ça, stp');
    expect(apply('sms', 'thanks, how are you today')).toBe('thx, hw r u 2day');
  });

  it('swap arabizi digits and letters only in Darija written in Latin letters', () => {
    expect(apply('arabizi-swap', 'ch7al khass n9ra', 'ar')).toBe('chhal khass nqra');
    expect(apply('arabizi-swap', 'khoya wach nqder', 'ar')).toBe('5oya wach n9der');
    expect(apply('arabizi-swap', 'how long', 'en')).toBe('how long');
    expect(apply('arabizi-swap', 'واش نقدر', 'ar')).toBe('واش نقدر');
  });

  it('remove one space between words, one more per ten words', () => {
    const text = apply('no-spaces', 'je veux rentrer chez moi');
    expect(text.split(' ')).toHaveLength(4);
    expect(text.replace(/ /g, '')).toBe('jeveuxrentrerchezmoi');
    expect(apply('no-spaces', 'bonjour')).toBe('bonjour');
  });

  it('is deterministic: the same text is always perturbed the same way', () => {
    const text = 'est-ce que ma femme et mes enfants peuvent partir avec moi le mois prochain';
    expect(perturbAll(text, 'fr')).toEqual(perturbAll(text, 'fr'));
    expect(Object.keys(perturbAll(text))).toEqual(PERTURBATIONS.map((p) => p.name));
  });
});
