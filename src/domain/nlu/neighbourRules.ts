import { EMERGENCY_INTENT } from '../safety/emergencyIntent.js';
import { normalise } from './normalise.js';
import type { Candidate } from './understanding.js';

/**
 * Decision rules between near neighbours that the topic model cannot learn from its features: it reads words,
 * word pairs and concepts, so "je veux plus le rdv" looks like "je veux le rdv" (plus is a function word) and "je
 * ne peux pas venir à Casa, vous avez un autre endroit ?" like "je ne peux pas venir demain". Each rule reads the
 * normalised message (normalise.ts: lowercase, no accents, SMS spellings expanded, hamza folded) for one frame
 * — what the message does with the appointment, the data, the person — and, when the model's best id is one of
 * the rule's `from` ids and the rule's id is among its first candidates, puts the rule's id first.
 */
export interface NeighbourRule {
  /** What the rule decides, for tests and tuning. */
  readonly name: string;
  /** Ids the model's best candidate must be one of for the rule to look at the message. */
  readonly from: readonly string[];
  /** Id put first when the frame is found. */
  readonly to: string;
  /** How far down the model's ranking `to` may be (1 = the runner-up). */
  readonly within: number;
  /** Whether the normalised message has the frame. */
  readonly applies: (normalised: string) => boolean;
}

/** A regular expression matching any of `alternatives` as whole words (alternatives are regex sources). */
function words(...alternatives: string[]): string {
  return String.raw`(?<![\p{L}\p{N}])(?:${alternatives.join('|')})(?![\p{L}\p{N}])`;
}

/** Each pattern compiled once (the rules' tests ask for the same few over and over). */
const compiled = new Map<string, RegExp>();
function has(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source, 'u')));
  return re;
}

/** `first`, then `second` within `gap` words. */
function near(first: string, second: string, gap = 4): RegExp {
  return has(String.raw`${first}(?:\s+\S+){0,${gap}}?\s+${second}`);
}

/** The appointment itself (rdv is expanded to "rendez vous" by the normaliser). */
const APPOINTMENT = words('rendez vous', 'creneau', 'appointment', 'appt', 'meeting', 'slot', 'l?mawa?id', 'موعد', 'الموعد', 'لموعد', 'الرونديفو', 'randivo', 'rondivo');

/**
 * A want or a need that has stopped or is denied: "je (ne) veux plus", "j'en veux plus", "plus besoin", "I don't
 * want … anymore", "no longer", "I no want … again" (Pidgin), "ma bqitch bghit", "ما بغيتش", "لم اعد اريد".
 */
const CEASED_WANT = words(
  String.raw`(?:je\s+)?(?:ne\s+|n\s+)?(?:en\s+)?veu[xt]\s+(?:plus|pu|pas)`,
  'j en veux (?:plus|pu|pas)',
  'plus besoin',
  'pas besoin',
  'laisse[rz]? tomber',
  String.raw`(?:don t|dont|do not|doesn t|no|not)\s+(?:want|need)`,
  'no longer',
  'no more need',
  'ma bqitch',
  'mab?qitch',
  'ma bghitch',
  'mabghitch',
  'ma bqit(?:ch)? bghit',
  'ما بقيتش',
  'مابقيتش',
  'ما بغيتش',
  'مابغيتش',
  'لم اعد اريد',
  'لا اريد',
  'لم اعد بحاجه',
  'لا احتاج',
);

/** The whole message is a bare "I don't want it any more" (its object is what was just talked about: the booking). */
const BARE_CEASED_WANT = has(
  String.raw`^(?:(?:non|no|la|لا|bon|ok|okay|finalement|enfin|en fait)\s+)*(?:j en veux (?:plus|pu)|je n en veux (?:plus|pu)|i don t want (?:it|am) (?:any ?more|again)|i no want am again|i no need am again|ma bqitch bghito|mab?qitch bghito|ما بقيتش بغيتو|مابقيتش بغيتو)(?:\s+(?:merci|thanks|thank you|svp|s il vous plait|please|abeg))*$`,
);

