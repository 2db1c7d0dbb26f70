// Apart from topicLexicon.ts so that conceptLexicon.ts can name these concepts in its `Concept` type without an
// import cycle (topicLexicon.ts builds on conceptLexicon.ts).

/**
 * Concepts only the topic model has (their weights are learned from the content examples that carry them, so a
 * concept helps only where some examples do).
 */
export const TOPIC_CONCEPTS = {
  // Looking for a job or asking who hires (the IOM included): out of scope, whatever programme words come with it.
  jobHunt: `recrut* embauch* hiring hire hires job_opening job_openings job_offer job_offers offre_d_emploi offres_d_emploi
    cherche_du_travail cherche_un_travail cherche_un_emploi cherche_du_boulot cherche_un_boulot looking_for_a_job
    looking_for_work look_work find_job find_work vacancies`,
  // Living without residence papers: who may return (eligibility), not which travel documents to bring.
  undocumented: `sans_papiers sans_papier sans_papie pas_de_papiers pas_de_papier pas_de_papie no_papers no_paper without_papers
    undocumented irregul* en_situation_irreguliere sans_titre clandestin* bla_wraq bla_lwraq بلا_وراق بلا_اوراق بدون_اوراق
    بدون_وثائق`,
  // Help once home (the reintegration questions) rather than the journey.
  afterReturn: `apres_le_retour apres_mon_retour apres_retour une_fois_au_pays une_fois_rentre une_fois_rentree une_fois_la_bas
    after_return after_my_return after_i_return after_returning once_back once_i_am_back once_home when_i_reach when_i_get_back
    when_i_get_home back_in_my_country mli_nrjea mnin_nrjea بعد_العوده بعد_الرجوع بعد_رجوعي ملي_نرجع`,
  // Shopping for the cheapest (a flight, a transfer, a hotel): the out-of-scope examples carry it.
  bargain: `cheap cheaper cheapest moins_cher moins_chere pas_cher pas_chere le_moins_cher meilleur_prix best_price promo*
    rkhis rkhes ارخص رخيص`,
} as const satisfies Record<string, string>;
