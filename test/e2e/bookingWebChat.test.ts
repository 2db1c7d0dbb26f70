import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, waitFor, type AppProcess } from '../helpers/appProcess.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

let app: AppProcess;
beforeAll(async () => {
  app = await startApp({});
}, afterAppStarts(1, 30_000));
afterAll(async () => void (await app?.stop()));

type Activity = { type: string; text?: string; from: { role?: string }; suggestedActions?: { actions: Array<{ value: string }> } };

/** A web chat user talking to the real app over the Direct Line API. */
async function webChatUser(userId: string) {
  const res = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST' });
  const { conversationId, token } = (await res.json()) as { conversationId: string; token: string };
  let watermark = '0';
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const read = async () => {
    const page = (await (await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { headers })).json()) as { activities: Activity[]; watermark: string };
    return page;
  };
  /** Sends `text` and waits for a bot reply whose text or choices contain `expected`. */
  const say = async (text: string, expected: string): Promise<Activity> => {
    const post = await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers, body: JSON.stringify({ type: 'message', from: { id: userId }, text }) });
    expect(post.ok).toBe(true);
    let found: Activity | undefined;
    await waitFor(async () => {
      const page = await read();
      found = page.activities.filter((a) => a.from.role === 'bot').find((a) => (a.text ?? '').includes(expected) || (a.suggestedActions?.actions ?? []).some((x) => String(x.value).startsWith(expected)));
      if (found) watermark = page.watermark;
      return found !== undefined;
    }, 20_000, `a reply with ${expected} after "${text}"`);
    return found!;
  };
  const choices = (a: Activity, prefix: string) => (a.suggestedActions?.actions ?? []).map((x) => String(x.value)).filter((v) => v.startsWith(prefix));
  return { say, choices };
}

describe('booking over the web chat, end to end (Direct Line HTTP → real app)', () => {
  it.each([
    ['fr', 'web-fr', '06 12 34 56 78', 'ne semble pas valide', 'Référence'],
    ['en', 'web-en', '+225 07 12 34 56 78', 'does not look valid', 'Reference'],
    ['ar', 'web-ar', '0712345678', 'لا يبدو صحيحا', 'المرجع'],
  ])('books in %s, re-asking an invalid phone number', async (lang, userId, phone, badPhone, refWord) => {
    const u = await webChatUser(userId);
    await u.say(`lang:${lang}`, 'intent.book');
    await u.say('intent.book', 'book:point:rabat');
    const days = await u.say('book:point:rabat', 'book:day:');
    const times = await u.say(u.choices(days, 'book:day:')[1]!, 'book:slot:');
    await u.say(u.choices(times, 'book:slot:').at(-1)!, 'book:cancel');
    await u.say('Fatou', 'book:nationality:');
    await u.say('book:nationality:GN', 'book:skip');
    await u.say('12 34', badPhone);
    await u.say(phone, 'book:consent:yes');
    await u.say('book:consent:yes', 'book:count:');
    for (const [send, next] of [['book:skip', 'book:count:0'], ['book:skip', 'book:document:'], ['book:document:other_id', 'book:medical:'], ['book:medical:yes', 'book:confirm']]) await u.say(send!, next!);
    const done = await u.say('book:confirm', refWord);
    expect(done.text).toMatch(/[34679ACDEFGHJKMNPQRTWXY]{6}/);
  }, 120_000);
});
