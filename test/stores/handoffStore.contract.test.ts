import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { HandoffConflictError, HandoffCapacityError, HandoffNotAssigneeError } from '../../src/domain/handoff/handoffErrors.js';
import { HandoffQueue } from '../../src/domain/handoff/handoffQueue.js';
import type { HandoffRequest } from '../../src/domain/handoff/handoffRequest.js';
import type { HandoffStore } from '../../src/stores/handoffStore.js';
import { MemoryHandoffStore } from '../../src/stores/memory/memoryHandoffStore.js';
import { RedisHandoffStore } from '../../src/stores/redis/redisHandoffStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { waitFor } from '../helpers/appProcess.js';
import { REDIS_TOPOLOGIES, testRedisClient } from '../helpers/redisClients.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const opened: Array<{ close(): Promise<unknown> }> = [];
afterAll(async () => {
  for (const o of opened) await o.close();
});

/** Two stores on the same data (two app instances on one Redis; the same object in memory). */
const factories: Array<[string, () => [HandoffStore, HandoffStore]]> = [
  ['memory', () => {
    const store = new MemoryHandoffStore();
    return [store, store];
  }],
  ...REDIS_TOPOLOGIES.map((topology): [string, () => [HandoffStore, HandoffStore]] => [`${topology} (two instances)`, () => {
    const prefix = uniquePrefix('ho');
    const make = () => {
      const store = new RedisHandoffStore(testRedisClient(topology), redisKeys(prefix));
      opened.unshift(store);
      return store;
    };
    return [make(), make()];
  }]),
];

const MINUTE = 60_000;

function setup(create: () => [HandoffStore, HandoffStore]) {
  const [a, b] = create();
  const clock = { now: 1_800_000_000_000 };
  const options = { now: () => clock.now, leaseMs: MINUTE, silentMs: 10 * MINUTE, capacity: 2 };
  const q1 = new HandoffQueue({ store: a, ...options });
  const q2 = new HandoffQueue({ store: b, ...options });
  let users = 0;
  const request = (over: Partial<HandoffRequest> = {}): HandoffRequest => ({
    channel: 'webchat',
    userId: `u${++users}`,
    conversationId: `c${users}`,
    language: 'fr',
    priority: 'normal',
    reason: 'asked',
    ...over,
  });
  const open = async (over: Partial<HandoffRequest> = {}) => {
    clock.now += 1;
    return (await q1.open(request(over))).ticket;
  };
  return { q1, q2, clock, open, request };
}

