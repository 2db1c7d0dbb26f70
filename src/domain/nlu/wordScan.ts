/**
 * The one-pass word scan behind `tokenise` (normalise.ts): it does in a single walk over the text what a chain of
 * six regular-expression replaces over the whole message did, which cost most of the understander's time on long
 * messages. normalise.test.ts checks it against that chain.
 */
/** Unicode class of a code point as {@link scanWords} needs it. */
const LETTER = 1;
const NUMBER = 2;
const MARK = 3;
const OTHER = 4;
/** Flag of a scanned word: it holds a UTF-16 unit of U+0600–U+06FF (Arabic script). */
export const ARABIC_UNIT = 1;
/** Flag of a scanned word: it holds a–z or 0–9. */
export const LATIN_OR_DIGIT = 2;
/** Flag of a scanned word: it holds a–z. */
export const LATIN_LETTER = 4;
/** Flag of a scanned word: it holds one of 2 3 5 7 8 9 (arabizi letters). */
export const ARABIZI_DIGIT = 8;
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
const IS_MARK = /^\p{M}$/u;
/** Classes of the BMP's code points, filled on first sight (0 = not seen yet); astral ones in a bounded map. */
const BMP_CLASS = new Uint8Array(0x10000);
const ASTRAL_CLASS = new Map<number, number>();
const classOf = (cp: number): number => {
  const known = cp < 0x10000 ? BMP_CLASS[cp]! : (ASTRAL_CLASS.get(cp) ?? 0);
  if (known !== 0) return known;
  const ch = String.fromCodePoint(cp);
  const found = IS_LETTER.test(ch) ? LETTER : IS_NUMBER.test(ch) ? NUMBER : IS_MARK.test(ch) ? MARK : OTHER;
  if (cp < 0x10000) BMP_CLASS[cp] = found;
  else {
    if (ASTRAL_CLASS.size >= 4096) ASTRAL_CLASS.clear();
    ASTRAL_CLASS.set(cp, found);
  }
  return found;
};
for (let cp = 0; cp < 0x80; cp++) classOf(cp);
/**
 * Characters rewritten before words are cut: tatweel dropped, Arabic letter variants unified (ٱ → ا, ة → ه,
 * ى ی → ي, ک → ك), Latin ligatures spelt out (ß → ss, œ → oe, æ → ae).
 */
const rewrittenOf = (cp: number): string | undefined => {
  switch (cp) {
    case 0x0640: return '';
    case 0x0671: return 'ا';
    case 0x0629: return 'ه';
    case 0x0649: case 0x06cc: return 'ي';
    case 0x06a9: return 'ك';
    case 0xdf: return 'ss';
    case 0x153: return 'oe';
    case 0xe6: return 'ae';
    default: return undefined;
  }
};
const flagsOf = (unit: number): number =>
  unit >= 0x0600 && unit <= 0x06ff ? ARABIC_UNIT
  : unit >= 0x61 && unit <= 0x7a ? LATIN_OR_DIGIT | LATIN_LETTER
  : unit >= 0x30 && unit <= 0x39 ? LATIN_OR_DIGIT | (unit === 0x32 || unit === 0x33 || unit === 0x35 || unit === 0x37 || unit === 0x38 || unit === 0x39 ? ARABIZI_DIGIT : 0)
  : 0;

/**
 * Cuts `s` (lowercased, NFD when not ASCII) into its words in one pass, with what the former chain of replaces did:
 * combining marks and tatweel removed, {@link rewrittenOf} characters rewritten, every run of characters that are
 * neither letters nor numbers a word break, and a letter repeated three times or more written once ("merciii").
 * Pushes each word and its flags ({@link ARABIC_UNIT}…) to `words` and `flags`. A word is a slice of `s` unless a
 * character inside it was removed or rewritten, so clean text allocates only its words.
 */
