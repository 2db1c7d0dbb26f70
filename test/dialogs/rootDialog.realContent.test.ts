import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/domain/content/contentLoader.js';
import type { ContentSnapshot } from '../../src/domain/content/contentSnapshot.js';
import { createMatcher } from '../../src/domain/nlu/matcher.js';
import { buttonValues, dialogHarness, fixedContent } from '../helpers/dialogHarness.js';

let snapshot: ContentSnapshot;
let matcher: ReturnType<typeof createMatcher>;
beforeAll(() => {
  const loaded = loadContent('locales');
  expect(loaded.errors).toEqual([]);
  snapshot = loaded.snapshot!;
  matcher = createMatcher(snapshot);
});

/** The real bot on the shipped content and matcher; returns each turn's replies. */
async function talk(...turns: string[]) {
  const recorded: Array<{ text: string; lang: string }> = [];
  const { adapter } = await dialogHarness({
    understander: matcher,
    content: fixedContent([...snapshot.faq]),
    recorded: recorded as never,
  });
  const out: Partial<Activity>[][] = [];
  for (const turn of turns) {
    const before = adapter.activeQueue.length;
    await adapter.receiveActivity(turn);
    out.push(adapter.activeQueue.splice(before));
  }
  return { out, recorded };
}

describe('RootDialog on the shipped content', () => {
  it.each([
    ['bonjour', "c'est gratuit le retour ?", 'fr'],
    ['hello', 'is the return free?', 'en'],
    ['مرحبا', 'هل العودة مجانية؟', 'ar'],
  ])('answers a real question confidently in the language of the message (%s)', async (hello, question, lang) => {
    const { out } = await talk(hello, question);
    const answer = out[1]?.[0];
    expect(answer?.locale).toBe(lang);
    expect(answer?.text).toBe(snapshot.faq.find((e) => e.id === 'avrr.cost' && e.lang === lang)?.answer);
    expect(buttonValues(answer!)).toContain('menu');
  });

  it('says it does not know about football, records the question, and offers people', async () => {
    const { out, recorded } = await talk('bonjour', 'qui va gagner le match des Lions de l’Atlas ce soir ?');
    expect(out[1]?.[0]?.text).toContain('je ne connais pas la réponse');
    expect(buttonValues(out[1]![0]!)).toContain('intent.human');
    expect(recorded).toHaveLength(1);
  });

  it('switches to English when asked in French, and answers in English afterwards', async () => {
    const { out } = await talk('bonjour', 'vous parlez anglais ?', 'menu');
    expect(out[1]?.[0]?.locale).toBe('en');
    expect(out[2]?.[0]?.locale).toBe('en');
  });

  it('answers every catalogue topic in every language with its own entry', () => {
    for (const id of Object.keys(snapshot.catalogue.faq)) {
      for (const lang of ['fr', 'en', 'ar'] as const) expect(snapshot.faq.some((e) => e.id === id && e.lang === lang), `${id} ${lang}`).toBe(true);
    }
  });
});