/** Changing or dropping the appointment, or not being able to come to it. */
const CANCEL_CUE = has(
  words(
    'annul\\S*',
    'decal\\S*',
    'report\\S*',
    'deplac\\S*',
    'chang\\S*',
    'modifi\\S*',
    'cancel\\S*',
    'postpone\\S*',
    'reschedul\\S*',
    'move',
    'shift',
    'empech\\S*',
    'pas dispo\\S*',
    'plus dispo\\S*',
    'not available',
    'peu[xt] pas venir',
    'pourrai pas',
    'pourrais pas',
    'can t come',
    'cannot come',
    'can t make it',
    'no go fit',
    'الغاء',
    'الغي',
    'نلغي',
    'نبدل',
    'تبديل',
    'nbdl',
    'nbeddel',
    'nbdel',
    'ma n9derch nji',
    'ma nqderch nji',
    'ما نقدرش نجي',
  ),
);

/** Asking for an appointment: "book me", "put me for appointment", "je veux un rdv", "give me a date", "bghit maw3id". */
const BOOKING_REQUEST = has(
  words(
    String.raw`(?:book|put|register|schedule|give|get|fix)\s+me\s+(?:for|an?|a|one)?\s*(?:\S+\s+)?(?:appointment|date|slot|meeting|day)`,
    String.raw`book\s+me`,
    String.raw`(?:want|need|like)\s+(?:an?|one)\s+(?:appointment|date|slot|meeting)`,
    String.raw`(?:veux|voudrais|voulais|aimerais|souhaite|faut)\s+(?:un|une|avoir un|avoir une|prendre un|prendre une)\s+(?:rendez vous|date|creneau)`,
    String.raw`(?:donnez|donne|mettez|mets|fixez)\s+moi\s+(?:un|une)\s+(?:rendez vous|date|creneau)`,
    String.raw`bghit\s+(?:chi\s+)?l?mawa?id`,
    'بغيت موعد',
    'بغيت شي موعد',
    'اريد موعد',
    'اريد حجز',
  ),
);

/** Another place than the one offered ("un autre endroit", "ailleurs", "a closer office"): a question about places. */
const OTHER_PLACE = has(
  words(
    String.raw`(?:un|une)\s+autre\s+(?:endroit|bureau|lieu|ville|adresse|centre|agence|antenne)`,
    'ailleurs',
    'plus pres',
    String.raw`(?:another|other|nearer|closer)\s+(?:office|place|location|city|centre|center|branch)`,
    String.raw`blasa\s+(?:o?khra|khora)`,
    String.raw`mkan\s+(?:o?khor|akhor)`,
    'مكان اخر',
    'مكتب اخر',
    'بلاصه اخرى',
    'بلاصة اخرى',
  ),
);

/** Naming a day, a date or an hour: "un autre jour" keeps the appointment question a reschedule. */
const OTHER_TIME = has(words(String.raw`autre\s+(?:jour|date|heure|moment|fois|semaine)`, String.raw`(?:another|other)\s+(?:day|date|time|week)`));

/** Not being able to come: "je (ne) peux pas venir", "I can't make it", "I no go fit come", "ما نقدرش نجي". */
const ABSENCE = words(
  String.raw`(?:ne\s+)?(?:peu[xt]|pourrai|pourrais|pourrons|pouvons)\s+pas\s+(?:venir|etre la|passer)`,
  String.raw`(?:ne\s+)?serai\s+pas\s+la`,
  String.raw`(?:can t|cannot|can not|won t be able to|will not be able to|no go fit|no fit)\s+(?:come|make it|be there|attend)`,
  String.raw`ma\s+n(?:9|q)derch\s+nji`,
  'ما نقدرش نجي',
  'لن استطيع الحضور',
  'لا استطيع الحضور',
  'لا يمكنني الحضور',
);

