import type { Language } from '../../i18n/languages.js';
import { tokenise } from './normalise.js';
import { oneSlipVariants } from './spellingRepair.js';

/** Words naming each language, as `tokenise` writes them, in French, English, Arabic and Darija. */
const LANGUAGE_NAMES: Readonly<Record<Language, ReadonlySet<string>>> = {
  fr: new Set(['francais', 'french', 'fransawi', 'fransawiya', 'fransiya', 'فرنسيه', 'بالفرنسيه', 'الفرنسيه', 'بالفرنساويه', 'فرنساويه', 'frencais',
    // Darija's article glued to the name, phonetic spellings, and Nouchi (answered in French).
    'lfrancais', 'lfransawiya', 'lfransiya', 'fransia', 'lfransia', 'francai', 'fransai', 'franse', 'nouchi']),
  en: new Set(['anglais', 'english', 'engl', 'inglizi', 'inglizia', 'nglizia', 'انجليزيه', 'بالانجليزيه', 'الانجليزيه', 'بالانكليزيه', 'انكليزيه', 'بالنجليزيه', 'eng', 'inglish',
    // Pidgin speakers get English replies.
    'lenglais', 'lnglizia', 'linglizia', 'lingliziya', 'anglai', 'englis', 'inglis', 'pidgin']),
  ar: new Set(['arabe', 'arabic', 'darija', 'derja', 'arbiya', 'arabiya', 'larbiya', 'عربيه', 'بالعربيه', 'العربيه', 'الدارجه', 'بالدارجه', 'دارجه', 'عربي', 'بالعربي',
    '3arbiya', '3arbia', 'l3arbiya', 'l3arbia', '3rbia', 'l3rbia', 'ldarija', 'dareja']),
};

/** Words that, just before a language's name, mean it is the one NOT wanted ("je comprends pas bien le français"). */
const NEGATIONS: ReadonlySet<string> = new Set(['pas', 'pa', 'ne', 'rien', 'not', 'no', 'dont', 'don', 'doesn', 'cant', 'cannot', 'never', 'jamais', 'machi', 'mashi', 'ma', 'ما', 'مش', 'ماشي', 'لا']);
/** Darija negated verbs in Latin letters: "ma kanfhamch", "mafhamtch", "makanhderch". */
const DARIJA_NEGATED_VERB = /^(?:ma[a-z0-9]{3,}|ka[a-z0-9]*fh[ae]m)(?:ch|sh)$/;
const isNegation = (token: string): boolean => NEGATIONS.has(token) || DARIJA_NEGATED_VERB.test(token);
/**
 * Verbs that, negated before the only language named, say the writer does not know it ("I don't speak French",
 * "i no sabi french"): no language is asked for then. Other negations keep the request ("pourquoi pas en arabe").
 */
const KNOWING = new Set(['comprends', 'comprend', 'comprenons', 'compris', 'parle', 'parlons', 'connais', 'sais', 'lis', 'lit', 'understand', 'speak',
  'know', 'read', 'sabi', 'hear', 'fhem', 'fham', 'kanfhem', 'kanfham', 'ma3reftch', 'كنفهمش', 'نفهم', 'افهم', 'اعرف', 'كنعرفش']);
/** Tokens before a language's name searched for a negation. */
const NEGATION_REACH = 4;
/** Words that, just after a language's name, say the writer knows it badly ("my french is bad", "mon anglais est nul"). */
const WEAK = new Set(['bad', 'weak', 'poor', 'faible', 'nul', 'nulle', 'mauvais', 'limite', 'limited', 'khayb', 'khayba', 'd3if', 'da3if', 'ضعيف', 'ضعيفه']);
/** "… is not good", "… est pas bon", "… machi mzyan": a negation then one of these, just after the name. */
const GOOD = new Set(['good', 'great', 'bon', 'bien', 'top', 'mzyan', 'mezyan', 'mzian', 'مزيان', 'جيد']);
/** Tokens after a language's name searched for {@link WEAK} or a negated {@link GOOD}. */
const WEAK_REACH = 4;
/** Verbs of translating: a language named after one and a possessive ("translate my CV into French") is a document's, not the reply's. */
const TRANSLATING = new Set(['translate', 'traduire', 'traduis', 'traduit', 'traduisez', 'tarjem', 'ntarjem', 'ترجم', 'يترجم', 'تترجم', 'نترجم']);
const POSSESSIVE = new Set(['my', 'our', 'his', 'her', 'mon', 'ma', 'mes', 'notre', 'nos', 'son', 'sa', 'ses', 'dyali', 'diali', 'dyalna']);
/** "translate my CV into French", "traduire mes papiers en arabe": a translating verb, then a possessive, before the name. */
const translatesADocument = (before: readonly string[]): boolean => {
  const verb = before.findIndex((t) => TRANSLATING.has(t));
  return verb >= 0 && before.slice(verb + 1).some((t) => POSSESSIVE.has(t));
};
/** Tokens before a language's name searched for {@link translatesADocument}. */
const TRANSLATE_REACH = 6;

