/**
 * Removes what could identify a person from free text before it is stored for staff or logged:
 * e-mail addresses, links, phone numbers, long digit runs and document numbers (passport, case or
 * WhatsApp ids), dates (of birth), and names introduced by "je m'appelle / mon nom est / my name is /
 * call me / smiti / اسمي / سميتي".
 */
const NAME_INTRO_LATIN =
  /\b(je\s+m['’]?\s?appell?e|mon\s+nom\s+(?:est|c['’]?\s?est)|moi\s+c['’]?\s?est|my\s+name\s+is|my\s+name['’]?s|i\s+am\s+called|call\s+me|appelez[\s-]moi|smiti|smiya\s+dyali|ana\s+smiti|name\s*:|nom\s*:|pr[ée]nom\s*:)((?:\s+[\p{L}'’-]+){1,3})/giu;
/** Words that end a name ("je m'appelle Awa et je ..."): what follows them is kept. */
const AFTER_NAME = new Set(
  'et je j i and de du des from im suis am was mais but 3afak afak svp stp please pls merci thanks ana o w wa'.split(' '),
);

/** Replaces the name after an introduction: the first word, then following words until a common word. */
function redactName(_match: string, intro: string, words: string): string {
  const parts = words.trim().split(/\s+/);
  let named = 1;
  while (named < parts.length && !AFTER_NAME.has(parts[named]!.toLowerCase())) named++;
  const rest = parts.slice(named).join(' ');
  return `${intro} [name]${rest ? ` ${rest}` : ''}`;
}

const NAME_INTRO_ARABIC = /(اسمي|إسمي|أسمي|سميتي|انا اسمي|أنا اسمي)\s+[\p{L}]+(?:\s+[\p{L}]+)?/gu;

// Every pattern must run in linear time on hostile text (test/architecture/hostileText.test.ts): a
// pattern that may start inside a run it then rescans (like [\w.+-]+@ on "aaaa…") is anchored with a
// lookbehind so it only starts at the beginning of the run.
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '[email]'],
  [/\bhttps?:\/\/\S+|\bwww\.\S+/gi, '[link]'],
  // Dates (of birth): 12/03/1995, 12-03-95, 1995-03-12.
  [/\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b/g, '[date]'],
  // Phone numbers: +212 6 12 34 56 78, 0612345678, 00 225 07 ..., with spaces, dots or dashes.
  [/(?:\+|00)?\d(?:[\s.\-()]*\d){7,}/g, '[phone]'],
  [/\b[A-Z]{1,3}\d{5,}\b/gi, '[id]'],
  [/[٠-٩۰-۹](?:[\s.\-]*[٠-٩۰-۹]){7,}/g, '[phone]'],
  [NAME_INTRO_ARABIC, '$1 [name]'],
];

/** Returns `text` with personal data replaced by placeholders (`[phone]`, `[email]`, `[name]`, ...). */
export function redactPersonalData(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out.replace(NAME_INTRO_LATIN, redactName);
}

/** Keeps the last 3 digits of a phone-like id, enough to tell two users apart in logs. */
export function maskId(id: string): string {
  return id.length <= 4 ? '***' : `***${id.slice(-3)}`;
}
