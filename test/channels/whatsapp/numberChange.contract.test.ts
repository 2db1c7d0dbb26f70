import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { channelRecordSteps, createWhatsAppNumberChange, type UserRecordsStep } from '../../../src/channels/whatsapp/whatsappNumberChange.js';
import { AppointmentService } from '../../../src/domain/appointments/appointmentService.js';
import { fixedOrientationPoints } from '../../../src/domain/appointments/orientationPointsStore.js';
import { personKeyOf } from '../../../src/domain/appointments/personKey.js';
import { HandoffQueue } from '../../../src/domain/handoff/handoffQueue.js';
import { MemoryAppointmentStore } from '../../../src/stores/memory/memoryAppointmentStore.js';
import { MemoryHandoffStore } from '../../../src/stores/memory/memoryHandoffStore.js';
import { MemoryInboundQueue } from '../../../src/stores/memory/memoryInboundQueue.js';
import { MemoryMenuMemory } from '../../../src/stores/memory/memoryMenuMemory.js';
import { MemoryOutbox } from '../../../src/stores/memory/memoryOutbox.js';
import { MemoryStateStorage } from '../../../src/stores/memory/memoryStateStorage.js';
import { MemoryTurnOutcomes } from '../../../src/stores/memory/memoryTurnOutcomes.js';
import { MemoryWhatsAppContacts } from '../../../src/stores/memory/memoryWhatsAppContacts.js';
import { MemoryWhatsAppIdentityLinks } from '../../../src/stores/memory/memoryWhatsAppIdentityLinks.js';
import { MemoryWhatsAppUserMove } from '../../../src/stores/memory/memoryWhatsAppUserMove.js';
import { RedisAppointmentStore } from '../../../src/stores/redis/redisAppointmentStore.js';
import { RedisHandoffStore } from '../../../src/stores/redis/redisHandoffStore.js';
import { RedisInboundQueue } from '../../../src/stores/redis/redisInboundQueue.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisMenuMemory } from '../../../src/stores/redis/redisMenuMemory.js';
import { RedisOutbox } from '../../../src/stores/redis/redisOutbox.js';
import { RedisStateStorage } from '../../../src/stores/redis/redisStateStorage.js';
import { RedisTurnOutcomes } from '../../../src/stores/redis/redisTurnOutcomes.js';
import { RedisWhatsAppContacts } from '../../../src/stores/redis/redisWhatsAppContacts.js';
import { RedisWhatsAppIdentityLinks } from '../../../src/stores/redis/redisWhatsAppIdentityLinks.js';
import { RedisWhatsAppUserMove } from '../../../src/stores/redis/redisWhatsAppUserMove.js';
import { APPT_NOW, testPoints } from '../../helpers/appointments.js';
import { everythingStored } from '../../helpers/redisContents.js';
import { REDIS_TOPOLOGIES, testRedisClient, type RedisTopology } from '../../helpers/redisClients.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';

const logger = pino({ level: 'silent' });

const stateKeysOf = (channel: string, id: string) => [`${channel}/conversations/${id}/`, `${channel}/users/${id}/`];