/**
 * The language a user asks to switch to ("Can you speak English?" → en, "بالعربية" → ar,
 * "on peut parler français" → fr), or undefined when the message names none or several.
 */
export function requestedLanguage(text: string): Language | undefined {
  return requestedAmong(languageTokens(text));
}

/** {@link requestedLanguage} of a message already cut by {@link languageTokens}. */
function requestedAmong(order: readonly string[]): Language | undefined {
  const isName = (t: string) => ALL_NAMES.has(t);
  // Only the tokens that name a language are looked at (and their neighbours): the rest of a long message is skipped.
  const names: number[] = [];
  for (let i = 0; i < order.length; i++) if (ALL_NAMES.has(order[i]!)) names.push(i);
  let named = (Object.keys(LANGUAGE_NAMES) as Language[]).filter((lang) =>
    names.some((i) => LANGUAGE_NAMES[lang].has(order[i]!) && !translatesADocument(order.slice(Math.max(0, i - TRANSLATE_REACH), i))),
  );
  // "parlez-moi en arabe, je comprends pas bien le français": a language named after a negation is not wanted;
  // "i no sabi french" alone asks for none (the reply goes in the language the message is written in).
  const negated = (lang: Language, unknown = false) =>
    names.every((i) => {
      if (!LANGUAGE_NAMES[lang].has(order[i]!)) return true;
      const before = order.slice(Math.max(0, i - NEGATION_REACH), i);
      // "in English, my French is bad": what follows the next language's name is about that one.
      const following = order.slice(i + 1, i + 1 + WEAK_REACH);
      const nextName = following.findIndex(isName);
      const after = nextName >= 0 ? following.slice(0, nextName) : following;
      if (after.some((w) => WEAK.has(w)) || (after.some(isNegation) && after.some((w) => GOOD.has(w)))) return true;
      return unknown ? before.some((w) => DARIJA_NEGATED_VERB.test(w)) || (before.some(isNegation) && before.some((w) => KNOWING.has(w))) : before.some(isNegation);
    });
  if (named.length === 1 && negated(named[0]!, true)) return undefined;
  const wanted = named.filter((lang) => !negated(lang));
  if (wanted.length > 0) named = wanted;
  if (named.length === 1) return named[0];
  if (named.length > 1) {
    // "French or English, English is better": the last named language is the one wanted.
    for (let k = names.length - 1; k >= 0; k--) {
      const lang = named.find((l) => LANGUAGE_NAMES[l].has(order[names[k]!]!));
      if (lang) return lang;
    }
  }
  return undefined;
}

/** A quick test for any language's name (stems of {@link LANGUAGE_NAMES}), so most messages skip tokenising. */
const ANY_NAME = /fran|engl|angl|arab|arbi|darij|derj|dareja|ingl|ngliz|pidgin|nouchi|3arb|3rb|عرب|فرنس|نجليز|نكليز|دارج/i;
/** Verbs of speaking, writing and answering, and "please" words, that make naming a language a request. */
const REQUEST_CUES = new Set(['parler', 'parle', 'parlez', 'ecrire', 'ecris', 'ecrivez', 'repondre', 'reponds', 'repondez', 'expliquer', 'explique',
  'expliquez', 'speak', 'talk', 'write', 'reply', 'answer', 'explain', 'hder', 'nhder', 'tkellem', 'kteb', 'jaweb', 'jawbni', 'تكلم', 'اكتب', 'جاوب',
  'جاوبني', 'svp', 'stp', 'please', 'pls', 'plz', 'abeg', '3afak', 'afak', 'عافاك', 'عفاك']);
/** Words of a question about learning or using a language ("cours d'arabe", "formation en anglais"), not a request to be answered in it. */
const ABOUT_THE_LANGUAGE = new Set(['cours', 'apprendre', 'learn', 'learning', 'class', 'classes', 'lesson', 'lessons', 'course', 'courses', 'formation',
  'training', 'diplome', 'degree', 'traduire', 'traduction', 'translate', 'translation', 'traducteur', 'translator', 'دروس', 'تعلم', 'ترجمه']);
/** Words before a language's name that make it the language of the reply ("en arabe", "in English", "b darija"). */
const INTO = new Set(['en', 'in', 'into', 'to', 'b', 'bl', 'bel', 'f', 'fi']);
/** Every language's names ({@link LANGUAGE_NAMES} together). */
export const ALL_NAMES: ReadonlySet<string> = new Set(Object.values(LANGUAGE_NAMES).flatMap((names) => [...names]));

