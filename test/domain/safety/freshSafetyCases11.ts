/**
 * Issue 9, safety11 round: a firing and a non-firing case of the helper's own for each pattern that round handled
 * (never lines of a labelled set, nor near copies). Written after the change, so they pin it rather than measure it.
 * Each case: [message, language tag].
 */

/** Emergencies the rules must catch. */
export const FRESH11_EMERGENCIES: ReadonlyArray<readonly [string, string]> = [
  // A threat that knows where the person sleeps, forwarded or said.
  ['il m a ecrit on sait ou tu dors attends toi a nous voir', 'fr'],
  ['he texted me we know where you live, tonight you pay', 'en'],
  ['sift lia message 3arf fin saken w ghadi nji', 'Darija Latin'],
  // A rope ready, walking into the sea.
  ['tout est fini pour moi la corde est prete dans le garage', 'fr'],
  ['sorry mama, the rope is ready, i cant anymore', 'en'],
  ['الحبل جاهز فالبيت وما بقيتش باغي نعيش', 'Darija'],
  // Tied up.
  ['ils m ont attache a une chaise dans la cave', 'fr'],
  ['the landlord tied us up and took our phones', 'en'],
  ['ربطوني فالكوزينة وخرجو', 'Darija'],
  // Two signs of a stroke.
  ['mon pere a la bouche de travers et il arrive plus a parler', 'fr'],
  ['her face is drooping and she can not speak properly', 'en'],
  ['بابا فمو معوج و ما كيقدرش يهضر', 'Darija'],
  ['jedda fommha m3awja w ma katqderch thder', 'Darija Latin'],
  // Breathing, Darija spelt with 3.
  ['khoya ma bqach kayt3ness 3afak', 'Darija Latin'],
  // "They are coming", short.
  ['ils reviennent', 'fr'],
  ['they re coming!!', 'en'],
  ['rahom jayin', 'Darija Latin'],
  // Screams or blows heard now.
  ['j entends des cris et des coups chez la voisine', 'fr'],
  ['i can hear screaming from the flat upstairs, a child', 'en'],
  ['كنسمع العياط فالدار لي حدانا', 'Darija'],
  // A swimmer gone missing.
  ['ma soeur est partie a la nage vers le bateau, pas de nouvelles depuis ce matin', 'fr'],
  ['my friend went to swim to the boat and his phone is off since last night', 'en'],
  // Rising water, cannot swim.
  ['l eau monte dans la chambre et ma fille sait pas nager', 'fr'],
  ['the water is rising in the house and my wife cant swim', 'en'],
  ['الما طالع فالدار و ولدي ما كيعرفش يعوم', 'Darija'],
  // A birth under way, a feverish baby with a sign.
  ['venez la tete sort elle accouche dans le taxi', 'fr'],
  ['mon bb est tout chaud depuis la nuit et il boit plus', 'fr'],
  ['my baby has high fever since yesterday and is not feeding', 'en'],
  // Stranded in the forest without food.
  ['on est bloques dans la foret sans manger depuis trois jours', 'fr'],
  // Fire and smoke, MSA.
  ['النار تشتعل في الطابق الثاني والأطفال في الداخل', 'MSA'],
  // Past then now: a turn after a comma still starts a new part.
  ['i was ok, now he is beating me again', 'en'],
];

/** Ordinary messages that must not fire. */
export const FRESH11_ORDINARY: ReadonlyArray<readonly [string, string]> = [
  ['mes jambes me tuent apres le chantier, c est quand le rendez vous', 'fr'],
  ['my back is killing me from the bus ride, where is your office', 'en'],
  ['rjliya 9tlouni mn lmchi, fin kayn lbureau', 'Darija Latin'],
  ['ce match va nous tuer, on joue contre le Senegal', 'fr'],
  ['al intidar 9tlni, imta ghadi tjawbouni', 'Darija Latin'],
  ['blague du jour : mon cousin a crie au feu pour un barbecue', 'fr'],
  ['in my novel for class the girl is locked in a tower, is that ok', 'en'],
  ['قرأت رواية فيها رجل غرق في النهر، هل عندكم كتب', 'MSA'],
  ['mon frere s est noye l an dernier au large de tanger, je veux rentrer au pays', 'fr'],
  ['last year they beat me in the camp, i am fine now, what help is there for me', 'en'],
  ['تعرضت للسرقة والضرب السنة الماضية، الآن أنا بخير، هل من مساعدة', 'MSA'],
  ['kano kayhebsouni f libya, daba ana mzyana, bghit nrje3 lblad', 'Darija Latin'],
  ['je suis triste depuis la traversee mais je ne suis pas en danger, je veux parler a quelqu un', 'fr'],
  ['أنا حزين بزاف ولكن لست في خطر، بغيت نهضر مع شي حد', 'Darija'],
  ['SOS ! comment je change la langue du site', 'fr'],
  ['je suis bloque au maroc sans argent, est ce que je peux rentrer', 'fr'],
  ['أنا عالق بلا خدمة بلا مال، واش نقدر نرجع', 'Darija'],
  ['je sais pas nager, est ce que le voyage de retour passe par la mer', 'fr'],
  ['j entends dire que le programme rouvre en janvier', 'fr'],
  ['they are coming tomorrow for the interview?', 'en'],
  ['je sais faire la cuisine et la couture, il y a des formations', 'fr'],
  ['my hands are tied with the paperwork, can you help with the form', 'en'],
];
