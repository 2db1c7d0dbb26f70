import { EventEmitter } from 'node:events';
import type { RedisClient } from './redisConnection.js';
import {
  HandoffTicket,
  TranscriptEntry,
  type AssignOptions,
  type HandoffCounts,
  type HandoffOutcome,
  type HandoffPriority,
  type HandoffResultCode,
  type HandoffStore,
  type HandoffView,
  TRANSCRIPT_TURN_WINDOW,
} from '../handoffStore.js';
import { defineLuaScript, runLuaScript, runVariadicLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

const RANKS = ['urgent', 'vulnerable', 'normal'] as const;

/**
 * Redis {@link HandoffStore}: tickets as JSON in one hash, the queue as one sorted set (priority bands), leases
 * and owed answers as sorted sets; each transition is one Lua script (src/stores/redis/lua/*Handoff*.lua), so
 * any number of instances can share the queue. Changes are announced on a pub/sub channel.
 */
export class RedisHandoffStore implements HandoffStore {
  private readonly scripts: Record<'open' | 'claim' | 'transfer' | 'release' | 'finish' | 'renew' | 'requeue' | 'append' | 'reminder' | 'erase' | 'move' | 'place' | 'delivered', string>;
  private readonly events = new EventEmitter().setMaxListeners(0);
  private subscriber: RedisClient | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.scripts = {
      open: defineLuaScript(client, 'openHandoff-5.lua'),
      claim: defineLuaScript(client, 'claimHandoff-8.lua'),
      transfer: defineLuaScript(client, 'transferHandoff-8.lua'),
      release: defineLuaScript(client, 'releaseHandoff-5.lua'),
      finish: defineLuaScript(client, 'finishHandoff-8.lua'),
      renew: defineLuaScript(client, 'renewHandoffLeases-2.lua'),
      requeue: defineLuaScript(client, 'requeueExpiredHandoffs-5.lua'),
      append: defineLuaScript(client, 'appendHandoffMessage-3.lua'),
      reminder: defineLuaScript(client, 'markHandoffReminder-1.lua'),
      place: defineLuaScript(client, 'markHandoffPlace-1.lua'),
      delivered: defineLuaScript(client, 'markHandoffDelivered-3.lua'),
      erase: defineLuaScript(client, 'eraseHandoffTickets-9.lua', { variadicKeys: true }),
      move: defineLuaScript(client, 'moveHandoffUser-4.lua'),
    };
  }

  async open(ticket: HandoffTicket): Promise<{ ticket: HandoffTicket; created: boolean }> {
    const k = this.keys;
    const userKey = `${ticket.channel}:${ticket.userId}`;
    const [created, json] = await runLuaScript<[number, string]>(
      this.client,
      this.scripts.open,
      [k.handoffTickets(), k.handoffWaiting(), k.handoffOpenByUser(), k.handoffUserTickets(userKey), k.handoffCounts()],
      [JSON.stringify(ticket), userKey, k.handoffEvents()],
    );
    return { ticket: parseTicket(json), created: created === 1 };
  }

  async get(id: string): Promise<HandoffTicket | undefined> {
    const json = await this.client.hget(this.keys.handoffTickets(), id);
    return json ? parseTicket(json) : undefined;
  }

  async openTicketOf(channel: string, userId: string): Promise<HandoffTicket | undefined> {
    const id = await this.client.hget(this.keys.handoffOpenByUser(), `${channel}:${userId}`);
    return id ? this.get(id) : undefined;
  }

  async list(view: HandoffView, limit = 500): Promise<HandoffTicket[]> {
    if (view === 'waiting') {
      const ids = await this.client.zrange(this.keys.handoffWaiting(), 0, limit - 1);
      return this.many(ids);
    }
    const all = (await this.client.hvals(this.keys.handoffTickets())).map(parseTicket);
    return all
      .filter((t) => view === 'all' || t.status === 'waiting' || t.status === 'assigned' || t.status === 'transferred')
      // Open tickets oldest first; `all` newest first, so the limit cuts old history, not today's tickets.
      .sort((a, b) => (view === 'all' ? -1 : 1) * (a.createdAt - b.createdAt || a.id.localeCompare(b.id)))
      .slice(0, limit);
  }

  claim(id: string, caseworker: string, o: AssignOptions): Promise<HandoffResultCode> {
    return runLuaScript<HandoffResultCode>(this.client, this.scripts.claim, this.assignKeys(), [
      id, caseworker, o.now, o.leaseMs, o.capacity, o.from.join(','), this.keys.handoffEvents(),
    ]);
  }

  transfer(id: string, from: string | undefined, to: string, o: AssignOptions): Promise<HandoffResultCode> {
    return runLuaScript<HandoffResultCode>(this.client, this.scripts.transfer, this.assignKeys(), [
      id, from ?? '', to, o.now, o.leaseMs, o.capacity, o.from.join(','), this.keys.handoffEvents(),
    ]);
  }

  release(id: string, caseworker: string | undefined, o: Pick<AssignOptions, 'now' | 'from'>): Promise<HandoffResultCode> {
    return runLuaScript<HandoffResultCode>(this.client, this.scripts.release, this.queueKeys(), [
      id, caseworker ?? '', o.now, o.from.join(','), this.keys.handoffEvents(),
    ]);
  }

  finish(
    id: string,
    caseworker: string | undefined,
    end: { status: 'closed' | 'cancelled'; outcome: HandoffOutcome },
    o: Pick<AssignOptions, 'now' | 'from'>,
  ): Promise<HandoffResultCode> {
    const k = this.keys;
    return runLuaScript<HandoffResultCode>(
      this.client,
      this.scripts.finish,
      [...this.queueKeys(), k.handoffOpenByUser(), k.handoffEnded(), k.handoffCounts()],
      [id, caseworker ?? '', end.status, end.outcome, o.now, o.from.join(','), k.handoffEvents()],
    );
  }

  renewLeases(caseworker: string, now: number, leaseMs: number): Promise<number> {
    return runLuaScript<number>(this.client, this.scripts.renew, [this.keys.handoffAssignees(), this.keys.handoffLeases()], [caseworker, now + leaseMs]);
  }

  requeueExpired(now: number, silentMs: number): Promise<string[]> {
    return runLuaScript<string[]>(this.client, this.scripts.requeue, this.queueKeys(), [now, silentMs, this.keys.handoffEvents()]);
  }

  async append(id: string, entry: TranscriptEntry, windowClosesAt?: number): Promise<boolean> {
    const k = this.keys;
    const result = await runLuaScript<number>(
      this.client,
      this.scripts.append,
      [k.handoffTickets(), k.handoffTranscript(id), k.handoffOwed()],
      [id, JSON.stringify(entry), windowClosesAt ?? '', k.handoffEvents(), TRANSCRIPT_TURN_WINDOW],
    );
    return result === 1;
  }

  async transcript(id: string, limit = 500): Promise<TranscriptEntry[]> {
    const items = await this.client.lrange(this.keys.handoffTranscript(id), -limit, -1);
    return items.map((json) => TranscriptEntry.parse(JSON.parse(json)));
  }

  async markReminderSent(id: string, windowClosesAt: number): Promise<boolean> {
    return (await runLuaScript<number>(this.client, this.scripts.reminder, [this.keys.handoffTickets()], [id, windowClosesAt])) === 1;
  }

  async markPlaceTold(id: string, told: { place: number; at: number; since: number }, previousAt: number | undefined): Promise<boolean> {
    const args = [id, told.place, told.at, told.since, previousAt ?? ''];
    return (await runLuaScript<number>(this.client, this.scripts.place, [this.keys.handoffTickets()], args)) === 1;
  }

  async markDelivered(id: string, sendKey: string, delivery: 'sent' | 'failed', at: number): Promise<boolean> {
    const k = this.keys;
    const keys = [k.handoffTickets(), k.handoffTranscript(id), k.handoffOwed()];
    return (await runLuaScript<number>(this.client, this.scripts.delivered, keys, [id, sendKey, delivery, at, k.handoffEvents()])) === 1;
  }

  async loads(): Promise<Record<string, number>> {
    const loads: Record<string, number> = {};
    for (const who of await this.client.hvals(this.keys.handoffAssignees())) loads[who] = (loads[who] ?? 0) + 1;
    return loads;
  }

  async markPresent(caseworker: string, until: number): Promise<void> {
    await this.client.zadd(this.keys.handoffPresence(), until, caseworker);
  }

  async present(now: number): Promise<string[]> {
    return (await this.client.zrangebyscore(this.keys.handoffPresence(), `(${now}`, '+inf')).sort();
  }

  async recentWaits(priority: HandoffPriority): Promise<number[]> {
    return (await this.client.lrange(this.keys.handoffWaits(priority), 0, 49)).map(Number);
  }

  async counts(): Promise<HandoffCounts> {
    const raw = await this.client.hgetall(this.keys.handoffCounts());
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }

  async eraseUser(channel: string, userId: string): Promise<number> {
    const userSet = this.keys.handoffUserTickets(`${channel}:${userId}`);
    let total = 0;
    // The script refuses (-1) when the user opened a ticket after we listed theirs: list again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const ids = await this.client.smembers(userSet);
      const erased = await this.erase('user', userSet, ids, '');
      if (erased >= 0) return total + erased;
      total += ids.length;
    }
    throw new Error('Handoff erase did not settle after 5 attempts: the user keeps opening tickets');
  }

  async moveUser(channel: string, oldUserId: string, newUserId: string): Promise<number> {
    if (oldUserId === newUserId) return 0;
    const k = this.keys;
    return runLuaScript<number>(
      this.client,
      this.scripts.move,
      [k.handoffTickets(), k.handoffOpenByUser(), k.handoffUserTickets(`${channel}:${oldUserId}`), k.handoffUserTickets(`${channel}:${newUserId}`)],
      [channel, oldUserId, newUserId, k.handoffEvents()],
    );
  }

  async purgeEnded(before: number): Promise<number> {
    const ids = await this.client.zrangebyscore(this.keys.handoffEnded(), '-inf', `(${before}`, 'LIMIT', 0, 500);
    if (ids.length === 0) return 0;
    return this.erase('age', this.keys.handoffEnded(), ids, String(before));
  }

  subscribe(listener: (ticketId: string) => void): () => void {
    this.ensureSubscriber();
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }

  async close(): Promise<void> {
    this.events.removeAllListeners();
    if (this.subscriber) await this.subscriber.quit().catch(() => this.subscriber?.disconnect());
  }

  private erase(mode: 'user' | 'age', setKey: string, ids: string[], before: string): Promise<number> {
    const k = this.keys;
    return runVariadicLuaScript<number>(
      this.client,
      this.scripts.erase,
      [...this.queueKeys(), k.handoffOpenByUser(), k.handoffEnded(), setKey, k.handoffCounts(), ...ids.map((id) => k.handoffTranscript(id))],
      [mode, before, k.handoffEvents(), ...ids],
    );
  }

  private queueKeys(): string[] {
    const k = this.keys;
    return [k.handoffTickets(), k.handoffWaiting(), k.handoffLeases(), k.handoffAssignees(), k.handoffOwed()];
  }

  private assignKeys(): string[] {
    return [...this.queueKeys(), ...RANKS.map((p) => this.keys.handoffWaits(p))];
  }

  private async many(ids: string[]): Promise<HandoffTicket[]> {
    if (ids.length === 0) return [];
    const values = await this.client.hmget(this.keys.handoffTickets(), ...ids);
    return values.filter((v): v is string => v !== null).map(parseTicket);
  }

  /** One subscriber connection per store, opened on first use. */
  private ensureSubscriber(): void {
    if (this.subscriber) return;
    this.subscriber = this.client.duplicate();
    this.subscriber.on('error', () => {
      // ioredis reconnects by itself; readiness reports the store's health.
    });
    void this.subscriber.subscribe(this.keys.handoffEvents());
    this.subscriber.on('message', (_channel: string, id: string) => this.events.emit('change', id));
  }
}

/** Lua's cjson writes an empty array as `{}`; the record's lists are put back before validation. */
function parseTicket(json: string): HandoffTicket {
  const raw = JSON.parse(json) as Record<string, unknown>;
  for (const field of ['reasons', 'summary', 'media'] as const) {
    if (!Array.isArray(raw[field])) raw[field] = [];
  }
  return HandoffTicket.parse(raw);
}
