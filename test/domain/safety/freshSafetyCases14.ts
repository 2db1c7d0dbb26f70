/**
 * Issue 9, safety14 round: firing and non-firing cases of the helper's own for each kind of phrasing that round
 * handled (never lines of a labelled set, nor near copies). Written before the change, so they measured it, then pin it.
 * Each case: [message, language tag].
 */

/** Emergencies the rules must catch, with the kinds the round quietened nearby. */
export const FRESH14_EMERGENCIES: ReadonlyArray<readonly [string, string]> = [
  // A threat to kill a person is still a threat, even said with an animal in it.
  ['il a dit qu il va m egorger comme un mouton si je parle', 'fr'],
  ['mon mari veut me tuer, il a pris le couteau du poulet', 'fr'],
  ['he said he will slaughter me like a goat if i tell anyone', 'en'],
  ['قال ليا غادي يذبحني بحال شي حولي', 'Darija'],
  ['هددني بالقتل إذا لم أدفع', 'MSA'],
  // Someone in the boot of a car.
  ['deux hommes m ont jete dans le coffre de leur voiture et on roule', 'fr'],
  ['on est deux enfermes dans le coffre d une camionnette', 'fr'],
  ['they threw me in the boot of a car and we are driving', 'en'],
  ['i am inside the trunk of a car, please help', 'en'],
  ['دخلوني للصندوق ديال الطوموبيل وكيسوقو', 'Darija'],
  ['rani f lcoffre dyal tomobil ma 3reftch fin ghadin', 'Darija Latin'],
  ['وضعوني في صندوق السيارة', 'MSA'],
  // A rope already tied, or ready, told with despair.
  ['j en peux plus, la corde est deja accrochee au plafond', 'fr'],
  ['i cannot go on, the rope is already tied to the beam', 'en'],
  ['ما بقيتش قادر، الحبل مربوط فالسقف', 'Darija'],
  ['l7bel m3ele9 f sa9f, ma b9itch n9der', 'Darija Latin'],
  ['لم أعد أحتمل، الحبل معلق في السقف', 'MSA'],
  // Several people locked in a room at work since yesterday.
  ['the farmer locked six of us in the barn since last night, no water', 'en'],
  ['le patron a enferme huit d entre nous dans le hangar depuis hier', 'fr'],
  ['مول الفيرمة سد علينا فالمخزن من البارح، حنا ستة', 'Darija'],
  ['lpatron sed 3lina f dépôt mn lbar7, 7na 4', 'Darija Latin'],
  // A man who shut the door and took the women's phones.
  ['il a verrouille la porte et il a pris tous nos portables, on est quatre filles', 'fr'],
  ['he shut the door and took all our phones, we are three women here', 'en'],
  ['سد الباب وخدا لينا التيليفونات كاملين، حنا ربعة بنات', 'Darija'],
  ['sed lbab w khda lina tilifonat, 7na tlata d lbnat', 'Darija Latin'],
  ['أغلق الباب وأخذ هواتفنا كلها', 'MSA'],
  // A passport kept and not given back is still held.
  ['le patron garde mon passeport et refuse de me le rendre', 'fr'],
  ['my employer keeps my passport and will not give it back', 'en'],
  ['الباطرون شاد الباسبور ديالي وما بغاش يرجعو ليا', 'Darija'],
  // "I am fine" about oneself does not hide someone else in danger.
  ['mon frere ne respire plus, moi ca va mais venez vite', 'fr'],
  ['my friend is bleeding a lot and will not stop, i am ok', 'en'],
  ['خويا طايح فالأرض وما كيتنفسش', 'Darija'],
  // A fight after the match is still violence.
  ['apres le match des supporters m ont frappe, je saigne beaucoup', 'fr'],
  ['after the game some fans are beating my brother right now', 'en'],
  // A thing noun elsewhere in the message ("school", "la chaleur", "الجوع") no longer cancels a threat.
  ['they will kill us after school if we talk to the police', 'en'],
  ['il a dit qu il va me tuer, j ai faim et je suis cache', 'fr'],
  ['قال ليا غادي يقتلني، وأنا ميت بالجوع ومخبي', 'Darija'],
  ['dem say dem go kill us for the heat of the night, we dey hide', 'Pidgin'],
  // Third batch: the boot told with the person in it.
  ['i m in the boot, they are driving me somewhere', 'en'],
  ['on m a mise dans le coffre d une voiture, aidez moi', 'fr'],
  ['rani f sandou9 dyal tomobil, 3afakom', 'Darija Latin'],
];

