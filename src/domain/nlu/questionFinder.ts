/**
 * Phrases that announce the actual question of a long message, as typed (matched on lowercase text with
 * accents removed). What follows the last of them is the question.
 */
const QUESTION_CUES: readonly string[] = [
  // French
  'je voudrais savoir', 'je veux savoir', 'je voulais savoir', 'j aimerais savoir', 'je souhaite savoir', 'ma question',
  'dites moi', 'dites-moi', 'pouvez vous me dire', 'pouvez-vous me dire', 'je demande si', 'je me demande',
  'vous pouvez m expliquer', 'expliquez moi', 'je voulais demander', 'je veux demander', 'j ai une question',
  'je voudrais demander', 'comment faire pour',
  // English
  'i want to know', 'i wanted to know', 'i would like to know', 'i d like to know', 'my question', 'can you tell me',
  'could you tell me', 'please tell me', 'i am asking', 'i m asking', 'i wonder', 'abeg tell me', 'i wan know',
  'i want to ask', 'i wanted to ask', 'i need to know', 'my question is',
  // Arabic (MSA and Darija) and Darija in Latin letters
  'بغيت نعرف', 'بغيت نسول', 'أريد أن أعرف', 'اريد ان اعرف', 'أود أن أعرف', 'اود ان اعرف', 'سؤالي', 'السؤال ديالي',
  'bghit n3ref', 'bghit na3ref', 'bghit nerf', 'bghit nsowl', 'bghit nswl', 'so2al dyali',
  'أريد أن أسأل', 'اريد ان اسال', 'أود أن أسأل', 'بغيت نسول', 'بغيت نسقسي', 'bghit nsa9si', 'bghit nsaqsi',
];

/** Question words that start a question when no cue above announces one ("est-ce que", "واش", "هل"). */
const QUESTION_WORDS: readonly string[] = ['est ce que', 'est-ce que', 'is it possible', 'هل يمكن', 'هل', 'واش', 'wach'];

/** A message shorter than this (characters) is its own question. */
export const SHORT_MESSAGE_CHARS = 140;

/**
 * Characters at the end of a long message searched for its question: the question of a story comes last, and
 * the search then costs the same for a 2,000-character message as for an 800-character one.
 */
export const QUESTION_SEARCH_CHARS = 800;

/** Most characters of the sentence before a short question that are kept with it as its context. */
const CONTEXT_CHARS = 120;

/** Most characters of the question returned (the cue's clause and what follows). */
const MAX_QUESTION_CHARS = 250;

const SENTENCE_END = /[.!?؟\n]+/;
/** Any unit outside ASCII: plain ASCII text has no accents or marks to fold, and NFD leaves it as it is. */
const NON_ASCII = /[^\x00-\x7f]/;
const foldAccents = (text: string) => (NON_ASCII.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '') : text).toLowerCase().replace(/[’']/g, ' ');

/**
 * Finds the question inside a long message that tells a story first ("I came in 2022 … I tried … I want to
 * know if I can register"). Short messages are returned unchanged. For a long one, in order:
 * the text from the last question cue ("je voudrais savoir", "I want to know", "بغيت نعرف", "est-ce que", …);
 * otherwise the last sentence ending with a question mark (with the sentence before it when short);
 * otherwise the last sentence. Only the last {@link QUESTION_SEARCH_CHARS} characters are searched, so the cost is
 * bounded whatever the length (string search, no backtracking regex).
 * @returns the question part, or `null` when the message is short or nothing smaller than it is found.
 */
export function findQuestion(text: string): string | null {
  if (text.length < SHORT_MESSAGE_CHARS) return null;
  const start = Math.max(0, text.length - QUESTION_SEARCH_CHARS);
  const folded = foldAccents(text.slice(start));
  // Folding keeps indices aligned for Latin and Arabic letters except where NFD removed marks; work on `folded`.
  let cueAt = lastCue(folded, QUESTION_CUES);
  if (cueAt < 0 || cueAt + start <= 40) cueAt = lastCue(folded, QUESTION_WORDS);
  // A cue in the first few characters means the whole message is the question.
  if (cueAt >= 0 && cueAt + start > 40) return clip(folded.slice(cueAt));

  const sentences = splitSentences(folded);
  if (sentences.length < 2) return null;
  for (let i = sentences.length - 1; i >= 0; i--) {
    const s = sentences[i]!;
    if (!s.question) continue;
    const previous = sentences[i - 1];
    // A short question gets the end of the sentence before it (the question itself must never be clipped away).
    const withContext = s.text.length < 60 && previous ? `${previous.text.slice(-CONTEXT_CHARS)} ${s.text}` : s.text;
    return clip(withContext);
  }
  const last = sentences[sentences.length - 1]!.text;
  return last.length >= 15 ? clip(last) : clip(`${sentences[sentences.length - 2]!.text} ${last}`);
}

interface Sentence {
  readonly text: string;
  readonly question: boolean;
}

function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let rest = text;
  while (rest.length > 0) {
    const match = SENTENCE_END.exec(rest);
    const end = match ? match.index : rest.length;
    const body = rest.slice(0, end).trim();
    const mark = match?.[0] ?? '';
    if (body.length > 0) out.push({ text: body, question: mark.includes('?') || mark.includes('؟') });
    rest = match ? rest.slice(end + mark.length) : '';
  }
  return out;
}

/**
 * Each cue list folded once and indexed by its first UTF-16 unit: one backward walk over the text then finds the
 * last cue, where a `lastIndexOf` per cue walked the whole 800 characters for each of some sixty absent cues.
 */
const cueIndexes = new WeakMap<readonly string[], ReadonlyArray<readonly string[] | undefined>>();

function cueIndex(cues: readonly string[]): ReadonlyArray<readonly string[] | undefined> {
  let index = cueIndexes.get(cues);
  if (!index) {
    const byFirst: Array<string[] | undefined> = new Array<string[] | undefined>(0x10000).fill(undefined);
    for (const cue of cues.map(foldAccents)) {
      const list = (byFirst[cue.charCodeAt(0)] ??= []);
      if (!list.includes(cue)) list.push(cue);
    }
    cueIndexes.set(cues, (index = byFirst));
  }
  return index;
}

/** Last index of `folded` where one of `cues` starts a word (preceded by a non-letter or the start), or -1. */
function lastCue(folded: string, cues: readonly string[]): number {
  const index = cueIndex(cues);
  for (let at = folded.length - 1; at >= 0; at--) {
    const list = index[folded.charCodeAt(at)];
    if (list && startsOne(folded, list, at) && (at === 0 || !WORD_UNIT.test(folded[at - 1]!))) return at;
  }
  return -1;
}

/** Whether one of `cues` starts at `at` (a loop, not `some` with a closure: one closure per position cost 50 KB a long message). */
function startsOne(folded: string, cues: readonly string[], at: number): boolean {
  for (let i = 0; i < cues.length; i++) if (folded.startsWith(cues[i]!, at)) return true;
  return false;
}

/** A letter or digit (tested on one UTF-16 unit, as the cue search always did). */
const WORD_UNIT = /[\p{L}\p{N}]/u;

function clip(text: string): string {
  return text.length > MAX_QUESTION_CHARS ? text.slice(0, MAX_QUESTION_CHARS) : text;
}
