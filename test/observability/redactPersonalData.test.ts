import { describe, expect, it } from 'vitest';
import { maskId, redactPersonalData } from '../../src/observability/redactPersonalData.js';

describe('redactPersonalData', () => {
  it.each([
    ["Bonjour je m'appelle Awa Traoré, mon numéro est 06 12 34 56 78", ['Awa', 'Traoré', '06 12', '78'], "je m'appelle [name]"],
    ['je m’appelle moussa diallo et je veux rentrer', ['moussa', 'diallo'], 'et je veux rentrer'],
    ['my name is John Okafor and I was born 12/03/1995', ['John', 'Okafor', '1995'], 'and I was born [date]'],
    ['اسمي فاطمة الزهراء رقمي ٠٦١٢٣٤٥٦٧٨', ['فاطمة', '٠٦١٢'], 'اسمي [name]'],
    ['smiti youssef 3afak, +212 612-345-678', ['youssef', '612'], '3afak'],
    ['passeport AB1234567, mail awa.t@example.org', ['AB1234567', 'awa.t'], '[email]'],
  ])('%s', (input, gone, kept) => {
    const out = redactPersonalData(input);
    for (const g of gone) expect(out).not.toContain(g);
    expect(out).toContain(kept);
  });

  it('keeps ordinary numbers and words', () => {
    expect(redactPersonalData("j'ai 3 enfants, c'est combien pour 2 valises ?")).toBe("j'ai 3 enfants, c'est combien pour 2 valises ?");
  });
});

describe('maskId', () => {
  it('keeps only the last three characters', () => {
    expect(maskId('212612345678')).toBe('***678');
    expect(maskId('123')).toBe('***');
  });
});
