import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HandoffQueue } from '../../../src/domain/handoff/handoffQueue.js';
import { HandoffWatcher } from '../../../src/domain/handoff/handoffWatcher.js';
import type { DeliveryResult, MessageTarget, UserMessenger } from '../../../src/domain/handoff/userMessenger.js';
import { createTranslator, type Translator } from '../../../src/i18n/i18n.js';
import { RedisHandoffStore } from '../../../src/stores/redis/redisHandoffStore.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

const MIN = 60_000;
let translator: Translator;
const toClose: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  translator = await createTranslator('locales');
});
afterAll(async () => {
  for (const close of toClose) await close();
});

/** Instances of the app sharing one Redis: each its own connection, store, queue and watcher; one shared fake clock. */
function cluster() {
  const prefix = uniquePrefix('place');
  const clock = { now: 1_800_000_000_000 };
  const sent: Array<{ userId: string; text: string }> = [];
  const messenger: UserMessenger = {
    send: async (target: MessageTarget, text: string): Promise<DeliveryResult> => {
      sent.push({ userId: target.userId, text });
      return 'sent';
    },
    sendReminder: async () => 'failed',
    windowClosesAt: async () => undefined,
  };
  const instance = () => {
    const client = new Redis(inject('redisUrl'));
    const queue = new HandoffQueue({ store: new RedisHandoffStore(client, redisKeys(prefix)), now: () => clock.now, leaseMs: 60 * MIN, silentMs: 60 * MIN });
    toClose.push(() => queue.shutdown(), () => client.quit());
    const watcher = new HandoffWatcher({ queue, messenger, translator, logger: pino({ level: 'silent' }), now: () => clock.now });
    return { queue, watcher };
  };
  return { clock, sent, instance };
}

describe('place-in-queue updates across instances', () => {
  it('two instances on one Redis tell each update exactly once, and a restarted instance neither repeats nor skips one', async () => {
    const { clock, sent, instance } = cluster();
    const a = instance();
    const b = instance();
    const ahead = [];
    for (let i = 0; i < 6; i++) {
      clock.now += 1;
      ahead.push((await a.queue.open({ channel: 'webchat', userId: `u${i}`, conversationId: `c${i}`, language: 'en', priority: 'normal', reason: 'asked' })).ticket);
    }
    clock.now += 1;
    const { ticket: me } = await a.queue.open({ channel: 'webchat', userId: 'me', conversationId: 'c-me', language: 'en', priority: 'normal', reason: 'asked' });
    await Promise.all([a.watcher.tick(), b.watcher.tick()]); // place 7 noted in the store, nothing sent
    expect((await a.queue.get(me.id))?.placeTold).toMatchObject({ place: 7 });
    const mine = () => sent.filter((s) => s.userId === 'me').map((s) => s.text);
    expect(mine()).toEqual([]);

    // Instance a restarts: its successor knows what was told (a per-process memory would start over and skip 7 → 4).
    const a2 = instance();
    for (const t of ahead.slice(0, 3)) await b.queue.claim(t.id, `cw-${t.id}`);
    clock.now += 5 * MIN;
    await Promise.all([a2.watcher.tick(), b.watcher.tick(), a2.watcher.tick()]);
    expect(mine()).toEqual(['You are now number 4 in the queue.']);

    // Nothing new: no instance repeats it, however often they tick.
    clock.now += 10 * MIN;
    await Promise.all([a2.watcher.tick(), b.watcher.tick()]);
    const fresh = instance();
    await fresh.watcher.tick();
    expect(mine()).toHaveLength(1);

    for (const t of ahead.slice(3, 5)) await b.queue.claim(t.id, `cw-${t.id}`);
    await Promise.all([fresh.watcher.tick(), b.watcher.tick(), a2.watcher.tick()]);
    expect(mine()).toEqual(['You are now number 4 in the queue.', 'You are now number 2 in the queue.']);
    expect((await b.queue.transcript(me.id)).filter((l) => l.from === 'bot').map((l) => l.text)).toEqual(mine());
  });

  it('starts a new baseline when the ticket is back in the queue (a new waiting spell)', async () => {
    const { clock, sent, instance } = cluster();
    const a = instance();
    const { ticket } = await a.queue.open({ channel: 'webchat', userId: 'x', conversationId: 'cx', language: 'fr', priority: 'normal', reason: 'asked' });
    expect(await a.queue.markPlaceTold(ticket, 3, undefined)).toBe(true);
    expect(await a.queue.markPlaceTold(ticket, 3, undefined)).toBe(false); // someone already told it
    await a.queue.claim(ticket.id, 'amina');
    clock.now += MIN;
    await a.queue.release(ticket.id, 'amina');
    const back = (await a.queue.get(ticket.id))!;
    expect(HandoffQueue.lastToldPlace(back)).toBeUndefined();
    await a.watcher.tick();
    expect(HandoffQueue.lastToldPlace((await a.queue.get(ticket.id))!)).toMatchObject({ place: 1 });
    expect(sent).toEqual([]);
  });
});