/** A day of the appointment. */
const DAY = words(
  'demain',
  'aujourd hui',
  'ce matin',
  'cet apres midi',
  '(?:lun|mar|mercre|jeu|vendre|same)di',
  'dimanche',
  'tomorrow',
  'today',
  '(?:mon|tues|wednes|thurs|fri|satur|sun)day',
  'ghda',
  'ghedda',
  'غدا',
  'غدوه',
  'الاثنين',
  'الثلاثاء',
  'الاربعاء',
  'الخميس',
  'الجمعه',
  'الجمعة',
  'السبت',
  'الاحد',
);

/** Moving it: "shift am", "décaler", "reschedule", "an other day". */
const RESCHEDULE = words('shift\\S*', 'decal\\S*', 'report\\S*', 'postpone\\S*', 'reschedul\\S*', String.raw`move\s+(?:it|am)`, String.raw`change\s+(?:the\s+)?(?:date|day|time)`, String.raw`autre\s+(?:jour|date)`, String.raw`(?:another|other)\s+(?:day|date)`);

/** Taking away, erasing or destroying (the verb of a deletion request). */
const REMOVE = words(
  'retir\\S*',
  'enlev\\S*',
  'efface\\S*',
  'effacer',
  'supprim\\S*',
  'suppression',
  'detrui\\S*',
  'detruit\\S*',
  'delete\\S*',
  'remove',
  'erase',
  'wipe',
  'destroy',
  'nmsh',
  'msh',
  'msho',
  'امسح\\S*',
  'مسح',
  'نمسح',
  'احذف\\S*',
  'حذف',
  'ازال\\S*',
  'ازيل\\S*',
);

/** One's own personal data (not one's file: "retirer mon dossier" is leaving the programme). */
const MY_DATA = words(
  'donnees',
  'infos?',
  'informations?',
  'coordonnees',
  String.raw`(?:mon|my)\s+(?:nom|numero|name|number)`,
  'fichiers',
  'data',
  'details',
  'records',
  'personal information',
  'معلومات\\S*',
  'المعلومات',
  'بيانات\\S*',
  'البيانات',
  'المعطيات',
  'معطيات\\S*',
  'l?ma?alomat',
  'l?maalumat',
);

/** Not wanting to erase: "je veux pas effacer", "I don't want to delete", "ne supprimez pas". */
const REMOVAL_DENIED = has(
  words(
    String.raw`(?:veux|voulais|voudrais|veut)\s+pas\s+(?:les\s+|mes\s+|tout\s+)?(?:effacer|supprimer|retirer|enlever)`,
    String.raw`ne\s+(?:les\s+)?(?:supprimez|effacez|retirez|enlevez)\s+pas`,
    String.raw`(?:don t|dont|do not|not)\s+(?:want\s+(?:you\s+)?to\s+)?(?:delete|erase|remove)`,
    String.raw`ma\s+bghitch\s+n?msh`,
    'ما بغيتش نمسح',
    String.raw`لا\s+اريد\s+(?:ان\s+)?(?:امسح|احذف|حذف|مسح)`,
  ),
);

/**
 * A person who would write, call or answer: "quelqu'un qui peut m'écrire", "a real person to answer me". Not "someone
 * to talk to": that is what the psychosocial support offers.
 */
const PERSON = words(
  'quelqu un',
  String.raw`(?:un|une)\s+(?:vraie?|vrai|personne|agent|conseill\S*|humain|employe\S*)`,
  'someone',
  'somebody',
  String.raw`(?:a|an)\s+(?:real|person|human|agent|counsell?or|staff)`,
  String.raw`chi\s+(?:wahed|had|hed)`,
  'شي واحد',
  'شي حد',
  'احد',
  'شخص',
  'موظف',
);
const CONTACT = words(
  String.raw`(?:qui\s+(?:peut|pourrait|pourra)|pour|peut|pourrait|can|could|to|who\s+(?:can|could|will))\s+(?:me\s+|m\s+)?(?:ecrire|appeler|rappeler|repondre|contacter|call|write|answer|reply|text|contact)`,
  'يتصل بي',
  'يجاوبني',
  'يرد علي',
);
const PASS_ME = words(String.raw`(?:passez|passe|passer)\s+moi`, String.raw`put\s+me\s+through\s+to`, String.raw`connect\s+me\s+(?:to|with)`);