describe.each(factories)('HandoffStore (%s)', (_name, create) => {
  describe('.open', () => {
    it('opens one waiting ticket per user and raises its priority when a later request is more urgent', async () => {
      const { q1, q2, request } = setup(create);
      const first = await q1.open(request({ userId: 'same', reason: 'asked' }));
      expect(first.created).toBe(true);
      expect(first.ticket.status).toBe('waiting');
      const again = await q2.open(request({ userId: 'same', priority: 'urgent', reason: 'emergency' }));
      expect(again.created).toBe(false);
      expect(again.ticket.id).toBe(first.ticket.id);
      expect(again.ticket.priority).toBe('urgent');
      expect(again.ticket.reasons).toEqual(['asked', 'emergency']);
      expect((await q2.openTicketOf('webchat', 'same'))?.id).toBe(first.ticket.id);
      expect((await q1.waiting()).map((t) => t.id)).toEqual([first.ticket.id]);
    });
  });

  describe('.waiting', () => {
    it('serves urgent > vulnerable > normal, first come first served inside a priority', async () => {
      const { q2, open } = setup(create);
      const n1 = await open();
      const v1 = await open({ priority: 'vulnerable' });
      const u1 = await open({ priority: 'urgent' });
      const n2 = await open();
      const u2 = await open({ priority: 'urgent' });
      expect((await q2.waiting()).map((t) => t.id)).toEqual([u1.id, u2.id, v1.id, n1.id, n2.id]);
      expect(await q2.position(n2.id)).toMatchObject({ place: 5 });
    });

    it('puts a WhatsApp ticket whose window is about to close ahead of ones that have time', async () => {
      const { q1, clock, open } = setup(create);
      const early = await open({ channel: 'whatsapp', windowClosesAt: clock.now + 20 * 3600_000 });
      const web = await open();
      const closing = await open({ channel: 'whatsapp', windowClosesAt: clock.now + 30 * MINUTE });
      const urgent = await open({ priority: 'urgent' });
      expect((await q1.waiting()).map((t) => t.id)).toEqual([urgent.id, closing.id, early.id, web.id]);
    });
  });

  describe('.claim', () => {
    it('gives a waiting ticket to exactly one of 10 concurrent caseworkers, 100 rounds across two instances', async () => {
      const { q1, q2, open } = setup(create);
      for (let round = 0; round < 100; round++) {
        const ticket = await open();
        const attempts = Array.from({ length: 10 }, (_, i) => (i % 2 ? q1 : q2).claim(ticket.id, `cw${round}-${i}`).then(() => 'won', (err: Error) => err));
        const results = await Promise.all(attempts);
        expect(results.filter((r) => r === 'won')).toHaveLength(1);
        expect(results.filter((r) => r instanceof HandoffConflictError)).toHaveLength(9);
      }
    });

    it('refuses a caseworker at capacity', async () => {
      const { q1, open } = setup(create);
      await q1.claim((await open()).id, 'amina');
      await q1.claim((await open()).id, 'amina');
      const third = await open();
      await expect(q1.claim(third.id, 'amina')).rejects.toBeInstanceOf(HandoffCapacityError);
      expect((await q1.get(third.id))?.status).toBe('waiting');
      await q1.claim(third.id, 'karim');
      expect(await q1.loads()).toEqual({ amina: 2, karim: 1 });
    });

    it('records the wait, and estimates the next ones from it', async () => {
      const { q1, clock, open } = setup(create);
      const a = await open();
      clock.now += 20 * MINUTE;
      await q1.claim(a.id, 'amina');
      const b = await open();
      clock.now += 5 * MINUTE;
      expect(await q1.position(b.id)).toEqual({ place: 1, estimatedWaitMs: 15 * MINUTE });
    });
  });

  describe('leases and silence', () => {
    it('requeues a ticket whose lease ran out to the front of its priority, unless the console renewed it', async () => {
      const { q1, q2, clock, open } = setup(create);
      const lost = await open();
      const kept = await open();
      const other = await open();
      await q1.claim(lost.id, 'amina');
      await q1.claim(kept.id, 'karim');
      await q1.recordCaseworkerMessage(lost.id, 'amina', 'hello', 'sent');
      await q1.recordCaseworkerMessage(kept.id, 'karim', 'hello', 'sent');
      clock.now += 45_000;
      expect(await q2.heartbeat('karim')).toBe(1);
      clock.now += 30_000;
      expect((await q2.sweep()).requeued).toEqual([lost.id]);
      const requeued = await q1.get(lost.id);
      expect(requeued).toMatchObject({ status: 'waiting', requeues: 1 });
      expect(requeued?.assignee).toBeUndefined();
      expect((await q1.get(kept.id))?.status).toBe('assigned');
      expect((await q1.waiting()).map((t) => t.id)).toEqual([lost.id, other.id]);
      expect(await q1.loads()).toEqual({ karim: 1 });
    });

    it('requeues a ticket whose caseworker has not answered for the silent time, to the front', async () => {
      const { q1, clock, open } = setup(create);
      const waitingFirst = await open();
      const silent = await open();
      await q1.claim(silent.id, 'amina');
      for (let i = 0; i < 9; i++) {
        clock.now += MINUTE - 1000;
        await q1.heartbeat('amina');
        expect((await q1.sweep()).requeued).toEqual([]);
      }
      clock.now += 70_000;
      await q1.heartbeat('amina');
      expect((await q1.sweep()).requeued).toEqual([silent.id]);
      expect((await q1.waiting()).map((t) => t.id)).toEqual([silent.id, waitingFirst.id]);
    });

    it('stops the silence clock on a sent reply and restarts it on the next user message', async () => {
      const { q1, clock, open } = setup(create);
      const t = await open();
      await q1.claim(t.id, 'amina');
      await q1.recordCaseworkerMessage(t.id, 'amina', 'hi', 'sent');
      clock.now += 30 * MINUTE;
      await q1.heartbeat('amina');
      expect((await q1.sweep()).requeued).toEqual([]);
      await q1.recordUserMessage(t.id, { text: 'are you there?' });
      clock.now += 10 * MINUTE + 1;
      await q1.heartbeat('amina');
      expect((await q1.sweep()).requeued).toEqual([t.id]);
    });

    it('does not count a held reply as an answer', async () => {
      const { q1, clock, open } = setup(create);
      const t = await open({ channel: 'whatsapp' });
      await q1.claim(t.id, 'amina');
      await q1.recordCaseworkerMessage(t.id, 'amina', 'hi', 'held');
      clock.now += 10 * MINUTE + 1;
      await q1.heartbeat('amina');
      expect((await q1.sweep()).requeued).toEqual([t.id]);
    });
  });

  describe('.assignWaiting (auto-assignment)', () => {
    it('gives waiting tickets in order to the least loaded available caseworkers, within capacity', async () => {
      const { q1, q2, clock, open } = setup(create);
      const tickets = [await open(), await open({ priority: 'urgent' }), await open(), await open(), await open(), await open()];
      expect(await q1.assignWaiting()).toEqual([]); // nobody has the console open
      await q1.heartbeat('amina');
      await q2.heartbeat('karim');
      await q1.claim(tickets[0]!.id, 'karim');
      const assigned = await q2.assignWaiting();
      expect(assigned.map((a) => [a.ticket.id, a.caseworker])).toEqual([
        [tickets[1]!.id, 'amina'],
        [tickets[2]!.id, 'amina'],
        [tickets[3]!.id, 'karim'],
      ]);
      expect(await q1.loads()).toEqual({ amina: 2, karim: 2 });
      clock.now += MINUTE + 1; // consoles closed: presence gone
      await q1.sweep();
      expect(await q1.assignWaiting()).toEqual([]);
    });
  });

  describe('transitions', () => {
    it('transfers to a named caseworker, releases to the front, and closes with an outcome', async () => {
      const { q1, q2, open } = setup(create);
      const first = await open();
      const t = await open();
      await q1.claim(t.id, 'amina');
      await expect(q2.transfer(t.id, 'karim', 'sara')).rejects.toBeInstanceOf(HandoffNotAssigneeError);
      expect(await q2.transfer(t.id, 'amina', 'sara')).toMatchObject({ status: 'transferred', assignee: 'sara' });
      await expect(q1.release(t.id, 'amina')).rejects.toBeInstanceOf(HandoffNotAssigneeError);
      await q1.release(t.id, 'sara');
      expect((await q1.waiting()).map((w) => w.id)).toEqual([t.id, first.id]);
      await q2.claim(t.id, 'sara');
      expect(await q1.close(t.id, 'sara', 'answered')).toMatchObject({ status: 'closed', outcome: 'answered' });
      expect(await q1.openTicketOf('webchat', t.userId)).toBeUndefined();
      expect(await q1.counts()).toMatchObject({ 'opened:normal': 2, 'closed:answered': 1 });
      expect((await q1.list('mine', 'sara')).map((x) => x.id)).toEqual([]);
      expect((await q1.list('all', 'sara')).map((x) => x.id)).toEqual([t.id, first.id]);
    });

    it('follows the state table: no close while waiting, no claim after close, cancel from any open status', async () => {
      const { q1, open } = setup(create);
      const t = await open();
      await expect(q1.close(t.id, undefined, 'answered')).rejects.toBeInstanceOf(HandoffConflictError);
      await q1.claim(t.id, 'amina');
      expect(await q1.cancelByUser(t.id)).toBe(true);
      expect(await q1.get(t.id)).toMatchObject({ status: 'cancelled', outcome: 'cancelled_by_user' });
      expect(await q1.cancelByUser(t.id)).toBe(false);
      await expect(q1.claim(t.id, 'karim')).rejects.toBeInstanceOf(HandoffConflictError);
      expect(await q1.loads()).toEqual({});
      const next = await q1.open({ channel: 'webchat', userId: t.userId, conversationId: 'c', language: 'fr', priority: 'normal', reason: 'asked' });
      expect(next.created).toBe(true);
    });
  });

  describe('transcript and privacy', () => {
    it('keeps both sides and notes in order, with media on the ticket', async () => {
      const { q1, q2, open } = setup(create);
      const t = await open({ channel: 'whatsapp' });
      await q1.recordUserMessage(t.id, { text: 'salam' });
      await q1.recordUserMessage(t.id, { media: { kind: 'voice', mediaId: 'm1', at: 1 } }, 1_800_000_900_000);
      await q1.claim(t.id, 'amina');
      await q1.addNote(t.id, 'amina', 'speaks Wolof');
      await q1.recordCaseworkerMessage(t.id, 'amina', 'Bonjour', 'sent');
      const lines = await q2.transcript(t.id);
      expect(lines.map((l) => [l.from, l.text ?? l.media?.kind])).toEqual([['user', 'salam'], ['user', 'voice'], ['note', 'speaks Wolof'], ['caseworker', 'Bonjour']]);
      expect(await q2.get(t.id)).toMatchObject({ media: [{ mediaId: 'm1' }], windowClosesAt: 1_800_000_900_000 });
    });

    it('writes a line once per turn key (a re-run turn), even with other lines in between; keyless lines always', async () => {
      const { q1, q2, open } = setup(create);
      const t = await open();
      await q1.recordUserMessage(t.id, { text: 'salam', turn: 'k1' });
      await q1.recordCaseworkerMessage(t.id, 'amina', 'Bonjour', 'sent');
      await q2.recordUserMessage(t.id, { text: 'salam', turn: 'k1' });
      await q1.recordBotMessage(t.id, 'numéro 1', { turn: 'k2' });
      await q2.recordBotMessage(t.id, 'numéro 1', { turn: 'k2' });
      await q1.recordUserMessage(t.id, { text: 'encore' });
      await q1.recordUserMessage(t.id, { text: 'encore' });
      const lines = await q2.transcript(t.id);
      expect(lines.map((l) => [l.from, l.text])).toEqual([['user', 'salam'], ['caseworker', 'Bonjour'], ['bot', 'numéro 1'], ['user', 'encore'], ['user', 'encore']]);
    });

    it('erases every ticket and transcript of a user, open ones included, and keeps anonymous counts', async () => {
      const { q1, q2, open } = setup(create);
      const old = await open({ userId: 'gone' });
      await q1.claim(old.id, 'amina');
      await q1.close(old.id, 'amina', 'answered');
      const current = await open({ userId: 'gone' });
      const other = await open({ userId: 'stays' });
      await q1.recordUserMessage(current.id, { text: 'private' });
      await q1.claim(current.id, 'amina');
      expect(await q2.eraseUser('webchat', 'gone')).toBe(2);
      expect(await q1.get(old.id)).toBeUndefined();
      expect(await q1.get(current.id)).toBeUndefined();
      expect(await q1.transcript(current.id)).toEqual([]);
      expect(await q1.openTicketOf('webchat', 'gone')).toBeUndefined();
      expect(await q1.loads()).toEqual({});
      expect((await q1.list('all', 'amina')).map((t) => t.id)).toEqual([other.id]);
      expect(await q1.counts()).toMatchObject({ 'opened:normal': 3, 'closed:answered': 1, erased: 2 });
    });

    it('erases ended tickets after their lifetime, not before', async () => {
      const { q1, clock, open } = setup(create);
      const t = await open();
      await q1.recordUserMessage(t.id, { text: 'x' });
      await q1.claim(t.id, 'amina');
      await q1.close(t.id, 'amina', 'referred');
      clock.now += q1.retentionMs - 1;
      expect((await q1.sweep()).purged).toBe(0);
      clock.now += 2;
      expect((await q1.sweep()).purged).toBe(1);
      expect(await q1.get(t.id)).toBeUndefined();
      expect(await q1.transcript(t.id)).toEqual([]);
    });

    it('marks the window reminder once per window', async () => {
      const { q1, q2, open } = setup(create);
      const t = await open({ channel: 'whatsapp' });
      const results = await Promise.all([q1.markReminderSent(t.id, 5), q2.markReminderSent(t.id, 5)]);
      expect(results.sort()).toEqual([false, true]);
      expect(await q1.markReminderSent(t.id, 6)).toBe(true);
    });
  });

  describe('place told and held replies', () => {
    it('records the place told once per update (compare-and-set) and per waiting spell', async () => {
      const { q1, q2, clock, open } = setup(create);
      const t = await open();
      const results = await Promise.all([q1.markPlaceTold(t, 5, undefined), q2.markPlaceTold(t, 5, undefined)]);
      expect(results.sort()).toEqual([false, true]);
      const told = HandoffQueue.lastToldPlace((await q2.get(t.id))!)!;
      expect(told.place).toBe(5);
      clock.now += MINUTE;
      const next = await Promise.all([q1.markPlaceTold(t, 2, told.at), q2.markPlaceTold(t, 2, told.at)]);
      expect(next.sort()).toEqual([false, true]);
      expect(await q1.markPlaceTold(t, 1, told.at)).toBe(false); // stale: the telling it replaces is not the last one
      await q1.claim(t.id, 'amina');
      expect(await q1.markPlaceTold(t, 1, undefined)).toBe(false); // not waiting
    });

    it('marks a held caseworker message delivered once; a user message written after it still owes an answer', async () => {
      const { q1, q2, clock, open } = setup(create);
      const t = await open({ channel: 'whatsapp' });
      await q1.claim(t.id, 'amina');
      clock.now += MINUTE;
      await q1.recordCaseworkerMessage(t.id, 'amina', 'first', 'held', 'key-1');
      await q1.recordCaseworkerMessage(t.id, 'amina', 'second', 'held', 'key-2');
      expect((await q2.heldReplies(t.id)).map((e) => [e.text, e.sendKey])).toEqual([['first', 'key-1'], ['second', 'key-2']]);
      clock.now += MINUTE;
      await q1.recordUserMessage(t.id, { text: 'back' });
      const userAt = clock.now;
      clock.now += 1000;
      const results = await Promise.all([q1.markDelivered(t.id, 'key-1', 'sent'), q2.markDelivered(t.id, 'key-1', 'sent')]);
      expect(results.sort()).toEqual([false, true]);
      expect(await q1.markDelivered(t.id, 'key-2', 'sent')).toBe(true);
      expect(await q1.markDelivered(t.id, 'unknown', 'sent')).toBe(false);
      expect(await q2.heldReplies(t.id)).toEqual([]);
      const lines = await q2.transcript(t.id);
      expect(lines.filter((l) => l.from === 'caseworker').map((l) => [l.text, l.delivery, l.deliveredAt])).toEqual([
        ['first', 'sent', clock.now],
        ['second', 'sent', clock.now],
      ]);
      const after = (await q2.get(t.id))!;
      expect(after.lastCaseworkerReplyAt).toBeLessThan(userAt);
      expect(after.awaitingReplySince).toBe(userAt);
      // The owed-answer clock runs from the user's message: silent for 10 minutes after it, the ticket is requeued.
      clock.now = userAt + 10 * MINUTE - 1;
      await q1.heartbeat('amina');
      expect((await q1.sweep()).requeued).toEqual([]);
      clock.now += 2;
      await q1.heartbeat('amina');
      expect((await q1.sweep()).requeued).toEqual([t.id]);
    });
  });

  describe('.subscribe', () => {
    it('announces changes made by another instance', async () => {
      const { q1, q2, open } = setup(create);
      const seen: string[] = [];
      const stop = q2.subscribe((id) => seen.push(id));
      const ids: string[] = [];
      // The Redis subscriber connects asynchronously: open tickets until one is announced.
      await waitFor(async () => {
        ids.push((await open()).id);
        return seen.some((s) => ids.includes(s));
      });
      const id = ids[ids.length - 1]!;
      await waitFor(() => seen.includes(id));
      await q1.claim(id, 'amina');
      await waitFor(() => seen.filter((s) => s === id).length >= 2);
      stop();
    });
  });
});

