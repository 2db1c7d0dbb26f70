import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/domain/staff/passwordHash.js';
import { createConsole } from '../../src/console/createConsole.js';
import { HandoffQueue } from '../../src/domain/handoff/handoffQueue.js';
import type { DeliveryResult } from '../../src/domain/handoff/userMessenger.js';
import { createHttpServer, type HttpServer } from '../../src/http/createHttpServer.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import { createStaffStores, type StaffStores } from '../../src/stores/createHandoffStores.js';
import { MemoryHandoffStore } from '../../src/stores/memory/memoryHandoffStore.js';
import { ConsoleClient } from '../helpers/consoleClient.js';
import { fixedContent } from '../helpers/dialogHarness.js';
import { listenOnLoopback } from '../helpers/httpServer.js';

const PASSWORD = 'a long enough password';
let http: HttpServer;
let url: string;
let staff: StaffStores;
let closeStreams: () => void;
const queue = new HandoffQueue({ store: new MemoryHandoffStore() });
let delivery: DeliveryResult = 'sent';
const delivered: Array<{ userId: string; text: string }> = [];

beforeAll(async () => {
  staff = createStaffStores({}, { perAccount: 5, perAddress: 50, durationSeconds: 900 });
  for (const [username, role] of [['amina', 'caseworker'], ['karim', 'caseworker'], ['chef', 'admin']] as const) {
    await staff.accounts.create({ username, role, passwordHash: await hashPassword(PASSWORD), disabled: false, createdAt: 0 });
  }
  http = createHttpServer({ logger: pino({ level: 'silent' }), readiness: [] });
  const content = fixedContent([{ id: 'avrr.cost', lang: 'en', title: 'Cost', examples: ['x'], answer: 'Return is free.', followUps: [] }]);
  ({ closeStreams } = createConsole({
    server: http.server,
    queue,
    messenger: {
      send: async (target, text) => {
        if (delivery === 'sent') delivered.push({ userId: target.userId, text });
        return delivery;
      },
      sendReminder: async () => 'failed',
      windowClosesAt: async () => undefined,
    },
    staff,
    translator: await createTranslator('locales'),
    content,
    logger: pino({ level: 'silent' }),
    maxBodyBytes: 16_384,
    idleMs: 60_000,
    auditRetentionMs: 86_400_000,
  }));
  url = await listenOnLoopback(http.server);
});
afterAll(async () => {
  closeStreams();
  await http.close();
});

async function signedIn(username: string) {
  const client = new ConsoleClient(url);
  expect((await client.login(username, PASSWORD)).status).toBe(200);
  return client;
}

let users = 0;
const openTicket = async () =>
  (await queue.open({ channel: 'whatsapp', userId: `2126000${++users}`, conversationId: `2126000${users}`, language: 'en', priority: 'normal', reason: 'asked' })).ticket;

