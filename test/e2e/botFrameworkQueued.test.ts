import { afterEach, describe, expect, inject, it } from 'vitest';
import { startApp, waitFor } from '../helpers/appProcess.js';
import { startFakeConnector } from '../helpers/fakeConnector.js';
import { fetchLastResortCount } from '../helpers/lastResortCount.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the assistant on /api/messages (Bot Framework Emulator)', { timeout: afterAppStarts(1, 180_000) }, () => {
  // WORKERS=2: the reply is posted by a turn worker thread, whose Bot Framework connector loads at that turn.
  it.each(['1', '2'])('queues the activity, answers 202, and the worker posts the reply to the loopback serviceUrl (WORKERS=%s)', async (workers) => {
    const connector = await startFakeConnector(cleanups);
    const app = await startApp({ REDIS_URL: inject('redisUrl'), KEY_PREFIX: uniquePrefix('bf'), WORKERS: workers });
    cleanups.push(() => app.stop());
    await waitFor(async () => (await fetch(`${app.url}/readyz`)).ok, 120_000, 'every turn thread to claim');
    const res = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', id: 'm1', text: 'bonjour', locale: 'fr-FR', channelId: 'emulator', serviceUrl: connector.serviceUrl, from: { id: 'u1' }, recipient: { id: 'bot' }, conversation: { id: 'conv-e2e' } }),
    });
    expect(res.status).toBe(202);
    await waitFor(() => connector.posted.length > 0, 30_000, 'a reply at the connector');
    expect(connector.posted[0]).toMatchObject({ path: '/v3/conversations/conv-e2e/activities/m1', activity: { type: 'message', replyToId: 'm1' } });
    expect(connector.posted[0]!.activity.text).toBeTruthy();
    expect(await fetchLastResortCount(app.url)).toBe(0);
  });
});
