import type { TOPIC_CONCEPTS } from './topicConcepts.js';

/**
 * Synonyms across French, English, Arabic and Darija (Arabic script and Latin letters), grouped by
 * concept. The matcher adds a `concept` feature to every example and every message that contains one
 * of the terms, so "c gratuit ?" meets an English example "is it free" and "lflous" meets "argent".
 *
 * Terms are written naturally; they are normalised when the lexicon is compiled. A trailing `*`
 * matches any word starting with the term (at least 4 letters before it); words joined by `_` form a
 * phrase matched on the normalised message. Arabic words also match with a leading و / ب / ل / ف / ال.
 */
export const CONCEPT_LEXICON = {
  free: 'gratuit* free fabor mjani mjana بالمجان مجان* فابور بلاش',
  pay: `payer paye paie payez frais cout coute couter prix tarif combien ca_coute pay paying paid cost costs price fee fees
    charge charges nkhles nkhalas khlas يدفع ندفع ادفع الدفع يتحمل نتحمل مصاريف رسوم تكاليف تكلفه ثمن سعر نخلص كيخلص خلاص`,
  money: `argent cash sous fric espece* money grant allowance allocation subvention* pocket financ* flous lflous floss lflouss
    dirham* wari dje djeh dollars euros
    فلوس الفلوس مال منحه مساعده_ماليه دعم_مالي`,
  ticket: 'billet* ticket* avion plane flight vol تذكره تذاكر بيي',
  return: `retour retourn* rentrer rentre repartir return* go_home going_home back_home nrje3 nrjaa nrja rjo3 nrjee3 nrej3
    عوده العوده الرجوع رجوع نرجع نعود ارجع اعود نروح`,
  homeland: 'pays bled lbled bladi blad country home homeland بلادي بلدي البلاد بلاد الوطن وطني',
  register: `inscri* enregistr* postul* candidat* demande demander register* registration sign_up signup apply applying
    application enrol* incri* inskri* inkri* enskri* tsjl nsjl ntsjl tsajal nsajal ntsajal tsaj* nsaj* ntsaj* sajlni sajel تسجيل سجل نسجل اسجل التسجيل تسجل طلب`,
  start: `commencer commence debut premiere_etape first_step start begin nbda bda nbdaw بدا نبدا ابدا البدايه اول_خطوه`,
  documents: `passeport* passport* papier* document* laissez_passer acte_de_naissance extrait_de_naissance carte_d_identite
    cni carte_consulaire consulat* ambassade* papers paper id_card birth_certificate travel_document consulate embassy
    paspor pasport lwraq lwra9 wraq وثائق وثيقه جواز الجواز باسبور الباسبور بسبور اوراق الاوراق لوراق القنصليه السفاره
    شهاده_الميلاد عقد_الازدياد`,
  duration: `combien_de_temps tsna ntsna ytsna tsena ntsena ytsena ntsnaw يستغرق تستغرق نتسنى يتسنى نستنى how_much_time how_many_days how_many_weeks how_many_months combien_de_jours combien_de_semaines combien_de_mois delai* attente attendre longtemps semaine* mois jours how_long wait waiting weeks months
    days time quickly vite rapide* fast soon bientot imta wqtach waqtach chhal_dyal_lwaqt مده المده وقت الوقت انتظار ننتظر
    شحال_من_الوقت امتى فوقاش متى`,
  voluntary: `oblig* forc* volontaire* refuser refuse change_d_avis changer_d_avis desist* abandonn* retir* expuls*
    plus_partir plus_rentrer arreter_le_dossier arreter_la_procedure stopper_le_dossier
    stop_the_process pull_out no_longer_want don_t_want_to_go_anymore
    deport* voluntar* withdraw* mind changed_my_mind hesit* pas_pret pas_sur not_ready not_sure change_my_mind bdlt_rayi
    بدلت_رايي غيرت_رايي متردد* مترددة force* compel* اجبار* اجباري يجبر* تجبر* مجبر* نجبر* يجبرني اكراه طوعي طوعا نتراجع
    تراجع ترحيل طرد`,
  family: `famille familial* enfant* femme mari epouse epoux bebe fils fille parents pere mere frere* soeur* family families
    child children kid kids wife husband spouse baby son daughter mother father brother sister wladi lwlad mrati rajli
    mmi bba khoya khti عائله العائله اسره الاسره اطفال الاطفال ولدي اولادي ابني ابنتي بنتي زوجتي زوجي مراتي راجلي
    امي ابي اخي اختي خويا ختي`,
  health: `malade* maladie* medicament* medical* medicale sante enceinte grossesse handicap* hopital traitement medecin
    docteur asthme diabet* vih sida chaise_roulante fauteuil_roulant dialyse epilep* tuberculose insuline operation cardiaque
    dialysis epilep* tuberculosis insulin surgery heart_condition sick ill illness disease medicine* medication* health pregnant pregnancy
    disabled disability doctor hospital treatment wheelchair asthma diabetes hiv mrid mrida dwa sbitar مريض مريضه مرض
    دواء ادويه الدواء صحه الصحه حامل اعاقه معاق طبيب مستشفى سبيطار علاج`,
  minor: `mineur* non_accompagne* moins_de_18_ans adolescent* jeune seul minor* unaccompanied under_18 teenager* teen
    separated child alone قاصر* قاصرين اقل_من_18 طفل وحده بدون_عائله`,
  travel: `voyage* vol avion bagage* valise* aeroport escort* accompagn* arrivee accueil travel* journey flight plane رحله الرحله
    luggage baggage suitcase* bag bags airport arrival arrive escort* valiza sfar tiyara matar lmatar l_matar سفر السفر الطياره طياره مطار
    المطار حقيبه حقائب امتعه الامتعه باليزا الوصول`,
  eligible: `eligib* beneficier benefici* qui_peut ai_le_droit a_le_droit avoir_le_droit ca_compte concerne* vous_prenez prenez_qui
    le_prendre la_prendre me_prendre etre_pris etre_prise etre_accepte etre_acceptee accepte_dans do_i_qualify who_qualifies
    benefit entitled allowed_to who_can nstafed nstfed ystafed ystfed
    tstafed ystafdo يستفيد نستافد يستافد تستافد نستفيد تستفيد مؤهل* يحق يحق_لي`,
  arrival: `atterri* arrive_a arrivee_a a_l_arrivee debarqu* accueil* recuper* venir_me_chercher m_attendre land landing
    pick_me_up pick_up picked_up meet_me welcome* upon_arrival when_i_arrive mnin_nwsel mli_nwsel nwsel ywsel
    عند_الوصول وصولي نوصل يستقبل* استقبال* ياخدني`,
  definition: `c_est_quoi ca_consiste consiste en_quoi qu_est_ce_que c_est_comment what_is what_s what_does how_does_it_work
    tell_me_about wetin_be chno_hwa chnou_hwa achno ach_hwa chnahowa ما_هو ما_هي ما_هذا شنو شنو_هو اشنو اش_هو`,
  countries: `quels_pays destination* nationalit* which_countries countries what_countries which_country quel_pays
    pays_d_origine الدول البلدان اي_بلد اشمن_بلاد اش_من_بلاد`,
  countryName: `senegal mali guinee guinea cote_d_ivoire ivory_coast cameroun cameroon burkina_faso burkina nigeria congo
    rdc togo niger ghana gambie gambia sierra_leone liberia tchad chad soudan sudan benin gabon conakry abidjan dakar
    bamako السنغال مالي غينيا الكوت_ديفوار ساحل_العاج الكاميرون بوركينا نيجيريا الكونغو`,
  refugee: `refugi* asile demandeur_d_asile hcr unhcr reinstall* refugee* asylum resettle* lluju2 luju2 lujo2 laji2 laje2 لاجئ* اللاجئين لجوء اللجوء
    المفوضيه`,
  comeback: `revenir_au_maroc retourner_au_maroc revenir_ici repartir_en_europe re_migrer remigrer come_back_to_morocco
    return_to_morocco again travel_again migrate_again ban* interdit* interdiction نرجع_للمغرب الرجوع_الى_المغرب العوده_الى_المغرب
    مره_اخرى`,
  reintegration: 'reintegr* reinsert* reintegrat* ادماج* الادماج اعاده_الادماج',
  business: `projet* entreprise* entrepren* commerce* business* boutique* magasin* activite_generatrice revenu salon
    coiffure atelier* elevage ferme shop* store* self_employ* income machrou3 mashrou hanout tijara مشروع* تجاره محل حانوت
    دخل`,
  training: `formation* former apprendre metier* cours atelier* stage* competence* artisanat informatique agricultur*
    training* course* learn* skill* workshop* vocational craft* computer tkwin تكوين التكوين تدريب تعلم نتعلم حرفه مهنه
    صنعه دوره`,
  psych: `psycholog* stress* angoiss* trauma* depress* moral peur anxi* cauchemar* triste* tristesse mental* emotion*
    nightmare* sad sadness fear scared worried worry nervous inquiet* nafsia nafsiya m9elle9 m9alle9 m9le9 m9ale9
    think_too_much thinking_too_much mind_no_dey je_pense_trop mkhlo3 mkhl3 khl3a l9al9 9al9 qal9 مقلق مقلقه مخلوع الخلعه نفسي نفسيه النفسي اكتئاب قلق صدمه خوف الخوف حزن`,
  counselling: `conseil* entretien* seance* preparation prepar* counsel* advice advise session* virtual* visio en_ligne
    online video استشاره نصائح نصيحه جلسه`,
  orientation: 'orientation orienter orient* توجيه التوجيه',
  bring: 'apporter amener ramener emmener prendre_avec_moi bring carry_go wetin_i_go_carry نجيب ندي_معايا njib ndi_m3aya',
  location: `ou_se_trouve ou_sont ou_est vous_etes_ou c_est_ou c_ou ou_ca ou_exactement ou_aller where_is where_are the_nearest nearest le_plus_proche plus_pres
    adresse* bureau* agence* where address* office* location located fin_kayn fin_kayen fin_kaynin فين_كاين اين_يوجد
    مكتب مكاتب عنوان وين_كاين`,
  privacy: `donnees informations_personnelles confidentiel* vie_privee police autorites partag* secret data privacy
    private confidential* share* police authorities lbolis بيانات معلومات* معلوماتي سريه سري الشرطه البوليس السلطات`,
  iom: 'oim iom organisation_internationale_pour_les_migrations nations_unies onu united_nations المنظمه_الدوليه_للهجره',
  vulnerable: `victime* traite trafic* violence* viol abus* exploit* femme_seule vulnerab* survivant* survivor* traffick*
    victim* abuse* exploited ضحيه ضحايا اتجار الاتجار عنف العنف استغلال اغتصاب`,
  appointment: `rendez_vous rdv reserv* fixer_un prendre_un appointment* book* booking schedul* slot maw3id موعد المواعيد
    مواعيد نحجز حجز احجز`,
  cancel: `annul* report* deplacer decal* nbedel nbdel nbdl tbedel tbdel bedel changer_la_date changer_mon cancel* reschedul* postpon* move_my الغاء الغي نلغي تاجيل
    نبدل`,
  human: `agent* conseiller humain quelqu_un_de_reel vraie_personne parler_a_une_personne human* person someone real
    staff caseworker* operator* advisor* shi_wahed chi_wahed شخص موظف انسان بنادم حد مستشار`,
  emergency: `urgence* urgent* danger* secours au_secours agress* bless* saign* convuls* attaque emergency dangerous
    bleed* injur* attack* seizure* ambulance khatar خطر عاجل مستعجل النجده اسعاف الاسعاف نزيف`,
  erase: 'supprim* effac* retirez_toutes retirez_mes enlevez enlever delete* erase* remove* forget mes_donnees my_data mseh احذف حذف مسح امسح احذفوا امسحوا',
  language: `langue parler_en francais anglais arabe darija language speak english french arabic lugha لغه اللغه بالعربيه
    العربيه بالفرنسيه الفرنسيه بالانجليزيه الانجليزيه بالدارجه`,
  // Off-topic cues: things people ask about that share words with the programme (a ticket, money, papers) but
  // are not about returning home. The supervised model learns from the out_of_scope examples how they weigh.
  moneyTransfer: `western_union wafacash moneygram transfert* envoyer_de_l_argent envoyer_l_argent envoyer_des_sous
    send_money sending_money transfer* nsifet nsift sift_lflous نصيفط صيفط تحويل ويسترن`,
  localTransport: `billet_de_car ticket_de_car le_car_pour prendre_le_car bus ctm train taxi tram supratours autocar grand_taxi petit_taxi lkar tran tobis التران الكار طاكسي الطوبيس
    الحافله القطار`,
  residency: `carte_de_sejour titre_de_sejour permis_de_travail residence_permit residence_card work_permit visa* schengen
    nationalite naturalis* regularis* mariage marier married marriage compte_bancaire bank_account banque bank
    بطاقه_الاقامه الاقامه تاشيره الفيزا فيزا الجنسيه الزواج البنك لاكارط zwaj zawaj permis_de_conduire driving_licence
    driving_license driving_test birmi lbirmi البيرمي رخصه_السياقه`,
  housing: `proprietaire bailleur louer location_d_appartement appartement rent renting landlord lkra kra كراء الكراء
    مول_الدار`,
  // Cities and countries people fly to for holidays or trade, not as a return home nor on the migrants' road
  // (Spain, Europe) nor for resettlement (Canada): a flight price to one of them is out of scope.
  abroad: `paris france rome italie italy usa amerique america istanbul turquie turkey dubai londres london allemagne
    germany belgique bruxelles fransa فرنسا باريس ايطاليا تركيا اسطنبول دبي لندن`,
  leisure: `vacance* holiday* touris* sightseeing l3otla 3otla ntsara عطله العطله سياحه السياحه للسياحه نتسارا`,
  sport: `match foot football can coupe_du_monde world_cup worldcup mondial afcon coupe_d_afrique stade champions_league joue_contre gagne_contre won_against beat vs versus who_win who_won qui_a_gagne
    ماتش الماتش المباراه مباراه الكره كره_القدم lmatch`,
  greeting: 'bonjour salut bonsoir coucou hello hi hey salam slm salamo alaykoum مرحبا السلام سلام اهلا',
  thanks: `merci thanks thank tank_you tanks tenk* tanku au_revoir bye goodbye shukran choukran chokran baraka_llah ikhalik شكرا بارك_الله يعطيك
    مع_السلامه`,
} as const satisfies Record<string, string>;

