import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V). */
export const REFERENCE_ALPHABET = '34679ACDEFGHJKMNPQRTWXY';
/** Length of a reference code: 23^6 ≈ 148 million codes. */
export const REFERENCE_LENGTH = 6;

/** A random booking reference such as `K7RM4X`, shown to the person and to staff. */
export function newReferenceCode(random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < REFERENCE_LENGTH; i += 1) code += REFERENCE_ALPHABET[random(REFERENCE_ALPHABET.length)];
  return code;
}

/** Normalises a typed reference (case, spaces, dashes); undefined when it cannot be one. */
export function parseReferenceCode(text: string): string | undefined {
  const code = text.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== REFERENCE_LENGTH) return undefined;
  return [...code].every((c) => REFERENCE_ALPHABET.includes(c)) ? code : undefined;
}
