import { describe, expect, it } from 'vitest';
import { verifyTokenMatches } from '../../../src/channels/whatsapp/webhookSignature.js';

describe('verifyTokenMatches', () => {
  it.each([
    ['the same token', 's3cret-token', 's3cret-token', true],
    ['another token of the same length', 's3cret-tokeN', 's3cret-token', false],
    ['a prefix of the token', 's3cret', 's3cret-token', false],
    ['a longer token', 's3cret-token-and-more', 's3cret-token', false],
    ['an empty token', '', 's3cret-token', false],
    ['no token given', null, 's3cret-token', false],
    ['no token configured', 's3cret-token', undefined, false],
  ])('%s → %s', (_name, given, expected, result) => {
    expect(verifyTokenMatches(given, expected)).toBe(result);
  });
});
