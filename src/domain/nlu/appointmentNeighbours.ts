import { has, near, words } from './neighbourPhrase.js';
import type { NeighbourRule } from './neighbourRuleShape.js';

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

const CEASED_WANT_ANYWHERE = has(CEASED_WANT);

/** Rules on the appointment (book, cancel, reschedule, other places), in the order they are tried. */
export const APPOINTMENT_RULES: readonly NeighbourRule[] = [
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
];
