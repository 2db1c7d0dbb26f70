/**
 * Issue 9, safety16 round: firing and non-firing cases of the helper's own for the kinds that round closed (never lines
 * of a labelled set, nor near copies): a child gone missing, a farewell (things given away with a goodbye or despair),
 * fits then confusion, someone under a vehicle or mud, a hedge before an emergency, Pidgin "waste"; and, not firing, a
 * sale or praise that "burns", food burnt while cooking, a video game, a fire already out, a witness imagined in a
 * question, a betrayal told as a stab, a thing that "kills" the writer, a programme asked about, a family fine after an
 * earthquake, a passport kept for renewal. Then kinds found by probing (heatstroke, a trafficker's debt, a sudden
 * headache, a team the former team list did not name) and their ordinary neighbours. Each case: [message, language tag].
 */

/** Emergencies the rules must catch. */
export const FRESH16_EMERGENCIES: ReadonlyArray<readonly [string, string]> = [
  // A child gone missing.
  ['aidez nous mon fils a disparu a la gare, il a cinq ans', 'fr'],
  ['le petit s est perdu pendant la fete du quartier, on cherche partout', 'fr'],
  ['my daughter went missing at the beach, she is 7, wearing a yellow top', 'en'],
  ['our son disappeared from the park, we have looked everywhere', 'en'],
  ['بنتي ضاعت ليا فالمحطة، عندها خمس سنين', 'Darija'],
  ['bnti tlfat lia f lmarche, 3ndha 6 snin', 'Darija Latin'],
  // A farewell: things given away, letters left, with a goodbye or despair.
  ['j ai donne toutes mes affaires a mon cousin, adieu a tous', 'fr'],
  ['i gave away all my clothes to my roommate, you will not see me again', 'en'],
  ['wrote letters to my sisters tonight. goodbye everyone, forgive me', 'en'],
  ['i don give all my property to my brothers, life don finish me', 'Pidgin'],
  ['وزعت حوايجي على الدراري، سامحوني', 'Darija'],
  ['fr9t 7wayji 3la s7abi, akhir lila hadi', 'Darija Latin'],
  // Fits, then confusion.
  ['ma soeur a fait deux crises ce soir et elle ne reconnait plus ses enfants', 'fr'],
  ['he had seizures all afternoon and now he does not recognise us', 'en'],
  ['جاتو الكريز جوج مرات وما بقاش كيعرفنا', 'Darija'],
  // Under a vehicle, mud or rocks.
  ['mon collegue est sous le tracteur, il est coince et il saigne', 'fr'],
  ['a boy is under the car after the crash, he is stuck and crying', 'en'],
  ['الدار طاحت بسبب الشتا، كاين ناس محصورين تحت الطين', 'Darija'],
  ['glissement de terrain au village, la route est coupee et des maisons sont ensevelies', 'fr'],
  // A hedge before the emergency.
  ['c est peut etre rien mais ma mere ne se reveille pas et elle respire tres lentement', 'fr'],
  ['probably nothing but my dad has not woken up since this morning and his lips are blue', 'en'],
  // Pidgin "waste".
  ['dat guy say im go waste me if i show for market', 'Pidgin'],
  // Heat with a sign of heatstroke.
  ['mon cousin travaille dans la serre, il fait 46 degres et maintenant il delire', 'fr'],
  ['my cousin picked tomatoes in the heat since dawn, now he is delirious and not sweating', 'en'],
  ['خويا خدام فالشمس نهار كامل، دابا كيخرف', 'Darija'],
  // Held by a trafficker: a debt for the trip, phones taken, forced work.
  ['il a confisque nos telephones et il dit qu on doit rembourser le voyage en travaillant', 'fr'],
  ['the man says we owe him money for the boat and makes us work 16 hours a day', 'en'],
  ['كيقول كنسالوه الفلوس ديال الطريق وكيخدمنا بزز', 'Darija'],
  // A sudden severe headache with blurred or double sight.
  ['my mother got the worst headache of her life and now her vision is blurry', 'en'],
  // More wordings of a child gone missing and of a farewell (MSA, English).
  ['فقدنا طفلتنا قرب محطة القطار ولم نجدها حتى الآن', 'MSA'],
  ['أعطيت كل أغراضي لأصحابي ولن تروني بعد اليوم', 'MSA'],
  ['i have given away everything i own, this is goodbye, thank you for everything', 'en'],
  // Pidgin and Darija wordings of a farewell, a person not woken, a vehicle fallen on someone; a killer still there.
  ['i don give all my things comot, una no go see me again', 'Pidgin'],
  ['my papa never wake since morning and him lips don turn blue', 'Pidgin'],
  ['wallah ta7 3lih tomobil f garage w rjlih m7souryin', 'Darija Latin'],
  ['the man who killed my neighbour is still here in the building, i can hear him', 'en'],
  // A threat that names a country or a town: no team is killed.
  ['ils ont dit qu ils vont me tuer ce soir au benin', 'fr'],
  ['the men from lagos say they will kill me tonight, they know my house', 'en'],
];

