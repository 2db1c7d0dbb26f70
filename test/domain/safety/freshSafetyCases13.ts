/**
 * Issue 9, safety13 round: firing and non-firing cases of the helper's own for each pattern that round handled
 * (never lines of a labelled set, nor near copies). Written after the change, so they pin it rather than measure it.
 * Each case: [message, language tag].
 */

/** Emergencies the rules must catch. */
export const FRESH13_EMERGENCIES: ReadonlyArray<readonly [string, string]> = [
  // Shut in by the employer, the door locked from outside, the passport kept.
  ['ma patronne ferme la porte a cle quand elle sort et elle garde mon passeport', 'fr'],
  ['the lady locks us in when she goes to the market and she holds our passports', 'en'],
  ['المشغل يغلق علينا الباب ليلا ويحتفظ بجوازاتنا', 'MSA'],
  ['مولات الدار كتقفل عليا ملي كتخرج وشادة الباسبور ديالي', 'Darija'],
  ['lpatron katsed 3lia f lkouzina w chad lpassport dyali', 'Darija Latin'],
  ['la chambre est fermee de l exterieur et on est six dedans', 'fr'],
  ['the room is locked from the outside and we cannot get out', 'en'],
  ['الباب مقفول من برا وحنا خمسة لداخل', 'Darija'],
  // Crushed or pinned under something that fell.
  ['le mur de la maison est tombe sur mon oncle, il est coince sous le beton', 'fr'],
  ['a wall fell on my cousin at the site and he is pinned under the bricks', 'en'],
  ['انهار السقف وأخي عالق تحت الركام', 'MSA'],
  ['طاح عليه الحيط فالخدمة وباقي تحت الردم', 'Darija'],
  // Pills or a product swallowed, then too sleepy to stay awake.
  ['mon frere a pris les cachets de ma mere et il est tres endormi, on arrive pas a le reveiller', 'fr'],
  ['my aunt swallowed her sleeping tablets and now she is so sleepy she can not stay awake', 'en'],
  ['خويا شرب الدوا ديال بابا وولا نعسان بزاف', 'Darija'],
  ['my baby drank some toilet cleaner from the bottle', 'en'],
  ['le petit a bu du deboucheur dans la salle de bain', 'fr'],
  ['ولدي شرب الما القاطع', 'Darija'],
  ['خويا بلع كاع الحبوب ديال الضغط', 'Darija'],
  // Swimmers who did not come back out of the water.
  ['quatre copains sont partis nager ce matin et seulement trois sont revenus', 'fr'],
  ['my nephew went swimming in the dam and has not come out of the water', 'en'],
  ['خرج يعوم فالواد وما رجعش حتى دابا', 'Darija'],
  ['ذهب أخي للسباحة في البحر ولم يرجع', 'MSA'],
  ['he went into the river for the goat half an hour ago and now we do not see him anywhere at all', 'en'],
  // A whole group vomiting together.
  ['apres le repas au campement tout le monde vomit et un enfant est tombe', 'fr'],
  ['after the rice everyone is vomiting here in the camp and one man fainted', 'en'],
  ['من بعد العشا كلهم كيتقياو وواحد طاح', 'Darija'],
  // Someone at the door shaking it and shouting.
  ['quelqu un secoue la porte et crie mon nom depuis tout a l heure', 'fr'],
  ['a man is rattling the door and shouting my name', 'en'],
  ['واحد كيحرك الباب وكيغوت بسميتي', 'Darija'],
  // A boat filling with water, no land in sight.
  ['la barque se remplit d eau et on voit plus la cote', 'fr'],
  ['the boat is filling with water and we can not see land', 'en'],
  ['الفلوكة عمرات بالما وما كنشوفوش الأرض', 'Darija'],
  // A threat to kill a relative held by smugglers.
  ['ila ma khlsnach ghadi y9etlouh, rah 3endhom f dar', 'Darija Latin'],
  // A stroke and blue lips described in Darija.
  ['mma t9awed lih lwejh w ydha lisria mata', 'Darija Latin'],
  ['bba ma kayjawbch w chfayfo zer9in', 'Darija Latin'],
  ['maintenant je vis chez une amie mais son frere me frappe ce soir', 'fr'],
  ['my grandfather is not answering and his lips are blue', 'en'],
  // A baby hot and floppy.
  ['بنتي عندها شهرين جسمها ساخن جدا ومرخية', 'MSA'],  // Words glued without spaces, and a button battery swallowed.
  ['excusezmoilerendezvousmaismamerenerespireplus', 'fr'],
  ['sorryforthedelaymybrotherisnotbreathingpleasehurry', 'en'],
  ['le bebe a avale une pile bouton il y a dix minutes', 'fr'],
  ['my daughter swallowed a coin battery from the remote', 'en'],
];

/** Ordinary messages that must not fire. */
export const FRESH13_ORDINARY: ReadonlyArray<readonly [string, string]> = [
  // Locked out, not in.
  ['je suis bloquee dehors, j ai perdu les cles de la chambre', 'fr'],
  ['i lost my keys and now i am locked out of the flat, who can open it', 'en'],
  ['نسيت الساروت وبقيت برا الدار، شكون يحل ليا', 'Darija'],
  // Shut in for a joke.
  ['mon cousin m a enferme dans la cuisine pour rire mdr', 'fr'],
  ['my sister locked me in the bathroom as a joke haha', 'en'],
  ['sahbi sed 3lia f lbit bla3ab hhh', 'Darija Latin'],
  // A mild temperature in a child who eats and plays.
  ['ma fille a un peu de fievre mais elle mange bien et joue normalement', 'fr'],
  ['my son has a temperature but he is eating well and still playing, teething maybe', 'en'],
  ['ولدي فيه شوية السخانة ولكن كياكل مزيان وكيلعب عادي', 'Darija'],
  // News or a past told with everyone fine.
  ['il y a eu un grand feu a dakar selon les infos, ma famille va bien', 'fr'],
  ['there was flooding back home according to the news, my family is safe', 'en'],
  ['وقع زلزال حسب الأخبار ولكن الجميع بخير', 'MSA'],
  ['من بعد الحادثة ديال سنين هادي ولات عندي الخلعة من الطوموبيلات', 'Darija'],
  // Long words and a glued ordinary request.
  ['jevoudraischangermonrendezvousdejeudiprochain', 'fr'],
  ['anticonstitutionnellement parlant c est complique', 'fr'],
  ['the battery of my phone is dead, where can i charge it', 'en'],
  // Hurt in the past, staying with someone safe now, asking about support.
  ['il me frappait avant, maintenant je vis chez ma tante, est ce que vous aidez dans ce cas', 'fr'],
  ['my ex used to beat me, now i live with my sister, is there support for women', 'en'],
  ['كان كيضربني، دابا ساكنة عند ختي، واش كاين شي مساعدة', 'Darija'],
  // Waiting that "kills".
  ['ttsna dyal lwra9 9tlni, fo9ach ghadi tjawbouni', 'Darija Latin'],
];