/**
 * The language a message asks to be answered in when its topic is something else ("je veux parler avec un
 * conseiller en arabe", "en arabe svp, le retour est gratuit ?"): {@link requestedLanguage}, kept only when the
 * message names the language after "en", "in", "b"…, also holds a verb of speaking or a "please" word, and is not
 * about learning or translating a language.
 */
export function explicitlyRequestedLanguage(text: string): Language | undefined {
  if (!ANY_NAME.test(text)) return undefined;
  const tokens = languageTokens(text);
  // One pass for the three conditions: a cue, no word about the language, and a name asked for.
  let cue = false;
  // "mon mari parle arabe, il peut venir ?" tells about someone; "en arabe svp" asks for the reply's language.
  let asked = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (ABOUT_THE_LANGUAGE.has(t)) return undefined;
    cue ||= REQUEST_CUES.has(t);
    asked ||= ALL_NAMES.has(t) && ((i > 0 && INTO.has(tokens[i - 1]!)) || t.startsWith('بال'));
  }
  return cue && asked ? requestedAmong(tokens) : undefined;
}

/** Words one slip from a language's name that name a country or something else ("fransa" is France in Darija). */
const NOT_A_NAME = new Set(['fransa', 'lfransa', 'france', 'arabia', 'arabes', 'arable', 'frenchi']);
/** Words glued before a name by a missing space ("enanglais", "inarabic", "toenglish"); "l" is the elided article ("larabe"). */
const GLUED_BEFORE = ['en', 'in', 'to', 'bl', 'b', 'fi', 'f', 'l'];
/** Names long enough that what follows them in one token is another word ("anglaisstp", "frenchplease"). */
const LONG_NAMES = [...ALL_NAMES].filter((name) => /^[a-z]{6,}$/.test(name));
const LATIN_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz'];
const nameTokenCache = new Map<string, string | readonly string[]>();
/** Every name of five letters or more, and each with one letter dropped. */
const NAME_DELETIONS: ReadonlySet<string> = new Set([...ALL_NAMES].filter((name) => name.length >= 5).flatMap((name) => [name, ...deletions(name)]));

/** `word` with one of its letters dropped, for each letter. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Whether `token` may be one slip from a name of five letters or more: a token one letter added, dropped, replaced or
 * swapped from a name shares, with one letter dropped from each (or none from one), a word of {@link NAME_DELETIONS}.
 * Most new words fail this at the cost of a few short strings, and skip the hundreds of variants of {@link oneSlipVariants}.
 */
export function mayBeOneSlipFromAName(token: string): boolean {
  if (NAME_DELETIONS.has(token)) return true;
  for (let i = 0; i < token.length; i++) if (NAME_DELETIONS.has(token.slice(0, i) + token.slice(i + 1))) return true;
  return false;
}

/**
 * A token as the language names it holds: itself when it is a name or too short to be a mistyped one; else the
 * name glued to the word before or after it ("enanglais" → en anglais, "larabe" → arabe, "anglaisstp" → anglais
 * stp), or the name one slip of the thumb away ("anglaiq", "englsh", "بالغرنسيه"). A token read as itself is
 * returned as the string, so most tokens of a long message cost no array.
 */
function nameTokens(token: string): string | readonly string[] {
  if (token.length < 5 || ALL_NAMES.has(token) || NOT_A_NAME.has(token)) return token;
  const cached = nameTokenCache.get(token);
  if (cached !== undefined) return cached;
  let result: string | readonly string[] = token;
  const before = GLUED_BEFORE.find((w) => token.startsWith(w) && ALL_NAMES.has(token.slice(w.length)));
  const after = before === undefined ? LONG_NAMES.find((name) => token.startsWith(name) && token.length - name.length <= 6) : undefined;
  if (before) result = before === 'l' ? token.slice(1) : [before, token.slice(before.length)];
  else if (after) result = [after, token.slice(after.length)];
  else if (mayBeOneSlipFromAName(token)) {
    const latin = /^[a-z]+$/.test(token);
    for (const variant of oneSlipVariants(token, latin ? LATIN_ALPHABET : [])) {
      if (variant.length >= 5 && ALL_NAMES.has(variant)) {
        result = variant;
        break;
      }
    }
  }
  if (nameTokenCache.size >= 10_000) nameTokenCache.clear();
  nameTokenCache.set(token, result);
  return result;
}

/** The words of `text` as {@link tokenise} writes them (SMS not expanded), with mistyped or glued language names read as names. */
function languageTokens(text: string): string[] {
  // tokenise returns its own copy: its tokens are rewritten in place, and a split name is spliced in.
  const tokens = tokenise(text, false);
  for (let i = 0; i < tokens.length; i++) {
    const read = nameTokens(tokens[i]!);
    if (typeof read === 'string') tokens[i] = read;
    else {
      tokens.splice(i, 1, ...read);
      i += read.length - 1;
    }
  }
  return tokens;
}
