import { near, words } from './neighbourPhrase.js';
import type { NeighbourRule } from './neighbourRuleShape.js';

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

/** The rule on asking for a human (a person who would write, call or answer). */
export const HUMAN_RULES: readonly NeighbourRule[] = [
  {
    name: 'a person who would write, call or answer is a request for a human',
    from: [],
    to: 'intent.human',
    within: 4,
    applies: (t) => near(PERSON, CONTACT, 4).test(t) || near(PASS_ME, PERSON, 2).test(t),
  },
];
