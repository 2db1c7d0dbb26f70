import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { FaqEntry } from '../../src/domain/content/faqEntry.js';
import { buttonValues, dialogHarness, fixedContent, tableUnderstander } from '../helpers/dialogHarness.js';

const cost = (lang: 'fr' | 'en' | 'ar', answer: string): FaqEntry => ({
  id: 'avrr.cost',
  lang,
  title: 'cost',
  examples: ['x'],
  answer,
  followUps: ['faq:avrr.register', 'intent.book'],
});
const register = (lang: 'fr' | 'en' | 'ar'): FaqEntry => ({ id: 'avrr.register', lang, title: `register-${lang}`, examples: ['x'], answer: 'reg', followUps: [] });
const content = fixedContent([cost('fr', 'Le retour est gratuit.'), cost('en', 'Return is free.'), cost('ar', 'العودة مجانية.'), register('fr'), register('en'), register('ar')]);

const understander = tableUnderstander({
  bonjour: { id: 'intent.greeting', lang: 'fr', score: 0.9 },
  hello: { id: 'intent.greeting', lang: 'en', score: 0.9 },
  'مرحبا': { id: 'intent.greeting', lang: 'ar', score: 0.9 },
  "c'est gratuit ?": { id: 'avrr.cost', lang: 'fr', score: 0.9 },
  'is it free?': { id: 'avrr.cost', lang: 'en', score: 0.9 },
  'هل العودة مجانية؟': { id: 'avrr.cost', lang: 'ar', score: 0.9 },
  'can you speak english?': { id: 'intent.language', lang: 'en', score: 0.9 },
  'le billet?': { id: null, lang: 'fr', score: 0.4, candidates: [{ id: 'avrr.cost', score: 0.4 }, { id: 'avrr.register', score: 0.3 }] },
  'quel temps fait-il ?': { id: null, lang: 'fr', score: 0.05 },
  'supprimez mes données': { id: 'intent.delete_data', lang: 'fr', score: 0.9 },
  'au secours': { id: 'intent.emergency', lang: 'fr', score: 0.9 },
});

/** Sends each user turn and collects the bot's replies of that turn. */
async function transcript(turns: Array<string | Partial<Activity>>, recorded?: Array<{ text: string; lang: string }>) {
  const { adapter } = await dialogHarness({ understander, content, recorded: recorded as never });
  const out: Partial<Activity>[][] = [];
  for (const turn of turns) {
    const before = adapter.activeQueue.length;
    await adapter.receiveActivity(turn);
    out.push(adapter.activeQueue.splice(before));
  }
  return out;
}