/** Every store a number change touches, on one backend, as index.ts and whatsappChannel.ts wire them. */
function parts(backend: 'memory' | RedisTopology) {
  const points = fixedOrientationPoints(testPoints());
  if (backend === 'memory') {
    const state = new MemoryStateStorage(3600);
    const contacts = new MemoryWhatsAppContacts();
    const menus = new MemoryMenuMemory();
    const appointmentStore = new MemoryAppointmentStore();
    return {
      appointmentStore,
      redis: undefined,
      state,
      contacts,
      menus,
      userMove: new MemoryWhatsAppUserMove({ state, contacts, menus }),
      links: new MemoryWhatsAppIdentityLinks(),
      outbox: new MemoryOutbox(),
      queue: new MemoryInboundQueue({ maxDepth: 100 }),
      outcomes: new MemoryTurnOutcomes(),
      handoff: new HandoffQueue({ store: new MemoryHandoffStore() }),
      appointments: new AppointmentService({ store: appointmentStore, points, now: () => APPT_NOW }),
    };
  }
  const client = testRedisClient(backend);
  const prefix = uniquePrefix('numchg');
  const keys = redisKeys(prefix);
  const appointmentStore = new RedisAppointmentStore(client, keys);
  return {
    appointmentStore,
    redis: { client, keys, prefix },
    state: new RedisStateStorage(client, keys, 3600),
    contacts: new RedisWhatsAppContacts({ client, keys }),
    menus: new RedisMenuMemory(client, keys),
    userMove: new RedisWhatsAppUserMove(client, keys),
    links: new RedisWhatsAppIdentityLinks(client, keys),
    outbox: new RedisOutbox(client, keys),
    queue: new RedisInboundQueue({ client, keys, maxDepth: 100, pollIntervalMs: 20, partitions: backend === 'redis cluster' ? 16 : 1 }),
    outcomes: new RedisTurnOutcomes(client, keys),
    handoff: new HandoffQueue({ store: new RedisHandoffStore(client, keys) }),
    appointments: new AppointmentService({ store: appointmentStore, points, now: () => APPT_NOW }),
  };
}
type Parts = ReturnType<typeof parts>;

function numberChange(p: Parts, extra: UserRecordsStep[] = []) {
  return createWhatsAppNumberChange({
    userMove: p.userMove,
    links: p.links,
    stateKeysOf,
    steps: [
      ...channelRecordSteps({ outbox: p.outbox, queue: p.queue, outcomes: p.outcomes, stateKeysOf }),
      (oldId, newId) => p.handoff.moveUser('whatsapp', oldId, newId),
      (oldId, newId) => p.appointments.moveUser('whatsapp', oldId, newId),
      ...extra,
    ],
    logger,
  });
}

/** Gives the user at `id` one of every record kind a number change must carry. */
async function seedUser(p: Parts, id: string, bsuid: string): Promise<{ ref: string; ticketId: string }> {
  const [conversationKey, userKey] = stateKeysOf('whatsapp', id) as [string, string];
  await p.state.write({ [conversationKey]: { memory: { last: 'faq:avrr.cost' } }, [userKey]: { profile: { language: 'en', consent: true } } });
  await p.contacts.recordInbound(id, Date.now());
  await p.menus.save(id, ['faq:avrr.cost', 'intent.book']);
  await p.links.link(bsuid, id);
  const entry = (kind: 'held' | 'dead', n: number) => ({
    id: `e${n}-${kind}`,
    kind,
    waId: id,
    message: { type: 'text', text: { body: 'Your appointment' } },
    idempotencyKey: `wamid.in${n}#0.0`,
    reason: kind === 'held' ? 'window closed' : 'graph 400 code 131026',
    at: Date.now(),
    attempts: 1,
  });
  await p.outbox.park(entry('held', 1), 60_000);
  await p.outbox.park(entry('dead', 2), 60_000);
  const payload = JSON.stringify({ messageId: 'wamid.dead1', waId: id, phoneNumberId: 'PNID', sentAt: Date.now(), kind: 'text', text: 'Hello' });
  await p.queue.enqueue({ id: 'wamid.dead1', conversationKey: `whatsapp:${id}`, channel: 'whatsapp', payload });
  const lease = await p.queue.claim('w', 60_000);
  if (!lease) throw new Error('nothing to claim');
  await p.queue.deadLetter(lease, 'maxDeliveries', 'Error');
  await p.outcomes.decide(
    {
      messageId: 'wamid.dead1',
      conversationKey: `whatsapp:${id}`,
      decidedAt: Date.now(),
      replies: [{ key: 'wamid.dead1#0', activity: { type: 'message', text: 'Hi', recipient: { id }, conversation: { id } } }],
      state: [{ op: 'write', key: userKey, item: { profile: { language: 'en' } } }],
    },
    60_000,
  );
  const { ticket } = await p.handoff.open({ channel: 'whatsapp', userId: id, conversationId: id, language: 'en', priority: 'normal', reason: 'asked' });
  const held = await p.appointments.hold(personKeyOf('whatsapp', id), 'casablanca', '2026-12-10', '09:00');
  if (held.status !== 'held') throw new Error('no seat');
  const booked = await p.appointments.confirm(personKeyOf('whatsapp', id), held.seat, {
    firstName: 'Awa',
    nationality: 'SN',
    phone: `+${id}`,
    contact: { channel: 'whatsapp', userId: id, conversationId: id, lang: 'en' },
  });
  if (booked.status !== 'booked') throw new Error('not booked');
  return { ref: booked.booking.ref, ticketId: ticket.id };
}

