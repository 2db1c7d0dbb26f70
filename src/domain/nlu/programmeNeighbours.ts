import { has, words } from './neighbourPhrase.js';
import type { NeighbourRule } from './neighbourRuleShape.js';

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

/** Rules on what the programme is and on the course of a return (stopping, coming back, after arrival). */
export const PROGRAMME_RULES: readonly NeighbourRule[] = [
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
];
