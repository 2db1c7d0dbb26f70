import type { FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, postWebhook, waText, webhook } from '../channels/whatsapp/webhookFixtures.js';
import { startApp, waitFor, type AppProcess } from './appProcess.js';
import { APP_START_TIMEOUT_MS } from './spawnBudget.js';

/** The real assistant on Redis with its WhatsApp channel talking to `fake`; a short lease so a survivor takes over fast. */
export function startWhatsAppApp(fake: FakeGraphServer, redisUrl: string, keyPrefix: string, env: Record<string, string> = {}, startTimeoutMs?: number, args?: readonly string[]): Promise<AppProcess> {
  return startApp({
    REDIS_URL: redisUrl,
    KEY_PREFIX: keyPrefix,
    WHATSAPP_API_URL: fake.url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
    INBOUND_LEASE_MS: '1500',
    TURN_RETRY_DELAY_MS: '100',
    ...env,
  }, startTimeoutMs, args);
}

/**
 * Posts one user's messages in order, each until an assistant answers 200, as Meta does: a message refused
 * (503/500) or lost with a dying process is posted again, to whichever of `targets()` is up.
 */
export async function postInOrder(targets: () => string[], user: string, texts: readonly string[], idPrefix: string): Promise<void> {
  for (const [i, text] of texts.entries()) {
    const body = webhook([waText(user, text, `wamid.${idPrefix}.${user}.${i}`)]);
    let attempt = 0;
    await waitFor(
      async () => {
        const urls = targets();
        const url = urls[attempt++ % urls.length];
        if (!url) return false;
        try {
          return (await postWebhook(url, body)).status === 200;
        } catch {
          return false;
        }
      },
      // Long enough for a survivor instance to start on a loaded machine.
      APP_START_TIMEOUT_MS + 30_000,
      `the webhook of message ${i} of a user to be accepted`,
    );
  }
}

/** What the fake Graph API accepted for `user`, in order, as comparable strings (envelope removed). */
export function repliesTo(fake: FakeGraphServer, user: string): string[] {
  return fake
    .sentMessages()
    .filter((m) => m.to === user)
    .map(({ to: _to, messaging_product: _p, recipient_type: _r, ...message }) => JSON.stringify(message));
}

/** Removes adjacent repeats (a re-sent reply lands right after itself) and says how many there were. */
export function withoutAdjacentRepeats(items: readonly string[]): { items: string[]; repeats: number } {
  const kept: string[] = [];
  for (const item of items) if (kept[kept.length - 1] !== item) kept.push(item);
  return { items: kept, repeats: items.length - kept.length };
}