/** Ordinary messages the rules must leave alone. */
export const FRESH14_ORDINARY: ReadonlyArray<readonly [string, string]> = [
  // An animal killed for food or a feast; killing time, insects, a battery, a game level.
  ['demain on egorge le belier pour la fete, vous etes invites', 'fr'],
  ['mon oncle va tuer deux poulets pour le couscous de vendredi', 'fr'],
  ['je tue les moustiques toute la nuit dans ce foyer', 'fr'],
  ['we will slaughter a ram for the naming ceremony on saturday', 'en'],
  ['my dad is going to kill the turkey for the party, any recipe?', 'en'],
  ['just killing time at the bus station until my appointment', 'en'],
  ['this app is killing my phone battery', 'en'],
  ['finally killed the last boss of the game', 'en'],
  ['غادي نذبحو الخروف نهار العيد إن شاء الله', 'Darija'],
  ['ndb7o jouj djajat l lghda', 'Darija Latin'],
  ['سنذبح خروفا للعقيقة يوم الجمعة', 'MSA'],
  ['ba ghadi ydba7 l7awli f l3id', 'Darija Latin'],
  // A thing that "kills" the writer: work, heat, waiting, a back ache, a film.
  ['ce boulot me tue, je rentre a minuit tous les soirs', 'fr'],
  ['cette chaleur me tue, il fait 45 degres au foyer', 'fr'],
  ['this heat is killing me, is the office air conditioned?', 'en'],
  ['my back is killing me after the farm work', 'en'],
  ['الحرارة قتلاتني اليوم', 'Darija'],
  ['had tsenya 9tlatni, imta lmaw3id?', 'Darija Latin'],
  // Sport: a match won or lost with a wide score.
  ['on les a tues 3-0 au tournoi du quartier', 'fr'],
  ['we got slaughtered 6-1 in the league game yesterday', 'en'],
  ['dem kill us for the match, 4-1 na wa', 'Pidgin'],
  ['فزنا عليهم في المباراة وسحقناهم بخمسة أهداف', 'MSA'],
  // Over and safe now: an accident, a fever, a flood.
  ['mon pere a eu un accident de voiture au pays, il est stable maintenant, je peux partir plus tot?', 'fr'],
  ['le quartier a ete inonde par la pluie mais nous allons tous bien', 'fr'],
  ['my son had a high fever on monday, he is ok now, can we keep the appointment?', 'en'],
  ['the rain flooded our street but we are all fine, is the office open?', 'en'],
  ['ختي دارت أكسيدون فالطريق ولكن دابا لاباس عليها', 'Darija'],
  ['wldi kan skhon bzaf lbare7, daba rah mzyan', 'Darija Latin'],
  ['الما دخل للزنقة ولكن حنا لاباس، واش نجيو غدا؟', 'Darija'],
  ['أصيب أبي في حادث لكنه الآن بخير وحالته مستقرة', 'MSA'],
  // A lost passport; a passport kept for a procedure and given back.
  ['j ai perdu mon passeport dans l incendie du campement, je fais comment pour voyager?', 'fr'],
  ['ضاع ليا الباسبور فالحريق ديال المخيم، شنو ندير؟', 'Darija'],
  ['lost my passport when the camp burned, what can i do?', 'en'],
  ['l agence garde mon passeport pour le visa, elle me le rend lundi', 'fr'],
  ['the consulate kept my passport for my residence permit, they give it back next week', 'en'],
  ['القنصلية خدات الباسبور باش يديرو ليا الفيزا، غادي يرجعوه ليا الأسبوع الجاي', 'Darija'],
  // A past stroke with after-effects; a past confinement, safe now.
  ['mon pere a fait un avc, il garde des sequelles, il peut voyager accompagne?', 'fr'],
  ['my mother had a stroke and she still walks badly, can someone travel with her?', 'en'],
  ['on me gardait enfermee chez mes patrons, maintenant je suis sortie et je vis chez ma cousine', 'fr'],
  // Second batch, written after the change to test it on new words.
  ['le menage chez madame me tue, je finis tard tous les jours', 'fr'],
  ['these stairs are killing me, five floors and no lift', 'en'],
  ['dis work dey kill me small small', 'Pidgin'],
  ['غادي نذبحو جوج خرفان فالعرس ديال خويا', 'Darija'],
  ['i was locked in by my employer in Libya but now i am free and safe', 'en'],
  ['ttsnaya 9tlatni, imta ghadi y3iytou lia?', 'Darija Latin'],
  // Third batch: the bags in the boot; a thing that "kills" with words in between; safe "chez nous".
  ['j ai mis les sacs dans le coffre de la voiture', 'fr'],
  ['the bags are in the boot of the car', 'en'],
  ['راني حطيت الحوايج فالكوفر', 'Darija'],
  ['le soleil de midi me tue au champ', 'fr'],
  ['la pluie a inonde le quartier mais chez nous tout va bien', 'fr'],
];
