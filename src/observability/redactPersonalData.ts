/**
 * Removes what could identify a person from free text before it is stored for staff or logged:
 * phone numbers, e-mail addresses, long digit runs (passport, case or WhatsApp ids) and names
 * introduced by "je m'appelle / my name is / اسمي".
 */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  // Phone numbers: +212 6 12 34 56 78, 0612345678, 00 225 07 ..., with spaces, dots or dashes.
  [/(?:\+|00)?\d(?:[\s.\-()]*\d){7,}/g, '[phone]'],
  [/\b[A-Z]{1,3}\d{5,}\b/gi, '[id]'],
  [
    /\b(je m'?appelle|mon nom est|moi c'?est|my name is|i am called|name:|nom\s*:)\s+([\p{L}'-]+(?:\s+[\p{Lu}][\p{L}'-]+)*)/giu,
    '$1 [name]',
  ],
  [/(اسمي|إسمي|انا اسمي)\s+[\p{L}]+(?:\s+[\p{L}]+)?/gu, '$1 [name]'],
];

export function redactPersonalData(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Keeps the last 3 digits of a phone-like id, enough to tell two users apart in logs. */
export function maskId(id: string): string {
  return id.length <= 4 ? '***' : `***${id.slice(-3)}`;
}