describe('RedisHandoffStore restart', () => {
  it('loses nothing when the app restarts mid-handoff (a new instance reads the same tickets, leases, transcripts)', async () => {
    const prefix = uniquePrefix('ho');
    const clock = { now: 1_800_000_000_000 };
    const client1 = new Redis(inject('redisUrl'));
    const q1 = new HandoffQueue({ store: new RedisHandoffStore(client1, redisKeys(prefix)), now: () => clock.now, leaseMs: MINUTE });
    const { ticket } = await q1.open({ channel: 'webchat', userId: 'u', conversationId: 'c', language: 'ar', priority: 'vulnerable', reason: 'vulnerable' });
    await q1.recordUserMessage(ticket.id, { text: 'help' });
    await q1.claim(ticket.id, 'amina');
    client1.disconnect();

    const client2 = new Redis(inject('redisUrl'));
    opened.push({ close: () => client2.quit() });
    const q2 = new HandoffQueue({ store: new RedisHandoffStore(client2, redisKeys(prefix)), now: () => clock.now, leaseMs: MINUTE });
    expect(await q2.get(ticket.id)).toMatchObject({ status: 'assigned', assignee: 'amina', priority: 'vulnerable', language: 'ar' });
    expect((await q2.transcript(ticket.id)).map((l) => l.text)).toEqual(['help']);
    expect(await q2.heartbeat('amina')).toBe(1);
    expect((await q2.openTicketOf('webchat', 'u'))?.id).toBe(ticket.id);
  });
});
