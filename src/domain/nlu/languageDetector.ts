import type { Language } from '../../i18n/languages.js';
import { tokenise } from './normalise.js';
import { oneSlipVariants } from './spellingRepair.js';

/** Result of {@link detectLanguage}: the language and how sure we are, in [0, 1]. */
export interface DetectedLanguage {
  readonly lang: Language;
  readonly confidence: number;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

/**
 * Frequent words per language, as {@link tokenise} writes them (lowercase, no accents, SMS spellings
 * not expanded). Latin-script Moroccan Darija (arabizi) counts as Arabic: such users get answers in Arabic.
 * "salam", "inchallah", "hamdoullah" are left out on purpose: French- and English-speaking West Africans
 * use them too, so alone they must not switch the conversation to Arabic. Blessings such as "jazak allah khayran"
 * count as ordinary (not strong) words for the same reason.
 */
const WORDS: Readonly<Record<Language, ReadonlySet<string>>> = {
  fr: words(`je j tu il elle on nous vous ils elles le la les un une des du de d l au aux et ou est c ce cette ces
    mon ma mes ton ta tes son sa ses notre votre leur pour par avec sans dans sur sous pas ne n plus que qu qui quoi quel
    quelle quels quelles comment combien pourquoi quand oui non merci bonjour bonsoir salut slt bjr bsr stp svp pk pq
    pkoi koi kwa jveux jvx jve jsuis chui jai jpeux veux voudrais voudrait peux peut pouvez suis etes sont sommes faire
    fait faut dois doit avoir ai as avez rentrer retour retourner partir pays papiers billet gratuit aide aider
    rendez rdv besoin aussi tres bien mais donc alors encore deja parler francais anglais arabe moi toi lui ca cela
    est-ce estce y a-t-il beaucoup bcp mrc tkt cmt cb kel ki ke chez enfants femme famille mari frere soeur
    argent prix payer inscription inscrire programme voyage depart maison travail vraiment ya gbe dit dis go matin soir
    nuit jour semaine mois annee aujourd hui demain hier toujours jamais rien tout tous toute toutes quelque chose ici la-bas
    parce car comme aussi savoir sais sait veut voulez vouloir aller vais va allons venir viens vient donner donne prendre
    peux-tu pouvez-vous mari femme enfant fils fille frere soeur mere pere madame monsieur mon frere grand petit beaucoup
    larjan lajan larjen pei peyi koman komen kom mwa twa nou vou veu ossi oci bocou boku tro pourkoi parske pcq pke
    avek avk jsui jss sa kwa ske keske wari djai mogo yako gaou pasepor papie dosie dosier
    se vos nos leurs cest sest trouve trouvent bureau bureaux gratuite gratuits loyer avant apres depuis entre vers
    chaque autre autres meme si puis dont ceux celle celui sera serait etait ete avais avait ont aura me te hein
    personne`),
  en: words(`i you he she we they it the a an and or is are am was were be been being my your his her our their
    to of for with without in on at from by not no yes what which who whom how why where when can could would should
    will shall do does did done have has had please pls plz thanks thank thx hello hi hey want need go going home back
    country help free ticket papers passport appointment speak english french arabic if there this that these those
    me get got u ur im dont cant wanna gonna about after before any some much many long take does anyone my mine
    family kids wife husband money pay paid sign register really anything something good morning evening night
    afternoon day bye goodbye yes yeah yep nope know tell give make still now today tomorrow week month year time people
    work job name talk call said say here there them then than more most other been off very well thing things way
    just like also only because but so okay alright friend sir madam brother sister mother father child children
    hw wat wht lng dis dat ting tins wetin dey abeg sabi una wey pikin comot befor bcos bcoz coz cuz hv wen wan oga
    abi sef wahala pesin dem waka chop next last first every each into over under through while again`),
  ar: words(`wach wash ach achno chno chnou chnu chnowa shno bghit bgheet bghina bghit bgha khasni khassni khas khass
    kifach kifash kif kifen fin fen mnin dyal dial dyali diali dyalk dyalo ghadi gha ghad bzaf bezaf bzf daba dba
    afak 3afak andi 3andi 3ndi ndi hna lhna rani rah raha rak nta nti ntouma ntoma ana howa hiya huma lbled lblad
    bladi bled mzyan mzian mezyan safi wakha iyeh ewa ah chkoun chkun chkon chhal ch7al chal imta wqtach waqtach
    ila walakin wlakin wla ola nrje3 nrja3 nrjaa nrja nmchi nmshi sahbi khoya khouya shukran labas labass bikhir bkhir alikoum alaykoum alikom alaikum aleykoum
    alaykom choukran chokran chokrane arbiya 3arbiya darija derja
    smahli smh3li lah ykhalik ykhlik 3awnni awnni m3a mea maa bach besh bash ndir dir kayn kayen makaynch makayench
    machi mashi wlad lwlad mrati rajli flous lflouss floss lflous khdma lkhedma wahed chi chwiya fhemt fhamt 3lach
    alach lach ki hit ach nta kanbghi kanbgha baghi bagha ndkhol nrjee3 yrbe7 yrbeh nqder n9der qder kandir
    kaynin kaynine kayna kaynen dyalkom dyalkum dialkom dyalna dialna dyalha dyalhom dyali 3endkom andkom 3andkom
    ndiro ndirou nsafer nsafar tsafer ysafer lwra9 lwraq wra9 lpaspor lbasbor mrati wladi bnti weldi wlidi rje3
    rjou3 rjoo3 nrj3 bghina bghit bghat tiyara tayara lmghrib lmaghrib nkhelles nkhalas khlas fabor 3lik 3lih
    bo7di bohdi bo7do m3aya m3ak m3ah ghir walou walo mafhamtch mafhemtch kifax chkoun chhal
    nakhod nakhd nakhdo nakhed nchouf nchof n3ref n3raf nsowel nswl tqder yqder bghiti 3tini 3tiwni jit mchit
    kolchi koulchi hadchi hadak hadik mazal mazel ba9i baqi drari bnadem ma3reftch ma3rftch bslama beslama
    tbarkellah hta 7ta wakha mli melli fach imta dert derna drt fik llah llahou llahu allahou jazak khayran bghitch nkhlles khlles
    dakchi dwa nhar lia ched momkin mumkin
    simana ssimana chhar lyoum lyouma ghda ghedda dima rbat tanja`),
};

/** Darija words that never occur in French or English text: each counts double. */
const STRONG_DARIJA = words(`wach chno chnou bghit khasni khassni kifach kifash dyal dial dyali ghadi bzaf bezaf daba
  3afak afak 3ndi 3andi rani rah nta nti lbled bladi mzyan wakha chkoun ch7al chhal imta wqtach nrje3 nmchi khoya
  smahli ykhalik makaynch kayn kayen bach ndir kanbghi baghi flous lflous khdma chwiya fhemt 3lach n9der nqder
  kaynin dyalkom dyalkum dyalna 3endkom nsafer lwra9 lpaspor rje3 rjou3 bghina tiyara nkhelles fabor bo7di m3aya walou
  nakhod nakhdo kolchi koulchi hadchi mazal ba9i baqi drari ma3reftch bslama beslama bghiti 3tini bghitch nkhlles
  dakchi momkin`);

/**
 * Darija word shapes in Latin letters that French and English words do not take (checked on each token):
 * the article glued to a noun, French loan words included ("lbillet", "ldossier", "lfrancais"), a first-person
 * verb ("nkhlles", "nmchi", "ndir"), a present-tense verb ("kaydiro", "kanbghi", "katkhdem") and the negation
 * around a verb ("mabghitch", "makanfhamch"). They are what tells "c'est gratuit wla khassni nkhlles lbillet"
 * from French: its French words outnumber its Darija ones.
 */
const DARIJA_SHAPE = /^(?:l[bcdfgjkmnpqrstvwxz]|n(?:kh|gh|ch|sh|[bdfjklmqrstwz])|ka[ynt][bcdfghjklmnpqrstvwxz]|ma[a-z0-9]{3,}(?:ch|sh)$)/;
/** Latin tokens of that shape that are English or French SMS spellings or West African and Moroccan names, not Darija. */
const NOT_DARIJA = words('lng lmk lmao lvl lbs ngo nd nb nth nsp nrml ntm nvm nsfw nj nyc marrakech marrakesh ndiaye ndeye ndour ndem nkosi');
const isDarijaShape = (token: string): boolean =>
  token.length >= 4 && /^[a-z0-9]+$/.test(token) && /[aeiou]/.test(token.slice(2)) && DARIJA_SHAPE.test(token) && !NOT_DARIJA.has(token);

/**
 * Word endings of one language only (checked on tokens of no list above): a message of content words alone
 * ("eligibility criteria", "hopitaux gratuits") is told by its morphology rather than left to the fallback.
 */
const FRENCH_SHAPE = /(?:eaux|aux|ez|oir|oire|eurs?|euses?|iques?|ieres?)$/;
const ENGLISH_SHAPE = /(?:ing|ings|ity|ities|ness|ship|ght|ghts|th|ths)$|^(?:th|wh)/;
/** Weight of one word ending or start of {@link FRENCH_SHAPE} / {@link ENGLISH_SHAPE}: half a frequent word. */
const SHAPE_WEIGHT = 0.5;

/** Arabic-script UTF-16 units (U+0600–06FF, 0750–077F, 08A0–08FF, FB50–FDFF, FE70–FEFF) and Latin letters (A–Z, a–z, U+00C0–024F) of `text`. */
function countScripts(text: string): { readonly arabic: number; readonly latin: number } {
  // A loop over the units: matching every letter with a /g expression made an array of one-letter strings.
  let arabic = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u < 0x80) {
      if ((u >= 0x41 && u <= 0x5a) || (u >= 0x61 && u <= 0x7a)) latin++;
    } else if (u >= 0xc0 && u <= 0x24f) latin++;
    else if ((u >= 0x600 && u <= 0x6ff) || (u >= 0x750 && u <= 0x77f) || (u >= 0x8a0 && u <= 0x8ff) || (u >= 0xfb50 && u <= 0xfdff) || (u >= 0xfe70 && u <= 0xfeff)) arabic++;
  }
  return { arabic, latin };
}
/** Arabizi digits inside words (3 = ع, 7 = ح, 9 = ق) are a strong sign of Darija. */
const ARABIZI = /\b[a-z]*[a-z][379][a-z]+\b|\b[379][a-z]{2,}\b/gi;
const FRENCH_ELISION = /\b(?:j|c|l|d|qu|n|m|s|t)['’]\p{L}/giu;
const FRENCH_ACCENT = /[éèêàùçôîâû]/gi;

/** Adds what a word of the lists (or of Darija's shapes) tells to `score`; false when it tells nothing. */
function addKnownWord(token: string, score: Record<Language, number>): boolean {
  let known = false;
  if (WORDS.fr.has(token)) {
    score.fr += 1;
    known = true;
  }
  if (WORDS.en.has(token)) {
    score.en += 1;
    known = true;
  }
  if (WORDS.ar.has(token)) {
    score.ar += STRONG_DARIJA.has(token) ? 2 : 1;
    known = true;
  } else if (isDarijaShape(token)) {
    score.ar += 1.5;
    known = true;
  }
  return known;
}

const LATIN_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz'];
const inOneList = (word: string): boolean => WORDS.fr.has(word) || WORDS.en.has(word) || WORDS.ar.has(word);
const misTypedCache = new Map<string, readonly string[] | null>();
/** Most tokens remembered by {@link misTypedWords} (the cache is cleared when full). */
const MIS_TYPED_CACHE_SIZE = 20_000;

/**
 * How a Latin token of no list reads as words of the lists: two words of one language glued by a missing
 * space ("bghitnakhod", "myappointment", "jeveux"), or else the strong Darija word a slip of the thumb away ("chkoin" →
 * "chkoun", "bghiy" → "bghit"; only when no French or English word is as close; not "rabat" → "rbat"). French and English slips are
 * not read: their cognates are one letter apart ("passeport", "passport") and their other words decide. Null when neither.
 */
function misTypedWords(token: string): readonly string[] | null {
  const cached = misTypedCache.get(token);
  if (cached !== undefined) return cached;
  let reading: readonly string[] | null = null;
  if (/^[a-z]+$/.test(token)) {
    for (let i = 2; i <= token.length - 2 && !reading; i++) {
      const [left, right] = [token.slice(0, i), token.slice(i)];
      // Words of the lists only: a Darija shape is too loose a half ("chi" + "lsren" is not Darija).
      const together = (Object.keys(WORDS) as Language[]).some((lang) => WORDS[lang].has(left) && WORDS[lang].has(right));
      if (together) reading = [left, right];
    }
    if (!reading) {
      const found = [...new Set(oneSlipVariants(token, LATIN_ALPHABET))].filter(inOneList);
      const languages = new Set(found.flatMap((w) => (Object.keys(WORDS) as Language[]).filter((lang) => WORDS[lang].has(w))));
      const darija = found.find((w) => STRONG_DARIJA.has(w));
      if (darija && languages.size === 1) reading = [darija];
    }
  }
  if (misTypedCache.size >= MIS_TYPED_CACHE_SIZE) misTypedCache.clear();
  misTypedCache.set(token, reading);
  return reading;
}

/** Darija evidence (two strong words, or a strong word and an arabizi or Darija-shaped one) from which it counts double. */
const DARIJA_DECISIVE = 3;

/** Confidence under which a message is "ambiguous" and the conversation keeps its language. */
export const LANGUAGE_MIN_CONFIDENCE = 0.45;

/**
 * Detects the language of a message: Arabic script → ar; Latin script scored by frequent words
 * (French, English; Darija in Latin letters and arabizi → ar), French elisions and accents.
 * Short or ambiguous messages ("ok", "?", "Casablanca") return `fallback` with low confidence, so a
 * conversation keeps its language.
 * @param fallback the conversation's current language.
 */
export function detectLanguage(text: string, fallback: Language): DetectedLanguage {
  const { arabic, latin } = countScripts(text);
  if (arabic > 0 && arabic >= latin / 2) return { lang: 'ar', confidence: Math.min(1, 0.6 + arabic / 20) };

  const tokens = tokenise(text, false);
  const score: Record<Language, number> = { fr: 0, en: 0, ar: 0 };
  for (const token of tokens) {
    if (addKnownWord(token, score) || token.length < 5) continue;
    const reading = misTypedWords(token);
    if (reading) for (const word of reading) addKnownWord(word, score);
    else if (FRENCH_SHAPE.test(token)) score.fr += SHAPE_WEIGHT;
    else if (ENGLISH_SHAPE.test(token)) score.en += SHAPE_WEIGHT;
  }
  score.ar += 1.5 * (text.match(ARABIZI)?.length ?? 0);
  score.fr += 0.75 * Math.min(3, text.match(FRENCH_ELISION)?.length ?? 0);
  score.fr += 0.5 * Math.min(3, text.match(FRENCH_ACCENT)?.length ?? 0);
  // French and English writers hardly ever use Darija words (beyond "salam", left out above), while Darija
  // writers borrow French nouns freely ("wach la formation kat3tiw fiha l argent"): from two signs of
  // Darija on, they outweigh the French words around them.
  if (score.ar >= DARIJA_DECISIVE) score.ar *= 2;

  const ranked = (Object.entries(score) as Array<[Language, number]>).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked as [[Language, number], [Language, number], [Language, number]];
  if (best[1] === 0) return { lang: fallback, confidence: 0.1 };
  if (best[1] === second[1]) {
    // A tie that includes the current language keeps it.
    if (score[fallback] === best[1]) return { lang: fallback, confidence: 0.3 };
    return { lang: fallback, confidence: 0.2 };
  }
  const margin = (best[1] - second[1]) / best[1];
  const confidence = Math.min(1, 0.2 + margin * 0.3 + Math.min(best[1], 5) * 0.1);
  if (best[0] !== fallback && confidence < LANGUAGE_MIN_CONFIDENCE) return { lang: fallback, confidence };
  return { lang: best[0], confidence };
}