/** Ordinary messages the rules must leave alone. */
export const FRESH16_ORDINARY: ReadonlyArray<readonly [string, string]> = [
  // A sale, praise.
  ['soldes au souk ce week end, les tissus a moitie prix', 'fr'],
  ['that new track is fire, i play it every day', 'en'],
  // Food burnt while cooking, a spouse who "will kill" the writer.
  ['pour l anniversaire de maman j ai brule le gateau, papa va me tuer', 'fr'],
  ['i burnt the rice again lol my mum will kill me', 'en'],
  // A video game.
  ['sur fortnite on a tue toute l equipe adverse hier soir', 'fr'],
  ['on call of duty i burned the whole base, so good', 'en'],
  // A fire already out.
  ['the toaster caught fire this morning but we put it out, nobody was hurt. when is my appointment?', 'en'],
  // A witness imagined, in a question.
  ['si je vois quelqu un se faire frapper dans le bus je fais quoi ? c est une question', 'fr'],
  ['if you see somebody getting robbed at the station, who do you call? asking for a class', 'en'],
  // A betrayal told as a stab.
  ['my cousin stabbed me in the back at work, he betrayed me to the boss', 'en'],
  // A thing that "kills" the writer.
  ['ces demarches vont me tuer, il manque encore un papier', 'fr'],
  ['the paperwork is finishing me, so many pages to fill for the office', 'en'],
  ['الشغل سيقتلني بكثرة الساعات، لكن الحمد لله', 'MSA'],
  // A programme asked about, an earthquake with the family fine, a passport kept for renewal.
  ['كاين شي برنامج ديال المساعدة للناس اللي تضربو فالحدود؟', 'Darija'],
  ['الزلزال وصل للقرية ديالنا ولكن العائلة لاباس الحمد لله', 'Darija'],
  ['lqonsoliya 3ndha lpaspor dyali bach yjddo, wach n9der nkml dossier?', 'Darija Latin'],
  // A team that "kills" another, any team (structural: a kill beside a team is sport).
  ['le burkina a tue le niger hier, on a fete toute la nuit', 'fr'],
  ['zambia killed angola on saturday, massive', 'en'],
  ['الجزائر قتلات مصر فالنهائي', 'Darija'],
  // Excelling, play fighting, a football game, a question of what one would do, a prayer from afar.
  ['j ai tue le game hier soir au concert', 'fr'],
  ['on joue a la guerre avec mon petit frere, il m a tue 10 fois', 'fr'],
  ['my little brother killed me in fifa again', 'en'],
  ['tell me, what would you do if someone hit you on the bus? i am curious', 'en'],
  ['je prie pour les gens du seisme au maroc, que dieu les protege', 'fr'],
  // Heat without a sign, a prayer for victims far away, a debt or long hours asked about.
  ['la chaleur ici est forte, je transpire beaucoup, c est normal ?', 'fr'],
  ['the heat in the dorm is bad, can we get a fan?', 'en'],
  ['we pray for the victims of the floods in the north, may god have mercy', 'en'],
  ['je dois rembourser le voyage a mon cousin, il m a prete l argent, c est possible avec l aide ?', 'fr'],
  ['my boss makes me work 14 hours a day, is that legal?', 'en'],
  // Not a child gone missing: a lost passport; not a farewell: things given before the flight home.
  ['mon fils a perdu son passeport a la gare, on fait comment ?', 'fr'],
  ['i gave my stuff to my friends, goodbye morocco! can i still travel with a big bag?', 'en'],
];
