import { describe, expect, it } from 'vitest';
import { languageHintOf } from '../../../src/channels/whatsapp/languageHint.js';

describe('languageHintOf', () => {
  it('reads the country of a phone number by its calling code, longest code first', () => {
    expect(languageHintOf('2348012345678')).toBe('en'); // Nigeria
    expect(languageHintOf('2250700000001')).toBe('fr'); // Côte d'Ivoire
    expect(languageHintOf('213550000000')).toBe('ar'); // Algeria
    expect(languageHintOf('201000000000')).toBe('ar'); // Egypt (20), not confused with 212
    expect(languageHintOf('212600000000')).toBeUndefined(); // Morocco: everyone has such a number
    expect(languageHintOf('258840000000')).toBeUndefined(); // not in the table
  });

  it('reads the country prefix of a business-scoped user id', () => {
    expect(languageHintOf('NG.13491208655302741918')).toBe('en');
    expect(languageHintOf('SN.1')).toBe('fr');
    expect(languageHintOf('MA.1')).toBeUndefined();
  });

  it('prefers an Arabic-script profile name', () => {
    expect(languageHintOf('2348012345678', 'محمد')).toBe('ar');
    expect(languageHintOf('212600000000', 'Awa')).toBeUndefined();
  });
});
