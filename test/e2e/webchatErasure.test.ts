import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { startApp, waitFor, type AppProcess } from '../helpers/appProcess.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

interface Activity {
  id: string;
  type: string;
  text?: string;
  from: { role?: string };
  replyToId?: string;
}

/** A Direct Line client as Web Chat is one: a WebSocket for what arrives, REST for what it sends. */
async function openConversation(app: AppProcess) {
  const started = (await (await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"locale":"fr-FR"}' })).json()) as {
    conversationId: string;
    token: string;
    streamUrl: string;
  };
  const streamed: Activity[] = [];
  const watermarks: number[] = [];
  const ws = new WebSocket(started.streamUrl);
  ws.on('message', (data) => {
    const set = JSON.parse(String(data)) as { activities: Activity[]; watermark: string };
    streamed.push(...set.activities);
    watermarks.push(Number(set.watermark));
  });
  await new Promise((resolve) => ws.once('open', resolve));
  const post = async (text: string) => {
    const res = await fetch(`${app.url}/v3/directline/conversations/${started.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
      body: JSON.stringify({ type: 'message', text, locale: 'fr-FR', from: { id: 'me' } }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { id: string }).id;
  };
  /** Waits for the bot's first reply to the activity `id`, on the stream. */
  const replyTo = async (id: string) => {
    await waitFor(() => streamed.some((a) => a.replyToId === id && a.type === 'message'), 15_000, `a reply to ${id}`);
    return streamed.find((a) => a.replyToId === id && a.type === 'message') as Activity;
  };
  const poll = async (watermark: number) =>
    (await (await fetch(`${app.url}/v3/directline/conversations/${started.conversationId}/activities?watermark=${watermark}`, { headers: { authorization: `Bearer ${started.token}` } })).json()) as {
      activities: Activity[];
      watermark: string;
    };
  return { ...started, ws, streamed, watermarks, post, replyTo, poll };
}

describe.each([
  ['the embedded memory store', () => ({})],
  ['Redis', () => ({ REDIS_URL: inject('redisUrl'), KEY_PREFIX: uniquePrefix('erase') })],
])('web chat after "delete my data" on %s', { timeout: 90_000 }, (_store, env) => {
  let app: AppProcess;
  beforeAll(async () => {
    app = await startApp(env());
  }, afterAppStarts(1, 30_000));
  afterAll(async () => {
    await app?.stop();
  });

  it('delivers the confirmation, then keeps answering with monotonic watermarks', async () => {
    const c = await openConversation(app);
    await waitFor(() => c.streamed.length >= 2, 15_000, 'the welcome');
    await c.replyTo(await c.post('bonjour'));
    const ask = await c.replyTo(await c.post('supprimer mes données'));
    expect(ask.text).toMatch(/effacer/);

    const yes = await c.post('yes');
    const confirmation = await c.replyTo(yes);
    expect(confirmation.text).toMatch(/effacées/);

    const after = await c.post('bonjour');
    expect(Number(after.split('|')[1])).toBeGreaterThan(Number(confirmation.id.split('|')[1]));
    const reply = await c.replyTo(after);
    expect(reply.text).toBeTruthy();
    for (let i = 1; i < c.watermarks.length; i++) expect(c.watermarks[i]).toBeGreaterThan(c.watermarks[i - 1] as number);

    // A client polling from the start (a reload) sees only what came after the erasure: nothing the user
    // wrote before it, and nothing of the old conversation.
    const all = await c.poll(0);
    const texts = all.activities.map((a) => a.text);
    expect(texts).not.toContain('supprimer mes données');
    expect(texts[0]).toBe(confirmation.text);
    expect(texts).toContain('bonjour');
    expect(Number(all.watermark)).toBe(c.watermarks.at(-1));
    c.ws.close();
  });
});
