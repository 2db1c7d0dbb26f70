import { afterEach, describe, expect, it } from 'vitest';
import type { FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { senderFixture, text, PHONE_NUMBER_ID } from './senderFixtures.js';

const USER = '212600000001';
let fake: FakeGraphServer | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

async function setup(options: Parameters<typeof senderFixture>[0] = {}) {
  const f = await senderFixture(options);
  fake = f.fake;
  f.wrote(USER);
  return f;
}

describe('WhatsAppSender', () => {
  describe('.send', () => {
    it('posts the message with the envelope and bearer token, and records the outbound id', async () => {
      const { sender, contacts, outbox } = await setup();
      const outcome = await sender.send(USER, text('Bonjour'), 'k1');
      expect(outcome).toEqual({ status: 'sent', messageId: 'wamid.fake.1' });
      const request = fake!.requests[0]!;
      expect(request.path).toBe(`/${PHONE_NUMBER_ID}/messages`);
      expect(request.headers.authorization).toBe('Bearer test-token');
      expect(request.json).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: USER, type: 'text', text: { body: 'Bonjour' } });
      expect(contacts.outbound).toEqual([{ waId: USER, id: 'wamid.fake.1' }]);
      expect(await outbox.claimState('k1')).toBe('sent:wamid.fake.1');
    });

    it('uses the claim and rate token a prepare started ahead, once, and asks again for a later send of the key', async () => {
      const reserves: string[] = [];
      const { sender, outbox } = await setup({ rateLimiter: { reserve: async () => (reserves.push('token'), 0) } });
      const claims: string[] = [];
      const beginAttempt = outbox.beginAttempt.bind(outbox);
      outbox.beginAttempt = async (key, ttl) => (claims.push(key), beginAttempt(key, ttl));
      sender.prepare('k1');
      sender.prepare('k1'); // a second prepare of the same key starts nothing more
      expect([claims, reserves]).toEqual([['k1'], ['token']]);
      expect((await sender.send(USER, text('x'), 'k1')).status).toBe('sent');
      expect([claims, reserves]).toEqual([['k1'], ['token']]);
      expect((await sender.send(USER, text('x'), 'k1')).status).toBe('duplicate');
      expect(claims).toEqual(['k1', 'k1']);
      expect(fake!.sentMessages()).toHaveLength(1);
    });

    it('asks again when the claim started ahead failed', async () => {
      const { sender, outbox } = await setup();
      const beginAttempt = outbox.beginAttempt.bind(outbox);
      let failures = 1;
      outbox.beginAttempt = async (key, ttl) => {
        if (failures-- > 0) throw new Error('store down');
        return beginAttempt(key, ttl);
      };
      sender.prepare('k2');
      expect((await sender.send(USER, text('x'), 'k2')).status).toBe('sent');
      expect(fake!.sentMessages()).toHaveLength(1);
    });

    it('retries a 429 and then succeeds', async () => {
      const { sender, clock } = await setup();
      fake!.failNext(1, { status: 429, code: 4 });
      expect((await sender.send(USER, text('x'), 'k')).status).toBe('sent');
      expect(fake!.requests).toHaveLength(2);
      expect(clock.sleeps).toEqual([500]); // base 1 s, equal jitter with random() = 0
    });

    it('retries 5xx and network errors with exponential backoff', async () => {
      const { sender, clock } = await setup({ random: () => 0.5 });
      fake!.failNext(1, { status: 503 });
      fake!.failNext(1, { network: true });
      fake!.failNext(1, { status: 500, code: 131000 });
      expect((await sender.send(USER, text('x'), 'k')).status).toBe('sent');
      expect(fake!.requests).toHaveLength(4);
      expect(clock.sleeps).toEqual([750, 1500, 3000]); // ceilings 1, 2, 4 s with equal jitter
    });

    it('backs off 4^n seconds on the pair rate limit (131056)', async () => {
      const { sender, clock } = await setup();
      fake!.failNext(3, { status: 400, code: 131056 });
      expect((await sender.send(USER, text('x'), 'k')).status).toBe('sent');
      expect(clock.sleeps).toEqual([1000, 4000, 16000]);
    });

    it('retries the number throughput limit (130429)', async () => {
      const { sender } = await setup();
      fake!.failNext(2, { status: 400, code: 130429 });
      expect((await sender.send(USER, text('x'), 'k')).status).toBe('sent');
      expect(fake!.requests).toHaveLength(3);
    });

    it('parks a permanent error as a dead letter without retrying', async () => {
      const { sender, outbox } = await setup();
      fake!.failNext(1, { status: 400, code: 131026 });
      const outcome = await sender.send(USER, text('x'), 'k');
      expect(outcome.status).toBe('dead');
      expect(fake!.requests).toHaveLength(1);
      const [entry] = await outbox.list('dead');
      expect(entry).toMatchObject({ waId: USER, idempotencyKey: 'k', attempts: 1, message: text('x') });
      expect(entry!.reason).toContain('131026');
      expect(await outbox.claimState('k')).toBe(`dead:${entry!.id}`);
      // A re-run turn does not send it behind staff's back.
      expect((await sender.send(USER, text('x'), 'k')).status).toBe('duplicate');
    });

    it('parks a message whose retries are exhausted', async () => {
      const { sender, outbox } = await setup({ maxAttempts: 3 });
      fake!.failNext(5, { status: 502 });
      expect((await sender.send(USER, text('x'), 'k')).status).toBe('dead');
      expect(fake!.requests).toHaveLength(3);
      expect((await outbox.list('dead'))[0]!.attempts).toBe(3);
    });

    it('sends the same idempotency key only once, even concurrently', async () => {
      const { sender } = await setup();
      const outcomes = await Promise.all([sender.send(USER, text('x'), 'same'), sender.send(USER, text('x'), 'same')]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['duplicate', 'sent']);
      expect(await sender.send(USER, text('x'), 'same')).toEqual({ status: 'duplicate' });
      expect(fake!.sentMessages()).toHaveLength(1);
    });

    it('sends again, and counts, a reply whose earlier attempt was cut short by a crash (never lost)', async () => {
      const resends: string[] = [];
      const { sender, outbox } = await setup({ onAmbiguousResend: (cause) => resends.push(cause) });
      // A previous process started the attempt and died before Graph answered.
      expect(await outbox.beginAttempt('crashed', 60_000)).toBe('new');
      expect(await sender.send(USER, text('x'), 'crashed')).toEqual({ status: 'sent', messageId: 'wamid.fake.1' });
      expect(fake!.sentMessages()).toHaveLength(1);
      expect(resends).toEqual(['interrupted']);
      expect(await sender.send(USER, text('x'), 'crashed')).toEqual({ status: 'duplicate' });
    });

    it('counts the retry after a timeout as a possible duplicate, and only that one', async () => {
      const resends: string[] = [];
      const { sender } = await setup({ onAmbiguousResend: (cause) => resends.push(cause), baseDelayMs: 1 });
      fake!.failNext(1, { acceptThenDrop: true });
      fake!.failNext(1, { status: 500 });
      expect((await sender.send(USER, text('x'), 'slow')).status).toBe('sent');
      // Meta got it on the dropped call and on the last one: the duplicate the counter announced.
      expect(fake!.sentMessages()).toHaveLength(2);
      expect(resends).toEqual(['timeout']);
    });

    it('uses the arrival time of the answered message for the 24-hour window (contact record erased)', async () => {
      const { sender, clock } = await setup();
      const stranger = '212600000077';
      expect((await sender.send(stranger, text('x'), 'w1', { inboundAt: clock.now() - 1000 })).status).toBe('sent');
      expect((await sender.send(stranger, text('x'), 'w2', { inboundAt: clock.now() - 25 * 3600_000 })).status).toBe('held');
    });

    it('reads the contact record for the window only when the answered message alone does not keep it open', async () => {
      const { sender, clock, contacts } = await setup();
      let reads = 0;
      const lastInboundAt = contacts.lastInboundAt;
      contacts.lastInboundAt = (waId) => (reads++, lastInboundAt(waId));
      expect((await sender.send(USER, text('x'), 'r1', { inboundAt: clock.now() - 1000 })).status).toBe('sent');
      expect(reads).toBe(0);
      expect((await sender.send(USER, text('x'), 'r2', { inboundAt: clock.now() - 25 * 3600_000 })).status).toBe('sent');
      expect(reads).toBe(1);
    });

    it("sends one user's messages in call order, each after the previous was accepted", async () => {
      const { sender } = await setup();
      fake!.setResponseDelay(20);
      await Promise.all(Array.from({ length: 5 }, (_, i) => sender.send(USER, text(`m${i}`), `k${i}`)));
      const bodies = fake!.requests.map((r) => (r.json as { text: { body: string } }).text.body);
      expect(bodies).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
      for (let i = 1; i < fake!.requests.length; i++) {
        expect(fake!.requests[i]!.at - fake!.requests[i - 1]!.at).toBeGreaterThanOrEqual(15);
      }
    });

    it('keeps to the per-number rate', async () => {
      const { sender, clock, wrote } = await setup({ ratePerSecond: 2 });
      const start = clock.now();
      for (let i = 0; i < 6; i++) {
        wrote(`2126000000${10 + i}`);
        await sender.send(`2126000000${10 + i}`, text('x'), `k${i}`);
      }
      // Two at once (the burst), then one every 500 ms.
      expect(clock.sleeps).toEqual([500, 500, 500, 500]);
      expect(clock.now() - start).toBe(2000);
      expect(fake!.sentMessages()).toHaveLength(6);
    });

    it('paces messages to one user when userIntervalMs is set', async () => {
      const { sender, clock } = await setup({ userIntervalMs: 300 });
      await sender.send(USER, text('a'), 'a');
      await sender.send(USER, text('b'), 'b');
      expect(clock.sleeps).toEqual([300]);
    });
  });

  describe('24-hour window', () => {
    it('sends the re-engagement template (once) and holds the messages outside the window', async () => {
      const { sender, outbox, contacts, clock } = await setup({ reengageTemplate: { name: 'reprise_contact', language: 'fr' } });
      contacts.inbound.set(USER, clock.now() - 25 * 3600_000);
      const first = await sender.send(USER, text('a'), 'a');
      const second = await sender.send(USER, text('b'), 'b');
      expect(first).toMatchObject({ status: 'held', templateSent: true });
      expect(second).toMatchObject({ status: 'held', templateSent: false });
      expect(fake!.sentMessages()).toEqual([
        {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: USER,
          type: 'template',
          template: { name: 'reprise_contact', language: { code: 'fr' } },
        },
      ]);
      expect((await outbox.list('held')).map((e) => e.message)).toEqual([text('a'), text('b')]);
    });

    it('holds the message and sends nothing when no template is configured', async () => {
      const { sender, outbox, contacts } = await setup();
      contacts.inbound.delete(USER);
      expect((await sender.send(USER, text('a'), 'a')).status).toBe('held');
      expect(fake!.requests).toHaveLength(0);
      expect(await outbox.list('held')).toHaveLength(1);
    });

    it('holds the message when Graph says the window is closed (131047)', async () => {
      const { sender, outbox } = await setup();
      fake!.failNext(1, { status: 400, code: 131047 });
      expect((await sender.send(USER, text('a'), 'a')).status).toBe('held');
      expect(await outbox.list('held')).toHaveLength(1);
      expect(await outbox.list('dead')).toHaveLength(0);
    });
  });

  describe('.replay', () => {
    it('sends a dead letter once, marks its key sent and removes it', async () => {
      const { sender, outbox } = await setup();
      fake!.failNext(1, { status: 400, code: 100 });
      const dead = await sender.send(USER, text('x'), 'k');
      if (dead.status !== 'dead') throw new Error('expected a dead letter');
      expect(await sender.replay('dead', dead.entryId)).toEqual({ status: 'sent', messageId: 'wamid.fake.1' });
      expect(await sender.replay('dead', dead.entryId)).toBeUndefined();
      expect(fake!.sentMessages()).toHaveLength(1);
      expect(await outbox.list('dead')).toEqual([]);
      expect(await outbox.claimState('k')).toBe('sent:wamid.fake.1');
    });

    it('parks the message again when the replay fails too', async () => {
      const { sender, outbox } = await setup();
      fake!.failNext(2, { status: 400, code: 131026 });
      const dead = await sender.send(USER, text('x'), 'k');
      if (dead.status !== 'dead') throw new Error('expected a dead letter');
      expect((await sender.replay('dead', dead.entryId))?.status).toBe('dead');
      const entries = await outbox.list('dead');
      expect(entries).toHaveLength(1);
      expect(entries[0]!.id).not.toBe(dead.entryId);
    });
  });

  describe('.markRead', () => {
    it('posts a read receipt for the message id', async () => {
      const { sender } = await setup();
      await sender.markRead('wamid.IN1');
      expect(fake!.requests[0]!.path).toBe(`/${PHONE_NUMBER_ID}/messages`);
      expect(fake!.requests[0]!.json).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1' });
    });

    it('takes no token of the message rate (Meta counts messages, not read receipts); messages still do', async () => {
      let reserved = 0;
      const { sender } = await setup({ rateLimiter: { reserve: async () => (reserved++, 0) } });
      for (let n = 0; n < 5; n++) await sender.markRead(`wamid.IN${n}`);
      expect(reserved).toBe(0);
      await sender.send(USER, text('x'), 'k');
      expect(reserved).toBe(1);
    });
  });
});
