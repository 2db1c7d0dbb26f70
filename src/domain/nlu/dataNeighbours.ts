import { has, near, words } from './neighbourPhrase.js';
import type { NeighbourRule } from './neighbourRuleShape.js';

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

/** Rules on a deletion request against a question about the data, tried right after the appointment's. */
export const DATA_REMOVAL_RULES: readonly NeighbourRule[] = [
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
];

/** Rules on what the data is used for and who sees it, tried after the programme's first rules. */
export const DATA_QUESTION_RULES: readonly NeighbourRule[] = [
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
];
