import { CONCEPT_LEXICON, type Concept } from './conceptLexicon.js';
import { TOPIC_CONCEPTS } from './topicConcepts.js';

export { TOPIC_CONCEPTS };

/**
 * Terms the topic model reads on top of {@link CONCEPT_LEXICON}, written as there. They live apart because the
 * learned safety layer reads `CONCEPT_LEXICON` too: it was trained and measured on those features, and a term added
 * for understanding must not move it (nor need its sets re-measured). Issue 12's eighth round found them in the
 * kinds of phrasing unseen writers use: French written as it sounds (pasepor, randevou, lajan, antretien, efasé),
 * everyday words for the programme's questions (gratos, décaisser, donner son nom, des gens comme moi) and ages told
 * as numbers.
 */
export const TOPIC_TERMS: Readonly<Partial<Record<keyof typeof CONCEPT_LEXICON, string>>> = {
  free: 'gratos gratis',
  pay: `decaiss* debours* payant qui_paie qui_paye who_pays kaykhell* kaykhles* ykhell* ykhles* nkhell* tkhell*
    faire_payer faites_payer fait_payer verser`,
  money: 'lajan lajen larjan',
  return: 'rantr* rantre',
  // Darija in Latin letters writes وراق with a 9 for the ق, with or without its vowel.
  documents: 'pasepor* paspo* papie papye id ids wra9 wara9 awra9 lwara9 wera9',
  duration: `combien_de_tan combien_de_jour dans_combien prendre_combien prend_combien ca_prend_du_temps on_part_quand
    partir_quand part_quand c_est_pour_quand date_de_depart date_du_depart departure_date when_do_i_leave when_will_i_leave
    when_do_we_leave when_will_we_leave
    a_temps in_time by_then d_ici_la jouable nl7e9 nlhaq نلحق`,
  voluntary: `renvoy* ranvoy* fors* de_force لم_اعد_ارغب لم_اعد_اريد لا_اريد_العوده ما_بقيتش_باغي مابقيتش_باغي mabqitch_baghi
    ma_bqitch_baghi mabqitch_bagh ma_bqitch_bagh`,
  // "donner son nom" is how many people say "put me on the list".
  register: `reinscri* re_inscrire ntsej* tsej* nsej* tasjil tsjil donner_mon_nom donner_son_nom donner_nom donne_mon_nom donne_son_nom done_mon_nom
    done_son_nom mettre_mon_nom mettre_son_nom give_my_name give_his_name give_her_name put_my_name put_down_my_name`,
  eligible: `gens_comme_moi gens_comme_nous people_like_me people_like_us someone_like_me quelqu_un_comme_moi pour_ceux_qui
    beneficiez benificier c_est_pour_qui is_it_for_people inclus inclu included include en_regle يقبلوني يقبلني تقبلوني يقبلو* قبولي
    chrot chorot chrout chourout chorout chrut chourot شروط الشروط شرط
    critere* criteria fit_your_criteria vos_conditions remplis_les_conditions a_mon_age a_cet_age at_my_age too_old trop_vieux trop_age ndkhl ndkhel ndkhol ndakhl ndakhel`,
  // A child alone, said with the child: "seul" by itself is as often a traveller alone or "un seul dossier".
  minor: `never_reach_18 not_yet_18 pas_encore_18 below_18 less_than_18 enfant_seul enfants_seuls mineur_seul fils_seul fille_seule
    seul_au_maroc seule_au_maroc seul_ici seule_ici tout_seul_ici sans_ses_parents sans_parents
    with_nobody sans_personne bohdo bo7do بوحدو`,
  training: 'aprend* aprann* apran*',
  // Conditions people name rather than the word "health", and Pidgin "drugs" for medicines.
  health: `sickle_cell drepanocytose hypertension tension_arterielle blood_pressure cancer* kidney* insuffisance_renale
    hepatit* asthmatique diabetique drugs drug_dem`,
  comeback: 'ممنوع يمنع* سيمنع* تمنع* المنع منعي',
  psych: 'in_my_head dans_ma_tete dans_la_tete f_rasi فراسي not_okay',
  counselling: 'antretien* antretyen*',
  appointment: 'randevou* randevu* randevo* rendevou* caler calez',
  cancel: `chanje* peux_pas_venir pe_pas_venir pourrai_pas_venir can_not_come can_not_make_it won_t_make_it not_able_to_come
    ma_nqderch_nji ما_نقدرش_نجي`,
  // Data "destroyed" (détruisez, détruites) is data erased.
  erase: `efas* efac* efface* detrui* suppression effacement enlev* mhiw tmhiw mhi tmhi mhiou thydo hydo تحيدو حيدو تحيد نحيد محيو تمحيو
    امحيو`,
  location: 'whereabouts find_you where_can_i_find vous_trouver ou_se_vou ou_se_vous ou_etes_vous ou_vous_etes ou_c_est cest_ou votre_coin vos_locaux vos_bureaux',
  sport: `la_can de_la_can playing play_against plays_against joue_contre jouent_contre affronte* contre_qui kick_off
    battu a_battu perdu_contre`,
  // Countries people in Morocco return to beyond West Africa's (the programme's answer says which ones it serves).
  countryName: `centrafrique rca centrafricain* soudan_du_sud south_sudan ethiopie ethiopia erythree eritrea somalie somalia
    comores comoros madagascar mauritanie mauritania guinee_bissau guinea_bissau cap_vert cape_verde sao_tome tchad
    bangladesh pakistan syrie syria yemen sri_lanka egypte egypt libye libya algerie algeria tunisie tunisia
    كوت_ديفوار غينيا_بيساو افريقيا_الوسطى موريتانيا السودان اثيوبيا اريتريا الصومال بنغلاديش باكستان سوريا اليمن مصر`,
  language: 'blarbiya larbiya arbiya bdarija fransawiya blfransawiya nglizia blanglizia',
  // Where the flight leaves from, and who drives one home from the airport, is the journey (not where the orientation
  // points are).
  travel: `decoll* take_off takes_off part_d_ou partira_d_ou leave_from leaves_from tkla3 kat9la3 t9la3 تقلع كتقلع
    يوصلني توصلني يديني تديني m_emmene m_amene drives_me`,
  // Work without pay and a promise of work that was a lie, a trick one ran away from: trafficking told without the word.
  vulnerable: `sans_salaire sans_etre_paye jamais_paye sans_me_payer without_pay no_pay unpaid never_paid never_pay bla_khlass
    promis_du_travail promettant_du_travail promised_work promised_me_work
    deceiv* tricked cheated lied_to_me fake_job fausse_promesse trompe* m_a_menti enfui* escape escaped ran_away run_away hrbt ghaltouni هربت كذب_عليا`,
  // Fingerprints and photos taken for the file are the data question (where they go, who sees them).
  privacy: 'empreinte* fingerprint* biometri* بصمات البصمات بصمه lbasma lbasmat',
  // Machines, tools and stock for a trade are the business kit (not the cash grant).
  business: 'materiel equipement* equipment* machines outils tools المعدات معدات lmateryal lmaterial',
  // "What does the word mean": a definition asked with other words than "what is".
  definition: 'signifie veut_dire ca_veut_dire meaning what_does_it_mean le_mot the_word ya3ni يعني معنى',
  // The French possessive "son" (son nom, son dossier) is not the English son: only "my son", "his son"... are. One
  // file for everyone is the family return, whoever is named.
  family: 'my_son his_son her_son our_son your_son their_son the_son a_son sons toute_la_famille whole_family same_file meme_dossier seul_dossier',
};