/** Going back home (what the programme is). */
const RETURN = words(
  'retour',
  'rentrer',
  'retourner',
  'rapatri\\S*',
  'return\\S*',
  'go back',
  'going back',
  'went back',
  'go home',
  'rje\\S*',
  'nrje\\S*',
  'rjo\\S*',
  'rju\\S*',
  'رجع',
  'رجع\\S*',
  'العوده',
  'العودة',
  'الرجوع',
  'الرجعه',
);

/** "What is it", asked of a thing: "c'est quoi au juste", "what is this", "شنو هاد الشي", "ما هذا". */
const WHAT_IS = words(
  // The normaliser writes "c'est", "c est" and the SMS "c" alike as "c est" (and "koi" as "quoi").
  String.raw`c\s+est\s+quoi`,
  'qu est ce que c est',
  'ca veut dire quoi',
  String.raw`what\s+(?:is|s)\s+(?:it|this|that)`,
  String.raw`شنو\s+(?:هاد|هادا|هادي|هو|هي)`,
  'ما هذا',
  'ما هذه',
  String.raw`chno\s+(?:hada|hadi|hadchi|howa|hiya)`,
  String.raw`chnou\s+(?:hada|hadi|hadchi|howa|hiya)`,
);

/** Asking who: "c'est qui", "vous êtes qui", "who are you", "شكون". */
const WHO = words('qui', 'who', 'chkoun', 'chkon', 'شكون', String.raw`من\s+(?:انتم|هم|هي|هو)`);

/** The organisation by its name. */
const ORGANISATION = words('oim', 'iom', 'organisation internationale', 'international organization', 'المنظمه الدوليه', 'المنظمة الدولية');

/** The programme by its name. */
const PROGRAMME = words('programme', 'program', 'l?barnamaj', 'l?barnameg', 'arvr', 'avrr', 'البرنامج', 'برنامج');

/** Whether someone can take part: "can he qualify", "am I eligible", "est-ce que je suis concerné / accepté". */
const QUALIFY = words('qualify', 'qualifies', 'eligible', 'eligibility', String.raw`(?:suis|est|sont|serai|serait|etre)\s+(?:concernee?s?|acceptee?s?)`, 'مؤهل\\S*');

/** A course, a class, being taught. */
const TRAINING = words('class\\S*', 'course\\S*', 'training', 'formation\\S*', 'cours', 'takwin', 'تكوين', 'تدريب', 'دوره', 'دورة');
/** Asking which one, of what kind: "which kind class", "quel type de formation", "what training". */
const WHICH_KIND = words('quel\\S*', 'which', 'what', 'wetin', 'chno', 'chnou', 'ach', 'شنو', 'اش', 'اي', 'type', 'kind', 'genre', 'sorte');

/**
 * Stopping one's file or one's departure, or doubting it: "je peux arrêter", "tout arrêter", "me retirer du
 * programme", "pause my file", "plus sûr(e) de vouloir partir". Not "on m'a arrêté" (the police).
 */