export function scanWords(s: string, words: string[], flags: number[]): void {
  SCAN.begin(s, words, flags);
  const n = s.length;
  for (let i = 0; i < n; ) {
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const rewritten = cp < 0x80 ? undefined : rewrittenOf(cp);
    if (rewritten !== undefined) {
      SCAN.unplain(i);
      for (let k = 0; k < rewritten.length; k++) SCAN.write(rewritten.charCodeAt(k), true, i, 1, rewritten[k]!);
    } else {
      const kind = classOf(cp);
      if (kind === MARK) SCAN.unplain(i);
      else if (kind === OTHER) SCAN.end(i);
      else SCAN.write(cp, kind === LETTER, i, width, null);
    }
    i += width;
  }
  SCAN.end(n);
}

/** The state of one {@link scanWords} walk (one instance, reused: the scan never runs inside itself). */
class WordScan {
  private s = '';
  private words: string[] = [];
  private flags: number[] = [];
  private inWord = false;
  /** The word so far is `s.slice(start, i)`; when false it is `word`. */
  private plain = true;
  private start = 0;
  private word = '';
  private f = 0;
  /** The last letter written, and how many times in a row. */
  private last = -1;
  private run = 0;

  begin(s: string, words: string[], flags: number[]): void {
    this.s = s;
    this.words = words;
    this.flags = flags;
    this.inWord = false;
    this.last = -1;
    this.run = 0;
  }

  /** A character at `at` is dropped or rewritten: the word is no longer a slice of the text. */
  unplain(at: number): void {
    if (this.inWord && this.plain) {
      this.word = this.s.slice(this.start, at);
      this.plain = false;
    }
  }

  /** A word break at `at`. */
  end(at: number): void {
    if (!this.inWord) return;
    this.words.push(this.plain ? this.s.slice(this.start, at) : this.word);
    this.flags.push(this.f);
    this.inWord = false;
    this.last = -1;
    this.run = 0;
  }

  /** A letter or number at `at` (`width` units) written at the end of the word; `text` is it when rewritten, else null. */
  write(cp: number, isLetter: boolean, at: number, width: number, text: string | null): void {
    if (!this.inWord) {
      this.inWord = true;
      this.plain = text === null;
      this.start = at;
      this.word = '';
      this.f = 0;
    }
    if (isLetter && cp === this.last) {
      if (++this.run >= 3) {
        // The third of a run: keep one of the two already written, and none of the rest.
        if (this.plain) {
          this.word = this.s.slice(this.start, at - (this.run === 3 ? width : 0));
          this.plain = false;
        } else if (this.run === 3) this.word = this.word.slice(0, -width);
        return;
      }
    } else if (isLetter) {
      this.last = cp;
      this.run = 1;
    } else {
      this.last = -1;
      this.run = 0;
    }
    if (!this.plain) this.word += text ?? this.s.slice(at, at + width);
    this.f |= flagsOf(cp);
  }
}

const SCAN = new WordScan();

/**
 * `text` with every run of letters and numbers replaced by `replace(run)`: what `text.replace(/[\p{L}\p{N}]+/gu,
 * replace)` returns, by a walk over the code points with the classes above (the Unicode expression cost more than
 * the replacing on a long message).
 */
export function replaceWords(text: string, replace: (word: string) => string): string {
  // Only words that `replace` changes are copied out: a message with nothing to repair builds no new string.
  let out = '';
  let copied = 0; // text before this index is in `out`
  let start = -1; // where the current run began, or -1
  const n = text.length;
  for (let i = 0; i < n; ) {
    const unit = text.charCodeAt(i);
    const cp = unit >= 0xd800 && unit <= 0xdbff ? text.codePointAt(i)! : unit;
    const kind = cp < 0x80 ? BMP_CLASS[cp]! : classOf(cp);
    if (kind === LETTER || kind === NUMBER) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const word = text.slice(start, i);
      const replaced = replace(word);
      if (replaced !== word) {
        out += text.slice(copied, start) + replaced;
        copied = i;
      }
      start = -1;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (start >= 0) {
    const word = text.slice(start);
    const replaced = replace(word);
    if (replaced !== word) {
      out += text.slice(copied, start) + replaced;
      copied = n;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}
