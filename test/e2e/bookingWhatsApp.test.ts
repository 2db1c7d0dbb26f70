import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { personKeyOf } from '../../src/domain/appointments/personKey.js';
import { RedisAppointmentStore } from '../../src/stores/redis/redisAppointmentStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { startApp, waitFor, type AppProcess } from '../helpers/appProcess.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, postWebhook, waMessage, waText, webhook } from '../channels/whatsapp/webhookFixtures.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

let fake: FakeGraphServer;
let app: AppProcess;
const prefix = uniquePrefix('bookwa');
const client = new Redis(inject('redisUrl'));
const store = new RedisAppointmentStore(client, redisKeys(prefix));

beforeAll(async () => {
  fake = await startFakeGraphServer();
  app = await startApp({
    REDIS_URL: inject('redisUrl'),
    KEY_PREFIX: prefix,
    WHATSAPP_API_URL: fake.url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
  });
}, afterAppStarts(1, 30_000));
afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await client.quit();
});

type Sent = Record<string, unknown> & { to?: string; type?: string };
const messagesTo = (waId: string): Sent[] => fake.sentMessages().filter((m) => m.to === waId) as Sent[];
/** Choice ids offered by a Graph message (reply buttons or list rows). */
function choiceIds(m: Sent | undefined): string[] {
  const i = m?.interactive as { action?: { buttons?: Array<{ reply: { id: string } }>; sections?: Array<{ rows: Array<{ id: string }> }> } } | undefined;
  return [...(i?.action?.buttons ?? []).map((b) => b.reply.id), ...(i?.action?.sections ?? []).flatMap((s) => s.rows.map((r) => r.id))];
}
function bodyOf(m: Sent | undefined): string {
  return (m?.text as { body?: string } | undefined)?.body ?? (m?.interactive as { body?: { text?: string } } | undefined)?.body?.text ?? '';
}
/** A tap on a reply button; the title differs from the id, as on a phone (a channel that ignored the id would fail). */
const tap = (waId: string, id: string) => waMessage(waId, 'interactive', { interactive: { type: 'button_reply', button_reply: { id, title: 'Choix' } } });

/** Sends one message and waits for a reply offering a choice that starts with `expect` (or whose text contains it). */
async function turn(waId: string, message: Record<string, unknown>, expected: string): Promise<Sent> {
  const before = messagesTo(waId).length;
  expect((await postWebhook(app.url, webhook([message]))).status).toBe(200);
  let found: Sent | undefined;
  await waitFor(() => {
    found = messagesTo(waId).slice(before).find((m) => choiceIds(m).some((id) => id.startsWith(expected)) || bodyOf(m).includes(expected));
    return found !== undefined;
  }, 20_000, `a reply with ${expected}`);
  return found!;
}

describe('booking over WhatsApp, end to end (webhook → bot → fake Graph API)', () => {
  it.each([
    ['fr', '212600000301', 'Référence'],
    ['en', '212600000302', 'Reference'],
    ['ar', '212600000303', 'المرجع'],
  ])('books in %s with button replies and typed answers; the phone number comes from WhatsApp', async (lang, waId, refWord) => {
    await turn(waId, tap(waId, `lang:${lang}`), 'intent.book');
    await turn(waId, tap(waId, 'intent.book'), 'book:point:casablanca');
    const days = await turn(waId, waText(waId, 'casa'), 'book:day:');
    const day = choiceIds(days).find((id) => id.startsWith('book:day:'))!;
    const times = await turn(waId, tap(waId, day), 'book:slot:');
    const slot = choiceIds(times).find((id) => id.startsWith('book:slot:'))!;
    await turn(waId, tap(waId, slot), 'book:cancel');
    await turn(waId, waText(waId, 'Awa'), 'book:nationality:SN');
    await turn(waId, tap(waId, 'book:nationality:SN'), 'book:consent:yes');
    await turn(waId, tap(waId, 'book:consent:yes'), 'book:count:');
    await turn(waId, waText(waId, '2'), 'book:count:0');
    for (const [send, next] of [['book:skip', 'book:document:'], ['book:skip', 'book:medical:'], ['book:skip', 'book:confirm']] as const) await turn(waId, tap(waId, send), next);
    const confirmation = await turn(waId, tap(waId, 'book:confirm'), refWord);
    const [booking] = await store.ofPerson(personKeyOf('whatsapp', waId));
    expect(booking).toMatchObject({ status: 'booked', pointId: 'casablanca', date: day.slice('book:day:'.length), time: slot.slice('book:slot:'.length), phone: `+${waId}`, firstName: 'Awa', preRegistration: { adults: 2 } });
    expect(bodyOf(confirmation) + JSON.stringify(messagesTo(waId).slice(-2))).toContain(booking!.ref);
  }, 120_000);
});
