import { describe, expect, it } from 'vitest';
import { startApp, waitFor } from '../helpers/appProcess.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

describe('logs of a real conversation', { timeout: afterAppStarts(1, 60_000) }, () => {
  it('never contain the message text, names or phone numbers, even at debug level', async () => {
    const app = await startApp({ LOG_LEVEL: 'trace' });
    try {
      const c = (await (await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${c.token}` };
      const text = "Bonjour, je m'appelle Awa Koné, mon numéro est +212 612 345 678, le retour est gratuit ?";
      const posted = await fetch(`${app.url}/v3/directline/conversations/${c.conversationId}/activities`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'message', text, from: { id: 'u', name: 'Awa Koné' } }),
      });
      expect(posted.status).toBe(200);
      await waitFor(async () => {
        const page = (await (await fetch(`${app.url}/v3/directline/conversations/${c.conversationId}/activities`, { headers })).json()) as { activities: Array<{ from: { role: string } }> };
        return page.activities.filter((a) => a.from.role === 'bot').length >= 2;
      }, 15_000, 'the bot to answer');
    } finally {
      expect(await app.stop()).toBe(0);
    }
    const output = app.output();
    expect(output.length).toBeGreaterThan(100); // it did log
    // Timestamps, pids, durations and ports are the machine's own numbers and may contain "612" by chance
    // (CI once logged "15:58:26.612Z"); only what could carry the user's words is checked.
    const userReachable = output
      .replace(/"time":"[^"]*"/g, '"time":""')
      .replace(/"[A-Za-z]+":\d+(\.\d+)?/g, '"n":0')
      .replace(/localhost:\d+/g, 'localhost:0');
    for (const secret of ['Awa', 'Koné', '612', '345 678', 'gratuit']) expect(userReachable).not.toContain(secret);
  });
});