const STOP_PROCESS = words(
  String.raw`(?:peu[xt]|peut on|on peut|possible d|veux|dois|faut il|vais)\s+(?:tout\s+)?arreter`,
  'tout arreter',
  String.raw`arreter\s+(?:le|mon|la|ma|sans|tout|maintenant|avant)`,
  String.raw`(?:me|se|nous)\s+retirer\s+(?:du|de)`,
  String.raw`abandonn\S*\s+(?:le|mon|la|ma)\s+(?:dossier|programme|depart|retour|procedure)`,
  String.raw`plus\s+sure?\s+de\s+vouloir`,
  String.raw`(?:stop|pause|withdraw|quit|cancel)\s+(?:my|the)\s+(?:file|process|return|departure|application|registration)`,
  String.raw`withdraw\s+from`,
  String.raw`not\s+sure\s+(?:anymore\s+)?(?:i\s+)?(?:want|wanna)\s+to\s+(?:go|leave|return)`,
  String.raw`n?w(?:e)?(?:9|q)(?:e)?f\s+(?:l?dossier|kolchi|lmelf)`,
  'نوقف الملف',
  'نوقف كلشي',
  'انسحب',
  'الانسحاب',
  'التراجع',
);

/** Morocco, where the person is now. */
const MOROCCO = words('maroc', 'morocco', 'المغرب', 'لمغرب', 'l?maghrib', 'l?mghrib', 'lmaghreb', 'maghreb');
/** Coming back (to where the person is now). */
const COME_BACK = words('revenir', 'reviens', 'revenu', 'come back', 'coming back', 'back to', 'عاود', 'نرجع', 'nrje\\S*');
/** Going to: the preposition of a return to a place. */
const TO_PLACE = String.raw`(?:\s+\S+)?\s+(?:au|a|en|vers|to|into|الى|الي|ل|l)\s+`;
/** Going back as a verb (not "le retour volontaire au Maroc", the programme's name). */
const GO_BACK = words('rentrer', 'retourner', 'return', 'go back', 'العوده', 'العودة', 'الرجوع', 'رجع\\S*');
const RETURN_TO_MOROCCO = new RegExp(String.raw`(?:${GO_BACK}|${COME_BACK})${TO_PLACE}${MOROCCO}|${COME_BACK}(?:\s+\S+){0,4}?\s+${MOROCCO}`, 'u');

/** After arriving: "après l'arrivée", "once I reach home", "after landing", "من بعد ما نوصل". */
const AFTER_ARRIVAL = words(
  String.raw`apres\s+(?:l\s+)?(?:arrivee|atterrissage)`,
  String.raw`(?:une fois|quand on est|quand je suis)\s+(?:arrivee?s?|rentree?s?|au pays|la bas)`,
  String.raw`(?:after|once)\s+(?:i|we|they)?\s*(?:arrive|land|reach|get\s+home|get\s+there)\S*`,
  String.raw`after\s+(?:the\s+)?(?:arrival|landing)`,
  String.raw`mn\s+ba(?:a|3)?d\s+ma\s+n?wsl`,
  'من بعد ما نوصل',
  'بعد الوصول',
);
/** "What else", "and then", "what next". */
const WHAT_ELSE = words('quoi d autre', 'et apres', 'et ensuite', 'what else', 'what next', 'then what', 'and then', 'chno akhor', 'ash akhor', 'شنو اخر', 'و من بعد', 'وماذا بعد');

/** Using or keeping data (what it is for, how it is used), the verb of a question about the data rather than of a removal. */
const DATA_USE = words(
  'utilis\\S*',
  'servent',
  'sert',
  'use[sd]?',
  'using',
  'tsta3mlo',
  'katsta3mlo',
  'تستخدمون',
  'تستعملون',
  'كتستعملو\\S*',
  'تستعملو\\S*',
  'كتخدمو',
  'يستخدم\\S*',
);
/** Handing names or data over to the state: the question of who sees the data, not of who the organisation is. */
const HAND_OVER = words('donne\\S*', 'transmet\\S*', 'partag\\S*', 'give[sn]?', 'gave', 'pass(?:es)?', 'share[sd]?', 'hand(?:s|ed)?', 'kat3tiw', 'كتعطيو', 'تعطيو', 'يعطيو', 'تعطون', 'يعطون', 'تسلمون');
const NAMES_OR_DATA = String.raw`(?:${MY_DATA}|${words('noms', 'names', 'liste', 'list', 'الاسماء', 'الأسماء', 'اسماء', 'smiyat', 'asmaa')})`;
const THE_STATE = words('gouvernement', 'government', 'etat', 'state', 'autorites', 'authorities', 'police', 'الحكومه', 'الحكومة', 'الدوله', 'السلطات', 'البوليس', 'الشرطه', 'l?hokoma', 'l?houkouma', 'lbolis');
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