describe('console handoff routes', () => {
  it('never shows a reply as sent when the channel held it (WhatsApp window closed)', async () => {
    const amina = await signedIn('amina');
    const ticket = await openTicket();
    await amina.json('POST', `/handoffs/${ticket.id}/claim`, {});
    delivery = 'held';
    const res = await amina.json('POST', `/handoffs/${ticket.id}/messages`, { text: 'Are you still there?' });
    delivery = 'sent';
    expect(res).toMatchObject({ status: 200, body: { delivery: 'held', entry: { delivery: 'held' } } });
    const view = await amina.json<{ transcript: Array<{ from: string; delivery?: string }> }>('GET', `/handoffs/${ticket.id}`);
    expect(view.body.transcript.filter((l) => l.from === 'caseworker')).toEqual([expect.objectContaining({ delivery: 'held' })]);
    // A held reply is not an answer: the ticket still owes one.
    expect((await queue.get(ticket.id))?.awaitingReplySince).toBeDefined();
  });

  it('lets only the assignee reply; notes stay internal; transfer, release and close follow the rules', async () => {
    const amina = await signedIn('amina');
    const karim = await signedIn('karim');
    const ticket = await openTicket();
    expect((await karim.json('POST', `/handoffs/${ticket.id}/messages`, { text: 'hi' })).status).toBe(403);
    expect((await amina.json('POST', `/handoffs/${ticket.id}/claim`, {})).status).toBe(200);
    expect((await karim.json('POST', `/handoffs/${ticket.id}/claim`, {})).body).toMatchObject({ error: 'taken' });
    expect((await karim.json('POST', `/handoffs/${ticket.id}/messages`, { text: 'hi' })).status).toBe(403);
    const before = delivered.length;
    expect((await amina.json('POST', `/handoffs/${ticket.id}/notes`, { text: 'speaks Bambara' })).status).toBe(200);
    expect(delivered.length).toBe(before);
    expect((await amina.json('POST', `/handoffs/${ticket.id}/transfer`, { to: 'nobody' })).body).toMatchObject({ error: 'unknown_caseworker' });
    expect((await amina.json('POST', `/handoffs/${ticket.id}/transfer`, { to: 'karim' })).body).toMatchObject({ ticket: { status: 'transferred', assignee: 'karim' } });
    expect((await amina.json('POST', `/handoffs/${ticket.id}/release`, {})).status).toBe(403);
    expect((await karim.json('POST', `/handoffs/${ticket.id}/close`, { outcome: 'maybe' })).status).toBe(400);
    expect((await karim.json('POST', `/handoffs/${ticket.id}/close`, { outcome: 'referred' })).body).toMatchObject({ ticket: { status: 'closed', outcome: 'referred' } });
    expect(delivered.at(-1)?.text).toMatch(/conversation with the team has ended/);
    expect((await karim.json('POST', `/handoffs/${ticket.id}/close`, { outcome: 'referred' })).status).toBe(409);
    expect((await karim.json('GET', '/handoffs/nope')).status).toBe(404);
  });

  it('lets an admin give back a ticket held by someone else', async () => {
    const amina = await signedIn('amina');
    const chef = await signedIn('chef');
    const ticket = await openTicket();
    await amina.json('POST', `/handoffs/${ticket.id}/claim`, {});
    expect((await chef.json('POST', `/handoffs/${ticket.id}/release`, {})).status).toBe(200);
    expect((await queue.get(ticket.id))?.status).toBe('waiting');
  });

  it('audits every transcript view and action, and lists views per status', async () => {
    const karim = await signedIn('karim');
    const ticket = await openTicket();
    await karim.json('GET', `/handoffs/${ticket.id}`);
    await karim.json('GET', `/handoffs/${ticket.id}`);
    await karim.json('POST', `/handoffs/${ticket.id}/claim`, {});
    const entries = (await staff.audit.list(0, Date.now() + 1000)).filter((e) => e.ticketId === ticket.id);
    expect(entries.map((e) => `${e.actor}:${e.action}`)).toEqual(['karim:view_transcript', 'karim:view_transcript', 'karim:claim']);
    const mine = await karim.json<{ tickets: Array<{ id: string }> }>('GET', '/handoffs?status=mine');
    expect(mine.body.tickets.map((t) => t.id)).toContain(ticket.id);
    expect((await karim.json('GET', '/handoffs?status=bogus')).status).toBe(400);
  });

  it('offers canned replies from the FAQ content in the user language', async () => {
    const karim = await signedIn('karim');
    expect((await karim.json('GET', '/canned?lang=en')).body).toEqual({ replies: [{ id: 'avrr.cost', title: 'Cost', text: 'Return is free.' }] });
    expect((await karim.json('GET', '/canned?lang=xx')).status).toBe(400);
  });

  it('serves the console page with its strings, Arabic welcome included', async () => {
    const page = await fetch(`${url}/console`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('مرحباً بكم في لوحة المرشدين');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const js = await fetch(`${url}/console/console.js`);
    const css = await fetch(`${url}/console/console.css`);
    expect([js.status, css.status]).toEqual([200, 200]);
    // Light: the whole first load (page with its strings, script, stylesheet) stays under 30 KB uncompressed.
    const bytes = Buffer.byteLength(html) + (await js.arrayBuffer()).byteLength + (await css.arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(30_000);
  });
});
