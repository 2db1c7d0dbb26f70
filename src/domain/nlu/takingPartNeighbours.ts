import { has, near, words } from './neighbourPhrase.js';
import type { NeighbourRule } from './neighbourRuleShape.js';

/** Whether someone can take part: "can he qualify", "am I eligible", "est-ce que je suis concerné / accepté". */
const QUALIFY = words('qualify', 'qualifies', 'eligible', 'eligibility', String.raw`(?:suis|est|sont|serai|serait|etre)\s+(?:concernee?s?|acceptee?s?)`, 'مؤهل\\S*');

/** A course, a class, being taught. */
const TRAINING = words('class\\S*', 'course\\S*', 'training', 'formation\\S*', 'cours', 'takwin', 'تكوين', 'تدريب', 'دوره', 'دورة');
/** Asking which one, of what kind: "which kind class", "quel type de formation", "what training". */
const WHICH_KIND = words('quel\\S*', 'which', 'what', 'wetin', 'chno', 'chnou', 'ach', 'شنو', 'اش', 'اي', 'type', 'kind', 'genre', 'sorte');

/** Machines, tools and stock for a trade: the business kit, not the cash grant. */
const KIT = words('materiel', 'equipement\\S*', 'equipment', 'machines?', 'outils', 'tools', 'المعدات', 'معدات', 'l?mat[eé]r[iy]al', 'lmateryal');
/** Cash named beside the kit ("en espèces ou en matériel"). */
const CASH = words('especes?', 'cash', 'kash', 'wari', 'fric', 'argent', 'money', 'flous', 'lflous', 'فلوس', 'نقدا', 'كاش');
/** "Only for those who…", "réservé aux…": a condition of who may take part, whatever the condition names. */
const ONLY_FOR = words(
  String.raw`reservee?s?\s+(?:aux|a|pour)`,
  String.raw`(?:seulement|uniquement|juste)\s+pour\s+(?:ceux|celles|les)`,
  String.raw`(?:only|just)\s+for\s+(?:people|those|the ones|persons)`,
  String.raw`غير\s+(?:للي|اللي)`,
  String.raw`فقط\s+(?:للذين|لمن)`,
);
/** The programme's criteria, or an age that might be too old: "vos critères", "at my age", "trop vieux". */
const CRITERIA = words('criteres?', 'criteria', 'vos conditions', 'les conditions', String.raw`a\s+(?:mon|cet|son)\s+age`, String.raw`at\s+my\s+age`, 'too old', 'trop vieux', 'trop vieille', 'شروط\\S*', 'الشروط', 'chrou?t', 'chorout');

/** Putting oneself on the list: "m'inscrire", "sign me up", "نسجل راسي" (راسي is "myself" there, not the head). */
const SIGN_UP = words('inscri\\S*', 'register\\S*', 'sign (?:me )?up', 'n?sjl', 'ntsjl', 'نسجل', 'نتسجل', 'اسجل', 'نقيد');
/** The feelings the psychosocial question is about. */
const FEELING = words('peur', 'stress\\S*', 'angoiss\\S*', 'triste\\S*', 'moral', 'scared', 'afraid', 'sad', 'worr\\S*', 'anxi\\S*', 'depress\\S*', 'خايف\\S*', 'قلق\\S*', 'مقلق\\S*', 'حزين\\S*', 'نفسي\\S*', 'خوف');

/** Rules on who can take part and on training, tried right after the programme's. */
export const TAKING_PART_RULES: readonly NeighbourRule[] = [
  {
    name: 'whether one can qualify, a country given as context, is a question of eligibility',
    from: ['avrr.countries'],
    to: 'avrr.eligibility',
    within: 3,
    applies: (t) => has(QUALIFY).test(t),
  },
  {
    name: 'a class or a course for a trade is a question about training',
    from: ['reintegration.business'],
    to: 'reintegration.training',
    within: 2,
    applies: (t) => near(WHICH_KIND, TRAINING, 3).test(t) || near(TRAINING, WHICH_KIND, 3).test(t),
  },
];

/** Rules on the business kit, the conditions to take part and signing up, tried last. */
export const KIT_AND_SIGN_UP_RULES: readonly NeighbourRule[] = [
  {
    name: 'the kit for a trade is the business question, not the cash grant',
    from: ['reintegration.money'],
    to: 'reintegration.business',
    within: 2,
    // "cash or kit?" weighs the two forms of the grant: the money question.
    applies: (t) => has(KIT).test(t) && !has(CASH).test(t),
  },
  {
    name: 'a condition of who may take part ("only for those who", "vos critères") is a question of eligibility',
    from: ['avrr.documents', 'avrr.family', 'avrr.register', 'avrr.minors'],
    to: 'avrr.eligibility',
    // Such a condition names papers, a family, an age: the model's own ranking can put eligibility low.
    within: 5,
    applies: (t) => has(ONLY_FOR).test(t) || has(CRITERIA).test(t),
  },
  {
    name: 'signing oneself up, no feeling told, is the registration question',
    from: ['reintegration.psychosocial'],
    to: 'avrr.register',
    within: 3,
    applies: (t) => has(SIGN_UP).test(t) && !has(FEELING).test(t),
  },
];