/** The neighbour rules, in the order they are tried (the first that applies decides). */
export const NEIGHBOUR_RULES: readonly NeighbourRule[] = [
  {
    name: 'a ceased want of the appointment is a cancellation',
    from: ['intent.book', 'orientation.what', 'intent.delete_data', 'orientation.locations'],
    to: 'intent.cancel',
    // The frame is explicit (a want that stopped, next to the appointment), so the model's rank of cancel does not
    // matter: new content can push cancel far down for a word like "créneau" the cancel examples lack.
    within: Infinity,
    applies: (t) => near(CEASED_WANT, APPOINTMENT, 3).test(t) || near(APPOINTMENT, CEASED_WANT, 4).test(t),
  },
  {
    name: 'a bare "I don\'t want it any more" is a cancellation',
    from: [],
    to: 'intent.cancel',
    within: Infinity,
    applies: (t) => BARE_CEASED_WANT.test(t),
  },
  {
    name: 'not coming to a place, asking for another one, is a question about places',
    from: ['intent.cancel'],
    to: 'orientation.locations',
    within: 2,
    applies: (t) => OTHER_PLACE.test(t) && !OTHER_TIME.test(t),
  },
  {
    name: 'not being able to come on a day, or moving it, is a cancellation',
    from: ['avrr.eligibility', 'avrr.register', 'intent.book', 'orientation.what', 'avrr.health'],
    to: 'intent.cancel',
    within: 2,
    applies: (t) => has(ABSENCE).test(t) && (has(DAY).test(t) || has(RESCHEDULE).test(t) || has(APPOINTMENT).test(t)) && !OTHER_PLACE.test(t),
  },
  {
    name: 'asking for an appointment with no change or absence is a booking',
    from: ['intent.cancel', 'orientation.locations', 'orientation.what'],
    to: 'intent.book',
    within: 3,
    applies: (t) => BOOKING_REQUEST.test(t) && !CANCEL_CUE.test(t) && !CEASED_WANT_ANYWHERE.test(t),
  },
  {
    name: 'not wanting one\'s data erased is a question about the data',
    from: ['intent.delete_data'],
    to: 'privacy.data',
    within: 2,
    applies: (t) => REMOVAL_DENIED.test(t),
  },
  {
    name: 'taking one\'s data away is a deletion request',
    from: ['privacy.data', 'avrr.voluntary', 'avrr.register', 'avrr.documents'],
    to: 'intent.delete_data',
    within: 3,
    applies: (t) => (near(REMOVE, MY_DATA, 3).test(t) || near(MY_DATA, REMOVE, 3).test(t)) && !REMOVAL_DENIED.test(t),
  },
  {
    name: 'a person who would write, call or answer is a request for a human',
    from: [],
    to: 'intent.human',
    within: 4,
    applies: (t) => near(PERSON, CONTACT, 4).test(t) || near(PASS_ME, PERSON, 2).test(t),
  },
  {
    name: 'stopping one\'s file or one\'s departure, whatever the story around it, is the voluntary question',
    from: ['avrr.family', 'reintegration.psychosocial', 'avrr.comeback', 'avrr.eligibility', 'avrr.register', 'privacy.data', 'avrr.duration'],
    to: 'avrr.voluntary',
    within: 3,
    applies: (t) => has(STOP_PROCESS).test(t),
  },
  {
    name: 'coming back to Morocco afterwards is the comeback question',
    from: ['avrr.eligibility', 'avrr.register', 'reintegration.business', 'avrr.voluntary'],
    to: 'avrr.comeback',
    within: 2,
    applies: (t) => RETURN_TO_MOROCCO.test(t),
  },
  {
    name: 'what else after arriving is the reintegration question',
    from: ['avrr.travel'],
    to: 'reintegration.what',
    // Arriving and "what else" together are the question, wherever the model ranks reintegration.
    within: Infinity,
    applies: (t) => has(AFTER_ARRIVAL).test(t) && has(WHAT_ELSE).test(t),
  },
  {
    name: 'asking what a return is, told by someone, is a question about the programme',
    from: ['iom.who'],
    to: 'avrr.what',
    within: 2,
    applies: (t) => has(RETURN).test(t) && has(WHAT_IS).test(t) && !has(WHO).test(t) && !has(ORGANISATION).test(t),
  },
  {
    name: 'asking what the organisation named is, with no return nor programme, is a question about the organisation',
    from: ['avrr.what'],
    to: 'iom.who',
    within: 2,
    applies: (t) => has(ORGANISATION).test(t) && has(WHAT_IS).test(t) && !has(RETURN).test(t) && !has(PROGRAMME).test(t),
  },
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
  {
    name: 'how one\'s data is used, with no removal asked, is a question about the data',
    from: ['intent.delete_data'],
    to: 'privacy.data',
    within: 2,
    applies: (t) => has(DATA_USE).test(t) && !has(REMOVE).test(t),
  },
  {
    name: 'names or data handed over to the state is a question about the data',
    from: ['iom.who'],
    to: 'privacy.data',
    // The organisation named pulls the model to iom.who far above the data; the three-part frame is narrow enough.
    within: Infinity,
    applies: (t) => near(HAND_OVER, NAMES_OR_DATA, 4).test(t) && has(THE_STATE).test(t),
  },
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

const CEASED_WANT_ANYWHERE = has(CEASED_WANT);

/** Characters of a long message the rules read: its opening and its end (where a story's question is), as the model does. */
export const RULES_READ_CHARS = 400;

/** Bare "I don't want it any more" messages are short; longer ones are not read by that rule (it is anchored anyway). */
const BARE_MAX_CHARS = 60;

/**
 * `ranked` (best first) with the first applicable rule's id put first: it takes the best candidate's score and
 * the best candidate its own, so the scores stay those the model gave. Unchanged when no rule applies. The
 * message is normalised only when a rule's ids fit the ranking (most messages cost one look at the ranking),
 * and a long message only by its opening and its end ({@link RULES_READ_CHARS}).
 */
export function applyNeighbourRules(text: string, ranked: readonly Candidate[], rules: readonly NeighbourRule[] = NEIGHBOUR_RULES): readonly Candidate[] {
  const best = ranked[0];
  // A possible emergency is never argued away by a phrasing rule.
  if (!best || best.id === EMERGENCY_INTENT) return ranked;
  let normalised: string | undefined;
  const read = () =>
    (normalised ??= normalise(text.length > RULES_READ_CHARS ? `${text.slice(0, RULES_READ_CHARS / 2)} ${text.slice(-RULES_READ_CHARS / 2)}` : text));
  for (const rule of rules) {
    if (rule.from.length > 0 && !rule.from.includes(best.id)) continue;
    if (rule.from.length === 0 && rule.within === Infinity && text.length > BARE_MAX_CHARS) continue;
    if (best.id === rule.to) continue;
    const at = ranked.findIndex((c) => c.id === rule.to);
    if (at < 0 || at > rule.within) continue;
    if (!rule.applies(read())) continue;
    const promoted = [...ranked];
    const target = promoted[at]!;
    promoted[at] = { id: best.id, score: target.score };
    promoted[0] = { id: target.id, score: best.score };
    return promoted;
  }
  return ranked;
}
