/**
 * Issue 9, safety12 round: firing and non-firing cases of the helper's own for each pattern that round handled
 * (never lines of a labelled set, nor near copies). Written after the change, so they pin it rather than measure it.
 * Each case: [message, language tag].
 */

/** Emergencies the rules must catch. */
export const FRESH12_EMERGENCIES: ReadonlyArray<readonly [string, string]> = [
  // Someone following the writer: still there, with fear, or now.
  ['un type me suit depuis le marche et il est toujours la derriere', 'fr'],
  ['y a un gars qui me suit depuis la gare, j ai peur', 'Nouchi'],
  ['a man has been following me for ten minutes and he is still behind me', 'en'],
  ['some boys dey follow me since junction, i dey fear', 'Pidgin'],
  ['شخص يلاحقني منذ نصف ساعة وما زال هنا', 'MSA'],
  ['واحد الراجل تابعني من المحطة وأنا خايفة', 'Darija'],
  ['wa7d ser tab3ni mn lhanout w mazal tab3ni', 'Darija Latin'],
  ['he has been stalking me all day and he is still outside', 'en'],
  ['كاين واحد كيتبعني من الصباح وباقي ورايا', 'Darija'],
  // People waiting outside; "they know where I live".
  ['ils savent ou j habite et j ai peur de sortir', 'fr'],
  ['ils sont devant chez moi depuis une heure, j ai peur', 'fr'],
  ['his brothers are waiting outside my house and i am scared', 'en'],
  ['they know where i live and they said they will kill me', 'en'],
  ['dem dey wait me outside my house, i dey fear well well', 'Pidgin'],
  ['عرفو فين ساكن وقالو غادي يقتلوني', 'Darija'],
  ['rahom barra 9dam dar w ana khayfa', 'Darija Latin'],
  // "They are coming" with fear, in a longer message.
  ['j ai tres peur ils arrivent avec des batons', 'fr'],
  ['please i am so scared, they are coming back to the room', 'en'],
  // Gone under the water.
  ['mon cousin nageait au port et il a coule, on le voit plus', 'fr'],
  ['my little brother was swimming in the river and went under', 'en'],
  ['صاحبي كان كيعوم فالبحر وغطس وما طلعش', 'Darija'],
  ['the boy jumped from the boat and went under, we can not see him', 'en'],
  // A road accident with people down.
  ['le taxi a percute un camion, il y a des gens par terre', 'fr'],
  ['the car overturned on the highway and two people are lying on the ground', 'en'],
  ['تقلبات الطوموبيل والناس طايحين فالأرض', 'Darija'],
  ['accident grave sur la route, des gens allonges par terre', 'fr'],
  ['a bus hit a motorbike here, the man is lying on the road', 'en'],
  // Many pills swallowed.
  ['ma soeur a avale plusieurs comprimes de son pere', 'fr'],
  ['my son swallowed a lot of pills from the kitchen', 'en'],
  ['ختي بلعات بزاف ديال الحبوب ديال ماما', 'Darija'],
  ['she took many tablets and now she is very sleepy', 'en'],
  // Passing out, no reaction when moved.
  ['il perd connaissance et il repond pas quand on le secoue', 'fr'],
  ['she is passing out and not responding when we shake her', 'en'],
  ['بابا فقد الوعي وما كيجاوبش ملي كنحركوه', 'Darija'],
  ['khti ma katjawbch mli kan7rrkoha', 'Darija Latin'],
  // A threat said to the writer, and being sold.
  ['il m a dit je vais te bruler ce soir', 'fr'],
  ['the boss said if we talk they will sell us to other people', 'en'],
  // Children cold and lost in the forest.
  ['on est perdus dans la montagne et les petits ont froid', 'fr'],
  ['we are stuck in the forest and the children are shivering', 'en'],
];

/** Ordinary messages that must not fire. */
export const FRESH12_ORDINARY: ReadonlyArray<readonly [string, string]> = [
  // Songs and video games.
  ['c est quoi le nom de la chanson ou il crie au feu au feu', 'fr'],
  ['who is the singer of the song that says help me help me', 'en'],
  ['ولدي كيلعب لعبة فيديو فيها القتل، واش عادي؟', 'Darija'],
  ['my nephew plays a video game where you rescue people held prisoner, is it ok for him', 'en'],
  // Laughter, craving, "you killed me".
  ['ta blague m a tue mdrrr', 'fr'],
  ['you are killing me with these memes hahaha', 'en'],
  ['i would kill for a cold drink right now', 'en'],
  ['je tuerais pour un bon attieke maintenant', 'Nouchi'],
  // Years ago, safe now.
  ['حبسوني في الصحراء قبل سنتين، وأنا الآن في أمان وأريد الرجوع', 'MSA'],
  ['كانو حابسيني فليبيا هادي عامين، دابا راني فالأمان', 'Darija'],
  // Questions about the service, "just asking", "they are fine".
  ['mon voisin me menace, est ce que vous aidez les gens comme moi a rentrer', 'fr'],
  ['do you help people who were beaten by their employer to go home', 'en'],
  ['is a snake bite dangerous for a baby? just asking', 'en'],
  ['واش لسعة العقرب خطيرة؟ غير كنسول', 'Darija'],
  ['il y a eu un incendie dans mon quartier a dakar, ma famille dit qu ils vont bien', 'fr'],
  ['there was an earthquake near my town, my parents say they are fine, can i travel', 'en'],
  // An appointment now, urgent.
  ['je veux un rdv maintenant, urgent', 'fr'],
  ['bghit lmaw3id daba, urgent', 'Darija Latin'],
  // A passport kept by the police, words read as others.
  ['la police a pris mon passeport au controle, comment je le recupere', 'fr'],
  ['the police took my passport at the border, how do i get a new one', 'en'],
  ['ils vont me prendre en charge a l aeroport ?', 'fr'],
  ['my story is long, can i talk to someone', 'en'],
  ['i work in a store in rabat, can i still register', 'en'],
  ['my daughter Blessing is 8, does she need a passport', 'en'],
  ['can i come on friday for the interview', 'en'],
  ['il fait froid a oujda, vous avez des couvertures', 'fr'],
  // Near misses of the new patterns.
  ['follow me on facebook for news of the programme', 'en'],
  ['la conseillere qui suit mon dossier est toujours la le lundi ?', 'fr'],
  ['i will sell my phone before the flight, is that ok', 'en'],
  ['l assistante sociale qui me suit est toujours la le mardi ?', 'fr'],
  ['my wife followed me to morocco and she is still here, can we go together', 'en'],
  ['j ai peur qu ils arrivent pas a temps pour le vol', 'fr'],
  ['i had a car accident last year and was lying in hospital for a month', 'en'],
  ['i am scared of flying, will someone follow me during the trip', 'en'],
  ['my husband is waiting outside the office, i am afraid he can not come in', 'en'],
  ['the boat trip took two days, the sea was calm, nobody went under', 'en'],
];