describe.each(['memory', ...REDIS_TOPOLOGIES] as const)('WhatsApp number change (%s)', (backend) => {
  it('moves all of the user\'s open work to the new number, and nothing stays findable under the old one', async () => {
    const p = parts(backend);
    const [oldId, newId, bsuid] = ['212600000501', '212600000599', 'MA.50150150'];
    const { ref, ticketId } = await seedUser(p, oldId, bsuid);
    await numberChange(p).move(oldId, newId);

    // The user's own records.
    const state = await p.state.read(stateKeysOf('whatsapp', newId));
    expect(state[`whatsapp/users/${newId}/`]).toMatchObject({ profile: { language: 'en', consent: true } });
    expect(state[`whatsapp/conversations/${newId}/`]).toMatchObject({ memory: { last: 'faq:avrr.cost' } });
    expect(await p.state.read(stateKeysOf('whatsapp', oldId))).toEqual({});
    expect(await p.contacts.lastInboundAt(newId)).toBeDefined();
    expect(await p.menus.load(newId)).toEqual(['faq:avrr.cost', 'intent.book']);
    // Their username id now leads to the new number.
    expect(await p.links.resolve(bsuid)).toBe(newId);
    // Held and dead replies are replayed to the new number.
    expect((await p.outbox.list('held')).map((e) => e.waId)).toEqual([newId]);
    expect((await p.outbox.list('dead')).map((e) => e.waId)).toEqual([newId]);
    // An inbound dead letter requeued by staff runs in the new conversation and re-delivers its stored replies there.
    const [letter] = await p.queue.deadLetters();
    expect(letter?.message.conversationKey).toBe(`whatsapp:${newId}`);
    expect(JSON.parse(letter!.message.payload)).toMatchObject({ waId: newId });
    const outcome = await p.outcomes.get(`whatsapp:${newId}`, 'wamid.dead1');
    expect(outcome?.replies[0]?.activity).toMatchObject({ recipient: { id: newId }, conversation: { id: newId } });
    expect(outcome?.state[0]?.key).toBe(`whatsapp/users/${newId}/`);
    expect(await p.outcomes.get(`whatsapp:${oldId}`, 'wamid.dead1')).toBeUndefined();
    // The caseworker's replies go to the new number.
    const ticket = await p.handoff.openTicketOf('whatsapp', newId);
    expect(ticket).toMatchObject({ id: ticketId, userId: newId, conversationId: newId });
    expect(await p.handoff.openTicketOf('whatsapp', oldId)).toBeUndefined();
    // The booking (and its reminders) reach the new number.
    const [booking] = await p.appointments.upcoming(personKeyOf('whatsapp', newId));
    expect(booking).toMatchObject({ ref, phone: `+${newId}`, contact: { userId: newId, conversationId: newId } });
    expect(await p.appointments.upcoming(personKeyOf('whatsapp', oldId))).toEqual([]);
    expect((await p.appointmentStore.remindersOf(ref)).length).toBeGreaterThan(0);

    if (p.redis) {
      const stored = await everythingStored(p.redis.client, p.redis.prefix);
      expect(stored.length).toBeGreaterThan(10);
      expect(stored.filter((line) => line.includes(oldId))).toEqual([]);
      expect(stored.some((line) => line.includes(newId))).toBe(true);
    }

    // "Delete my data" from the new number erases the ticket and the booking's personal fields.
    expect(await p.handoff.eraseUser('whatsapp', newId)).toBe(1);
    expect(await p.appointments.eraseMyData(personKeyOf('whatsapp', newId))).toBe(1);
  });

  it('a move cut short by a crash is finished by running it again (the queue\'s retry, or the next message from the old id)', async () => {
    const p = parts(backend);
    const [oldId, newId] = ['212600000502', '212600000598'];
    await seedUser(p, oldId, 'MA.50250250');
    let crashes = 1;
    const crashOnce: UserRecordsStep = async () => {
      if (crashes-- > 0) throw new Error('crash');
    };
    // The crash comes after the user's own records, outbox and dead letters moved, before the end.
    const change = numberChange(p, [crashOnce]);
    await expect(change.move(oldId, newId)).rejects.toThrow('crash');
    expect(await p.userMove.pendingTarget(oldId)).toBe(newId);
    // On Redis a per-key copy cut between its two steps leaves both copies: the retry keeps the new one.
    if (p.redis) await p.redis.client.hset(p.redis.keys.whatsappContact(oldId), 'in', '1');
    await change.finishPending(oldId);
    expect(await p.userMove.pendingTarget(oldId)).toBeUndefined();
    expect(await p.handoff.openTicketOf('whatsapp', newId)).toBeDefined();
    expect(await p.contacts.lastInboundAt(oldId)).toBeUndefined();
    expect(await p.contacts.lastInboundAt(newId)).not.toBe(1);
    expect((await p.outbox.list('held')).map((e) => e.waId)).toEqual([newId]);
    await change.finishPending(oldId); // nothing pending: nothing happens
    if (p.redis) expect((await everythingStored(p.redis.client, p.redis.prefix)).filter((line) => line.includes(oldId))).toEqual([]);
  });

  it('when the old number was only an alias of a conversation keyed by the BSUID, re-points the alias and moves nothing', async () => {
    const p = parts(backend);
    const bsuid = 'MA.50350350';
    await p.state.write({ [`whatsapp/users/${bsuid}/`]: { profile: { language: 'ar' } } });
    await p.links.link('212600000503', bsuid);
    await numberChange(p).move('212600000503', '212600000597');
    expect(await p.links.resolve('212600000597')).toBe(bsuid);
    expect(await p.links.resolve('212600000503')).toBeUndefined();
    expect(await p.links.aliasesOf(bsuid)).toEqual(['212600000597']);
    expect(await p.state.read([`whatsapp/users/${bsuid}/`])).toHaveProperty([`whatsapp/users/${bsuid}/`]);
  });
});

