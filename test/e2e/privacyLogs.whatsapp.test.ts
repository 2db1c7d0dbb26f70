import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { startApp, waitFor } from '../helpers/appProcess.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, postWebhook, waMessage, waText, webhook } from '../channels/whatsapp/webhookFixtures.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

const NUMBER = '212612345678';

/**
 * A wamid shaped like Meta's: base64 of a protobuf-like record that carries the sender's number
 * (Meta's documented sample `wamid.HBgLMTY1MDUwNzY1MjAVAgASGBQ…` decodes to `…16505076520…`).
 */
function realisticWamid(number: string): string {
  const record = Buffer.concat([Buffer.from([0x1c, 0x18, number.length]), Buffer.from(number), Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, 0x14]), Buffer.from(randomBytes(10).toString('hex').toUpperCase()), Buffer.from([0x00])]);
  return `wamid.${record.toString('base64')}`;
}

/** The number as base64 in each of the three byte alignments it can have inside a longer base64 text. */
function base64Forms(number: string): string[] {
  const forms: string[] = [];
  for (const pad of ['', 'x', 'xy']) {
    for (const encoding of ['base64', 'base64url'] as const) {
      const encoded = Buffer.from(pad + number).toString(encoding);
      // Drop the characters that also depend on the padding bytes and on what follows.
      const start = pad.length === 0 ? 0 : 4;
      forms.push(encoded.slice(start, start + 12));
    }
  }
  return forms;
}

describe('logs of a real WhatsApp conversation', { timeout: afterAppStarts(1, 60_000) }, () => {
  it('never contain the number, its base64 forms, the wamids or the message text, even at trace level', async () => {
    const fake = await startFakeGraphServer();
    const app = await startApp({
      LOG_LEVEL: 'trace',
      REDIS_URL: inject('redisUrl'),
      KEY_PREFIX: uniquePrefix('privacy'),
      WHATSAPP_API_URL: fake.url,
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_ACCESS_TOKEN: 'test-token',
    });
    const wamids = [realisticWamid(NUMBER), realisticWamid(NUMBER), realisticWamid(NUMBER), realisticWamid(NUMBER)];
    const replies = () => fake.sentMessages().filter((m) => m.to === NUMBER).length;
    try {
      expect((await fetch(`${app.url}/api/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`)).status).toBe(200);
      expect((await postWebhook(app.url, webhook([waText(NUMBER, 'Bonjour', wamids[0])]))).status).toBe(200);
      await waitFor(() => replies() >= 1, 30_000, 'the first reply');
      const text = "je m'appelle Awa Koné, mon numéro est +212 612 345 678, le retour est gratuit ?";
      expect((await postWebhook(app.url, webhook([waText(NUMBER, text, wamids[1])]))).status).toBe(200);
      await waitFor(() => replies() >= 2, 30_000, 'the second reply');
      // Meta delivers the same message again, and an unsigned copy arrives.
      expect((await postWebhook(app.url, webhook([waText(NUMBER, text, wamids[1])]))).status).toBe(200);
      expect((await postWebhook(app.url, webhook([waText(NUMBER, text, wamids[2])]), { signature: null })).status).toBe(401);
      // A voice note, then delivery statuses of our replies (one failed).
      expect((await postWebhook(app.url, webhook([waMessage(NUMBER, 'audio', { audio: { id: 'media1', mime_type: 'audio/ogg' } }, wamids[3])]))).status).toBe(200);
      await waitFor(() => replies() >= 3, 30_000, 'the reply to the voice note');
      const sentIds = fake.requests.filter((r) => r.outcome === 'ok' && (r.json as { to?: string }).to === NUMBER).map((_, i) => `wamid.fake.${i + 1}`);
      const statuses = sentIds.flatMap((id, i) => [
        { id, status: 'delivered', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: NUMBER },
        ...(i === 0 ? [{ id, status: 'failed', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: NUMBER, errors: [{ code: 131047, title: `Re-engagement message to ${NUMBER}` }] }] : []),
      ]);
      expect((await postWebhook(app.url, webhook([], statuses))).status).toBe(200);
    } finally {
      expect(await app.stop()).toBe(0);
      await fake.stop();
    }
    const output = app.output();
    expect(output).toContain('whatsapp message stored'); // it did log the journey, at debug level
    // Messages are named in logs by a short keyed hash, so lines about one message can still be followed.
    expect(output).toMatch(/"messageId":"h:[0-9a-f]{10}"/);
    const forbidden = [NUMBER, '612345678', '612 345 678', ...base64Forms(NUMBER), ...wamids, ...wamids.map((w) => w.slice(6, 26)), 'Awa', 'Koné', 'gratuit', 'Bonjour'];
    for (const secret of forbidden) expect(output, `logs contain ${secret}`).not.toContain(secret);
  });
});