/**
 * Terms of {@link CONCEPT_LEXICON} the topic model does not read, each more often something else: "can" is the English
 * verb far more often than the Africa Cup, "son" the French possessive as often as the English son.
 */
export const TOPIC_DROPPED: Readonly<Partial<Record<keyof typeof CONCEPT_LEXICON, string>>> = {
  sport: 'can',
  family: 'son',
  // "bénéficier" asks who may (kept); "le bénéficiaire", "ayant bénéficié" tell of someone already helped.
  eligible: 'benefici*',
  // "seul" alone is a traveller alone ("je voyage seul") or one file ("un seul dossier") as often as a child alone.
  minor: 'seul',
};

/** The lexicon the topic model reads: {@link CONCEPT_LEXICON} with {@link TOPIC_TERMS} and {@link TOPIC_CONCEPTS}, less {@link TOPIC_DROPPED}. */
export const TOPIC_LEXICON: Readonly<Partial<Record<Concept, string>>> = buildTopicLexicon();

function buildTopicLexicon(): Partial<Record<Concept, string>> {
  const lexicon: Partial<Record<Concept, string>> = {};
  for (const [concept, terms] of Object.entries(CONCEPT_LEXICON) as Array<[keyof typeof CONCEPT_LEXICON, string]>) {
    const dropped = new Set((TOPIC_DROPPED[concept] ?? '').split(/\s+/).filter(Boolean));
    const kept = terms.split(/\s+/).filter((term) => term && !dropped.has(term));
    lexicon[concept] = [...kept, TOPIC_TERMS[concept] ?? ''].join(' ');
  }
  return { ...lexicon, ...TOPIC_CONCEPTS };
}