describe.each(['memory', ...REDIS_TOPOLOGIES] as const)('WhatsApp identity links (%s)', (backend) => {
  it('links, resolves, forgets every alias of a user, and ignores a link to itself', async () => {
    const { links } = parts(backend);
    await links.link('MA.1', '212600000601');
    await links.link('212600000602', '212600000602');
    expect(await links.resolve('MA.1')).toBe('212600000601');
    expect(await links.resolve('212600000602')).toBeUndefined();
    expect(await links.aliasesOf('212600000601')).toEqual(['MA.1']);
    await links.forget('212600000601');
    expect(await links.resolve('MA.1')).toBeUndefined();
    expect(await links.aliasesOf('212600000601')).toEqual([]);
  });

  it('expires a link after its configured lifetime', async () => {
    let now = 1_000_000;
    const memory = new MemoryWhatsAppIdentityLinks(60, () => now);
    await memory.link('MA.2', '212600000603');
    now += 61_000;
    expect(await memory.resolve('MA.2')).toBeUndefined();
    if (backend !== 'memory') {
      const p = parts(backend);
      const links = new RedisWhatsAppIdentityLinks(p.redis!.client, p.redis!.keys, 60);
      await links.link('MA.2', '212600000603');
      const ttl = await p.redis!.client.ttl(p.redis!.keys.whatsappLink('MA.2'));
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
      expect(await p.redis!.client.ttl(p.redis!.keys.whatsappAliases('212600000603'))).toBeLessThanOrEqual(60);
    }
  });
});