describe('RootDialog', () => {
  it('welcomes a new web chat user with what it does, a privacy line and the language choice', async () => {
    const [welcome] = await transcript([{ type: 'conversationUpdate', membersAdded: [{ id: 'user1', name: 'x' }] }]);
    expect(welcome).toHaveLength(2);
    expect(welcome?.[0]?.text).toContain('retour volontaire');
    expect(welcome?.[0]?.text).toContain('supprimer mes données');
    expect(buttonValues(welcome![1]!)).toEqual(['lang:fr', 'lang:en', 'lang:ar']);
  });

  it.each([
    ['ar-SA', 'ar', 'مرحبا'],
    ['en-US', 'en', 'Hello'],
    ['fr-FR', 'fr', 'Bonjour'],
    ['de-DE', 'fr', 'Bonjour'],
  ])('welcomes a client whose locale is %s in %s, before the user writes anything', async (locale, lang, start) => {
    const [welcome] = await transcript([{ type: 'conversationUpdate', locale, membersAdded: [{ id: 'user1', name: 'x' }] }]);
    expect(welcome?.[0]?.locale).toBe(lang);
    expect(welcome?.[0]?.text?.startsWith(start)).toBe(true);
    expect(welcome?.[1]?.locale).toBe(lang);
  });

  it.each([
    ['bonjour', 'fr', 'Bonjour'],
    ['hello', 'en', 'Hello'],
    ['مرحبا', 'ar', 'مرحبا'],
  ])('greets a first "%s" in %s', async (text, lang, start) => {
    const [replies] = await transcript([text]);
    expect(replies?.[0]?.locale).toBe(lang);
    expect(replies?.[0]?.text?.startsWith(start)).toBe(true);
  });

  it('answers a known question in the language of the message, with follow-up buttons', async () => {
    const [, fr, en, ar] = await transcript(['bonjour', "c'est gratuit ?", 'is it free?', 'هل العودة مجانية؟']);
    expect(fr?.[0]?.text).toBe('Le retour est gratuit.');
    expect(buttonValues(fr![0]!)).toEqual(['faq:avrr.register', 'intent.book', 'menu']);
    expect(en?.[0]).toMatchObject({ text: 'Return is free.', locale: 'en' });
    expect(ar?.[0]).toMatchObject({ text: 'العودة مجانية.', locale: 'ar' });
  });

  it('switches language from a button, by name, or on request, and remembers it', async () => {
    const [, viaButton, afterButton, byName, onRequest] = await transcript(['bonjour', 'lang:ar', 'menu', 'Français', 'can you speak english?']);
    expect(viaButton?.[0]).toMatchObject({ locale: 'ar', text: 'حسنا، سأجيبك بالعربية.' });
    expect(afterButton?.[0]?.locale).toBe('ar');
    expect(byName?.[0]).toMatchObject({ locale: 'fr', text: "D'accord, je vous réponds en français." });
    expect(onRequest?.[0]).toMatchObject({ locale: 'en', text: 'OK, I will answer in English.' });
  });

  it('offers "did you mean" when unsure, and records the question when none fits', async () => {
    const recorded: Array<{ text: string; lang: string }> = [];
    const [, unsure, none] = await transcript(['bonjour', 'le billet?', 'none'], recorded);
    expect(unsure?.[0]?.text).toContain('Vous voulez parler de');
    expect(buttonValues(unsure![0]!)).toEqual(['faq:avrr.cost', 'faq:avrr.register', 'none']);
    expect(none?.[0]?.text).toContain('je ne connais pas la réponse');
    expect(recorded).toEqual([{ text: 'le billet?', lang: 'fr' }]);
  });

  it('says honestly it does not know, offers people, and records the question', async () => {
    const recorded: Array<{ text: string; lang: string }> = [];
    const [, dontKnow] = await transcript(['bonjour', 'quel temps fait-il ?'], recorded);
    expect(dontKnow?.[0]?.text).toContain('je ne connais pas la réponse');
    expect(buttonValues(dontKnow![0]!)).toEqual(['intent.human', 'intent.book', 'menu']);
    expect(recorded).toHaveLength(1);
  });

  it('answers input it cannot handle (empty, unknown attachment) politely with the menu', async () => {
    const [, empty] = await transcript(['bonjour', { type: 'message', text: '' }]);
    expect(empty?.[0]?.text).toContain("je n'ai pas bien compris");
    expect(buttonValues(empty![0]!)).toContain('intent.book');
  });

  it('answers a voice note kindly and offers a person', async () => {
    const [, voice] = await transcript(['bonjour', { type: 'message', text: '', channelData: { messageKind: 'voice', mediaId: 'm1' } }]);
    expect(voice?.[0]?.text).toContain('messages vocaux');
    expect(buttonValues(voice![0]!)).toEqual(['intent.human', 'menu']);
  });

  it('keeps the media id of a voice note for the caseworker', async () => {
    const { adapter, storage } = await dialogHarness({ understander, content });
    await adapter.receiveActivity('bonjour');
    await adapter.receiveActivity({ type: 'message', text: '', channelData: { messageKind: 'voice', mediaId: 'wamid-media-1' } });
    const key = `${adapter.conversation.channelId}/conversations/${adapter.conversation.conversation.id}/`;
    const items = await storage.read([key]);
    expect(items[key]?.memory?.media).toEqual([expect.objectContaining({ kind: 'voice', mediaId: 'wamid-media-1' })]);
  });

  it('ignores reactions without a reply', async () => {
    const [, reaction] = await transcript(['bonjour', { type: 'message', text: '', channelData: { messageKind: 'reaction', emoji: '👍' } }]);
    expect(reaction).toEqual([]);
  });

  it('points to emergency services without inventing a number', async () => {
    const [, emergency] = await transcript(['bonjour', 'au secours']);
    expect(emergency?.[0]?.text).toContain('urgences');
    expect(emergency?.[0]?.text).not.toMatch(/\d{2,}/);
  });

  it('deletes the data after confirmation, then treats the user as new', async () => {
    const [, confirm, done, again] = await transcript(['bonjour', 'supprimez mes données', 'yes', 'bonjour']);
    expect(buttonValues(confirm![0]!)).toEqual(['yes', 'no']);
    expect(done?.[0]?.text).toContain('effacées');
    expect(again?.[0]?.text).toContain('retour volontaire'); // welcomed again
  });

  it('lets a question interrupt the delete confirmation without deleting', async () => {
    const [, , answer, later] = await transcript(['bonjour', 'supprimez mes données', "c'est gratuit ?", 'menu']);
    expect(answer?.[0]?.text).toBe('Le retour est gratuit.');
    expect(later?.[0]?.text).toBe('Que voulez-vous faire ?');
  });

  it('apologises in the user language when a turn fails, and recovers', async () => {
    const broken = { understand: () => { throw new Error('boom'); } };
    const { adapter } = await dialogHarness({ understander: broken, content });
    await adapter.receiveActivity('lang:en');
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity('anything');
    expect(adapter.activeQueue[0]?.text).toContain('technical problem');
    adapter.activeQueue.splice(0);
    await adapter.receiveActivity('menu');
    expect(adapter.activeQueue[0]?.text).toBe('What would you like to do?');
  });
});