/**
 * Concepts carried by two words near each other rather than by one word or a fixed phrase: people put words in
 * between ("mes papiers sont expirés depuis 3 ans", "revenir légalement au Maroc"). A frame is found when a word of
 * `first` and a word of `second` (terms written as in {@link CONCEPT_LEXICON}, `*` for a prefix) are at most
 * `window` words apart, in either order.
 */
export const CONCEPT_FRAMES = {
  // Residence papers or a visa that ran out: a question of who may return (eligibility), not of travel documents;
  // a passport that expired is the documents question, so passports are not in `first`.
  staleStatus: {
    first: `papier* sejour visa* titre carte wraq lwraq lwra9 residence permit status اوراق الاوراق لوراق الاقامه اقامه فيزا الفيزا
      تاشيره التاشيره لاكارط`,
    second: `expir* perim* fini finis plus_valable valable valid invalid overstay* ran_out salat sala mat انتهت منتهيه انتهى
      سالات فاتت`,
    window: 4,
    // Papers that ran out leave one without papers: the many "sans papiers" eligibility examples taught that concept.
    marks: 'undocumented',
  },
  // Coming back to Morocco after the return: the later-migration question.
  backToMorocco: {
    first: `revenir reviens revient revenu* reven* rentrer_a_nouveau re_entrer reentrer come_back coming_back came_back
      go_back_to travel_back nrja3 nrje3 nrjea nrjaa rje3 rjea نرجع نعود العوده الرجوع ندخل دخول`,
    second: `maroc morocco lmaghrib lmghrib maghrib mghrib rabat casa casablanca tanger tangier oujda nador fes marrakech
      المغرب للمغرب لمغرب`,
    window: 4,
  },
  // Someone asked for a sum to put a name on the list: the cost question (the return is free), not registering. It
  // marks `pay`, whose weights the many cost examples taught, as one example only told of such a demand.
  askedForMoney: {
    first: 'demand* reclam* exig* asked ask* asking tlbo tlbou tlab طلب* طالب*',
    second: 'dirham* dh dhs euro* fcfa cfa francs sous درهم* دراهم',
    window: 4,
    marks: 'pay',
  },
  // An age under 18 told as a number ("j'ai 16 ans", "i am 17", "a boy of 15", "3ndi 15 3am", "عمري 16 سنة"): the minors' question. Only
  // having or being an age, never "il y a 15 ans" or "depuis 12 ans" (a time).
  underAge: {
    first: 'ai am m aged age agee of andi ando andha عندي عندو عندها عمري عمره عمرها',
    second: '10 11 12 13 14 15 16 17',
    window: 1,
    marks: 'minor',
  },
  // A business, training or job in Morocco: not the reintegration at home (out of scope, or who may return).
  activityHere: {
    first: `commerce* business* boutique* projet* entreprise* formation* training* course* cours job* emploi* travail travailler
      work working khdma tkwin shop* store* hanout* magasin* مشروع* تكوين خدمه عمل`,
    second: 'ici here hna au_maroc in_morocco f_lmghrib fl_mghrib f_lmaghrib فالمغرب بالمغرب هنا',
    window: 3,
  },
} as const satisfies Record<string, { readonly first: string; readonly second: string; readonly window: number; readonly marks?: string }>;

/** One concept name from {@link CONCEPT_LEXICON}, {@link CONCEPT_FRAMES} or the topic model's own (topicConcepts.ts). */
export type Concept = keyof typeof CONCEPT_LEXICON | keyof typeof CONCEPT_FRAMES | keyof typeof TOPIC_CONCEPTS;
