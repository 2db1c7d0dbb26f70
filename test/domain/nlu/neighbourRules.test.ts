import { describe, expect, it } from 'vitest';
import { applyNeighbourRules, NEIGHBOUR_RULES } from '../../../src/domain/nlu/neighbourRules.js';
import type { Candidate } from '../../../src/domain/nlu/understanding.js';

const ranking = (...ids: string[]): Candidate[] => ids.map((id, i) => ({ id, score: 0.5 - i * 0.1 }));
const decided = (text: string, ...ids: string[]) => applyNeighbourRules(text, ranking(...ids))[0]!.id;

describe('neighbour rules', () => {
  it('reads a want that stopped, bearing on the appointment, as a cancellation', () => {
    for (const text of ['je veux plus mon créneau de mardi', 'the appointment, I do not need it anymore', 'مابقيتش بغيت الموعد', 'ma bqitch bghit lmaw3id'])
      expect(decided(text, 'intent.book', 'intent.cancel'), text).toBe('intent.cancel');
    // The same want, not stopped, stays a booking.
    expect(decided('il me faut mon rdv du mardi', 'intent.book', 'intent.cancel')).toBe('intent.book');
    // A stopped want of the return is not about the appointment.
    expect(decided('franchement je veux plus partir au pays', 'avrr.voluntary', 'intent.cancel')).toBe('avrr.voluntary');
  });

  it('reads a bare "I don\'t want it any more" as a cancellation, wherever the model ranked it', () => {
    expect(decided("j'en veux plus", 'avrr.register', 'intent.human', 'reintegration.business', 'intent.delete_data', 'intent.book', 'intent.cancel')).toBe('intent.cancel');
    expect(decided("j'en veux plus de ce pays, je veux rentrer", 'avrr.register', 'intent.cancel')).toBe('avrr.register');
  });

  it('never argues a possible emergency away', () => {
    expect(decided("j'en veux plus", 'intent.emergency', 'intent.cancel')).toBe('intent.emergency');
  });

  it('tells another place from another day when someone cannot come', () => {
    expect(decided("c'est loin pour moi, y a un autre bureau ?", 'intent.cancel', 'orientation.locations')).toBe('orientation.locations');
    expect(decided('I cannot come, do you have another office nearer?', 'intent.cancel', 'orientation.locations')).toBe('orientation.locations');
    expect(decided('je peux pas venir, un autre jour dans un autre bureau ?', 'intent.cancel', 'orientation.locations')).toBe('intent.cancel');
  });

  it('reads a request for an appointment with no change or absence as a booking', () => {
    for (const text of ['book me in for wednesday afternoon', 'abeg fix me one day for this month', 'donnez moi un rdv', 'I need an appointment next month'])
      expect(decided(text, 'intent.cancel', 'intent.book'), text).toBe('intent.book');
    for (const text of ['book me for another day, I cannot come monday', 'un rendez-vous ? non en fait je veux plus celui du 12'])
      expect(decided(text, 'intent.cancel', 'intent.book'), text).toBe('intent.cancel');
  });

  it('reads not being able to come on a day, or moving it, as a cancellation', () => {
    for (const text of ['I no fit come tomorrow', 'je pourrai pas venir jeudi', 'cannot make it, can you shift it'])
      expect(decided(text, 'avrr.eligibility', 'intent.cancel'), text).toBe('intent.cancel');
    expect(decided('je peux pas venir chez vous avec ma jambe cassée', 'avrr.health', 'intent.cancel')).toBe('avrr.health');
  });

  it('tells removing one\'s data from not wanting it removed', () => {
    for (const text of ['retirez toutes mes coordonnées', 'erase all my details you hold, thanks', 'عافاك امسح المعلومات ديالي كاملة'])
      expect(decided(text, 'privacy.data', 'intent.delete_data'), text).toBe('intent.delete_data');
    // Leaving the programme ("retirer mon dossier") is not a deletion.
    expect(decided('je veux retirer mon dossier', 'avrr.voluntary', 'intent.delete_data')).toBe('avrr.voluntary');
    for (const text of ['je veux pas supprimer, juste savoir où elles sont stockées mes données', "I don't want to erase it, who can read it?"])
      expect(decided(text, 'intent.delete_data', 'privacy.data'), text).toBe('privacy.data');
  });

  it('reads a person who would write, call or answer as a request for a human, but not someone to talk to', () => {
    for (const text of ["un humain qui pourrait m'appeler, ça existe ?", 'is there somebody who can reply to me', 'passe moi vite un conseiller de l équipe'])
      expect(decided(text, 'avrr.eligibility', 'intent.human'), text).toBe('intent.human');
    expect(decided('is there someone to talk to about my nightmares', 'reintegration.psychosocial', 'intent.human')).toBe('reintegration.psychosocial');
  });

  it('tells what a return is from who the organisation is', () => {
    expect(decided("un retour organisé avec une association, ma cousine dit, c'est quoi ?", 'iom.who', 'avrr.what')).toBe('avrr.what');
    expect(decided("un retour avec une association, c'est qui ?", 'iom.who', 'avrr.what')).toBe('iom.who');
    expect(decided('IOM: what is this thing, tell me', 'avrr.what', 'iom.who')).toBe('iom.who');
    expect(decided("c'est quoi le programme de l'OIM", 'avrr.what', 'iom.who')).toBe('avrr.what');
  });

  it('reads whether one qualifies, a country as context, as eligibility; which kind of class as training', () => {
    expect(decided('my uncle wants to go home to Togo, is he eligible?', 'avrr.countries', 'avrr.eligibility')).toBe('avrr.eligibility');
    expect(decided('you do Togo?', 'avrr.countries', 'avrr.eligibility')).toBe('avrr.countries');
    expect(decided('which kind of course do you give', 'reintegration.business', 'reintegration.training')).toBe('reintegration.training');
    expect(decided('I want to open a shop, not a course', 'reintegration.business', 'reintegration.training')).toBe('reintegration.business');
  });

  it('reads stopping one\'s file as the voluntary question, whatever the story; not an arrest', () => {
    for (const text of ['ma tante pleure, je veux tout arrêter', 'can I pause my registration until my wife agrees', 'بغيت نوقف الملف'])
      expect(decided(text, 'avrr.family', 'avrr.voluntary'), text).toBe('avrr.voluntary');
    expect(decided("la police m'a arrêté hier, ma famille a peur", 'avrr.family', 'avrr.voluntary')).toBe('avrr.family');
  });

  it('reads coming back to Morocco as the comeback question, not the programme\'s name', () => {
    for (const text of ['une fois au pays je pourrai revenir un jour au Maroc ?', 'هل يمكن الرجوع إلى المغرب بعد سنة', 'can I return to Morocco later'])
      expect(decided(text, 'avrr.eligibility', 'avrr.comeback'), text).toBe('avrr.comeback');
    expect(decided('le retour volontaire au Maroc, je peux en bénéficier ?', 'avrr.eligibility', 'avrr.comeback')).toBe('avrr.eligibility');
  });

  it('reads what else after arriving as the reintegration question', () => {
    expect(decided("et après l'arrivée, quoi d'autre ?", 'avrr.travel', 'reintegration.what')).toBe('reintegration.what');
    expect(decided("après l'arrivée, qui vient nous chercher ?", 'avrr.travel', 'reintegration.what')).toBe('avrr.travel');
  });

  it('keeps the scores the model gave, swapped between the two ids', () => {
    const model: Candidate[] = [
      { id: 'intent.cancel', score: 0.5 },
      { id: 'intent.book', score: 0.25 },
      { id: 'avrr.cost', score: 0.125 },
    ];
    expect(applyNeighbourRules('book me in for the 3rd', model).map((c) => [c.id, c.score])).toEqual([
      ['intent.book', 0.5],
      ['intent.cancel', 0.25],
      ['avrr.cost', 0.125],
    ]);
    expect(NEIGHBOUR_RULES.every((r) => r.name.length > 0)).toBe(true);
  });
});
