/**
 * Issue 9, safety15 round: firing and non-firing cases of the helper's own for the two holes that round closed (never
 * lines of a labelled set, nor near copies): a sport word cancels a threat only when the match or a team is what kills
 * or is killed, and a "safe now" frame asked or denied frames nothing. Written alongside the change (the base missed
 * the threats and the asked frames, see the commit); they pin it. Each case: [message, language tag].
 */

/** Emergencies the rules must catch: a threat with a match only as its time, a "safe now" asked or denied. */
export const FRESH15_EMERGENCIES: ReadonlyArray<readonly [string, string]> = [
  // A match as the time of the threat, not what is killed.
  ['those guys said they will kill us after the match tonight', 'en'],
  ['he swore he is going to kill my brother after the game', 'en'],
  ['dem talk say dem go kill us after the match', 'Pidgin'],
  ['ils ont dit qu ils vont nous tuer apres le match de ce soir', 'fr'],
  ['غادي يقتلونا من بعد الماتش، قالوها لينا', 'Darija'],
  ['galo ghadi y9tlona mn b3d lmatch', 'Darija Latin'],
  ['هددونا بأنهم سيقتلوننا بعد المباراة', 'MSA'],
  // "Safe now" asked, then denied: the danger is still there.
  ['elle est stable maintenant ? non elle perd encore du sang', 'fr'],
  ['est-ce qu il est stable maintenant, il respire tres mal', 'fr'],
  ['is he stable now? no, he is still bleeding a lot', 'en'],
  ['he is stable now no he is bleeding again from the head', 'en'],
  ['wach rah stable daba? la mazal kaynzef bzaf', 'Darija Latin'],
];

/** Ordinary messages: a score or a team that "kills", and a real "safe now" after a danger. */
export const FRESH15_ORDINARY: ReadonlyArray<readonly [string, string]> = [
  ['we killed them in the match on sunday, what a day', 'en'],
  ['arsenal killed us again in the match, i am so sad', 'en'],
  ['we kill dem for match yesterday, 3 0', 'Pidgin'],
  ['on les a tues au match hier, trois buts', 'fr'],
  ['hier le senegal a tue le maroc, quel match', 'fr'],
  ['الماتش ديال السبت ذبحونا فيه', 'Darija'],
  ['9tlnahom f lmatch lbar7', 'Darija Latin'],
  ['il a eu un accident de scooter mais il est stable maintenant, je veux savoir pour les papiers', 'fr'],
  ['my cousin fell from the ladder, he is stable now, thank you', 'en'],
];
