import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/domain/nlu/languageDetector.js';

describe('detectLanguage', () => {
  it.each([
    ['Est-ce que le retour est gratuit ?', 'fr'],
    ['slt c koi le programme stp', 'fr'],
    ["on dit quoi, c'est comment pour rentrer au pays ?", 'fr'],
    ['JE VEUX RENTRER CHEZ MOI', 'fr'],
    ['Is the return free of charge?', 'en'],
    ['pls how do i register', 'en'],
    ['هل العودة مجانية؟', 'ar'],
    ['واش خاصني باسبور باش نرجع لبلادي', 'ar'],
    ['chno khasni ndir bach nbda l process dyal retour?', 'ar'],
    ['wach kayn chi flous mnin nrje3 l bladi', 'ar'],
    ['3afak bghit nrje3 l lbled', 'ar'],
    ['salam khoya kifach ndir rendez-vous', 'ar'],
    ['gbê, le retour la c gratuit ou bien', 'fr'],
    ['good morning', 'en'],
    ['ana m3a mrati o 2 dyal drari, wach nqdro nrj3o kamlin', 'ar'],
    ['هَلْ يُمْكِنُنِي الْعَوْدَةُ مَعَ زَوْجَتِي؟', 'ar'],
    ['wa fin kaynin l bureau dyalkom f casa?', 'ar'],
    ['lbillet fabor wla khassni nkhelles', 'ar'],
    // Darija verbs and words beside French loan words ("rendez-vous", "merci") still mean Darija.
    ['bghit nakhod rendez-vous', 'ar'],
    ['merci bzaf, bslama', 'ar'],
    ['kolchi mzyan, mazal ma3reftch fin ghadi nmchi', 'ar'],
    // Darija carrying French nouns and phrases is still Darija: the reply is in Arabic.
    ['est ce que ghadi t3tiwni le billet', 'ar'],
    ['la formation c est pour combien de temps 3afak', 'ar'],
    ['wach la réintégration kat3tiw fiha l argent cash', 'ar'],
    ['fin kayn lbureau dyal oim f rabat', 'ar'],
    ['ana deja dert rendez-vous chno next', 'ar'],
    ['mabghitch nsafer daba', 'ar'],
    ['kanfker nkhlles ldossier', 'ar'],
    // Phonetic, SMS and Nouchi French stays French; Nigerian Pidgin and SMS English stay English.
    ['mwa je ve rantre o pei kom sa se gratui', 'fr'],
    ['sa pran konbien de tan pour parti', 'fr'],
    ['on dit koi gbe le retour la c comment', 'fr'],
    ['wallah je suis fatigué de rester ici', 'fr'],
    ['je parle un peu darija mais je prefere francais', 'fr'],
    ['abeg wetin i go do make i register', 'en'],
    ['my pikin dey sick can she travel', 'en'],
    ['hw mch e go cost me', 'en'],
    ['wallahi i dey suffer for here abeg help me go home', 'en'],
    // Content words alone are told by their endings.
    ['funding eligibility', 'en'],
    ['hopitaux gratuits', 'fr'],
    ['support for returnees', 'en'],
    ['health problem', 'en'],
    ['ils me cherchent', 'fr'],
    ['marrakech ou rabat', 'fr'],
    // Darija's words of time and its spellings of towns outweigh one French loan word.
    ['rdv f rbat ghda', 'ar'],
    ['3ndi rendez-vous lyoum', 'ar'],
    ['je serai à Rabat la semaine prochaine', 'fr'],
    // One English word in a French sentence, and English verbs in Nouchi, leave it French; Pidgin stays English.
    ['je veux rentrer mais mon passport est perdu', 'fr'],
    ['bonjour, est-ce que le ticket est free', 'fr'],
    ['moi je veux go au pays, c est comment', 'fr'],
    ['I wan go home, wetin I go do', 'en'],
  ] as const)('%s → %s', (text, lang) => {
    for (const fallback of ['fr', 'en', 'ar'] as const) expect(detectLanguage(text, fallback).lang).toBe(lang);
  });

  it('keeps the conversation language for short or ambiguous messages', () => {
    for (const text of ['ok', '?', 'Casablanca', '👍', '123', 'go']) {
      expect(detectLanguage(text, 'en').lang).toBe('en');
      expect(detectLanguage(text, 'ar').lang).toBe('ar');
      expect(detectLanguage(text, 'fr').lang).toBe('fr');
    }
  });

  it('does not switch to Arabic for "salam" or "inchallah" alone, which West Africans use in French too', () => {
    expect(detectLanguage('salam', 'fr').lang).toBe('fr');
    expect(detectLanguage('salam', 'en').lang).toBe('en');
    expect(detectLanguage('inchallah je vais rentrer au mali', 'en').lang).toBe('fr');
    expect(detectLanguage('salam alikoum, labas?', 'fr').lang).toBe('ar');
    expect(detectLanguage('jazak allah khayran brother, thank you so much', 'fr').lang).toBe('en');
    expect(detectLanguage("I've been waiting, you've said a week", 'fr').lang).toBe('en');
  });

  it('reads Darija in Latin letters that borrows French words as Arabic, by the shapes of its words', () => {
    for (const text of ['wach lbillet gratuit wla khassni nkhlles', 'ana mabghitch nmchi daba', 'f l orientation chno kaygoulo', 'sjelt walakin bdelt rayi, nrje3 mn ba3d', 'allah ybarek fik'])
      expect(detectLanguage(text, 'fr').lang, text).toBe('ar');
    // French with names and words that look alike stays French.
    for (const text of ['je m appelle Khalil et je veux rentrer', 'le kayak c est combien', 'je suis lloyd, je veux m inscrire']) expect(detectLanguage(text, 'fr').lang, text).toBe('fr');
  });

  it('reads two words glued by a missing space, and a strong Darija word one slip away', () => {
    for (const [text, lang] of [
      ['wachkayn?', 'ar'],
      ['bghiy ticket', 'ar'],
      ['cancel myappointment', 'en'],
    ] as const)
      expect(detectLanguage(text, 'fr').lang === lang && detectLanguage(text, lang === 'ar' ? 'en' : 'ar').lang === lang, text).toBe(true);
    // French cognates of English words one letter apart are not read as English, nor towns as Darija.
    expect(detectLanguage('passeport?', 'ar').lang).toBe('ar');
    expect(detectLanguage('rabat', 'en').lang).toBe('en');
  });

  it('reads Nigerian Pidgin as English', () => {
    for (const text of ['abeg wetin i go do', 'how long dis ting go take', 'una dey help people?']) expect(detectLanguage(text, 'fr').lang, text).toBe('en');
  });

  it('reports a low confidence when it falls back', () => {
    expect(detectLanguage('ok', 'fr').confidence).toBeLessThan(0.45);
    expect(detectLanguage('Est-ce que le retour est gratuit ?', 'en').confidence).toBeGreaterThan(0.6);
  });

  it('treats Arabic script with a few Latin words as Arabic', () => {
    expect(detectLanguage('واش OIM كتعطي الفلوس؟', 'fr').lang).toBe('ar');
  });
});
