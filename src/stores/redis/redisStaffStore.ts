import { randomBytes } from 'node:crypto';
import type { RedisClient } from './redisConnection.js';
import { AuditEntry, StaffAccount, type AuditLog, type StaffAccountStore, type StaffSession, type StaffSessionStore } from '../staffStore.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';

/** Redis staff accounts: one hash per account, a set of usernames. */
export class RedisStaffAccounts implements StaffAccountStore {
  private readonly createScript: string;
  private readonly updateScript: string;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {
    this.createScript = defineLuaScript(client, 'createStaffAccount-2.lua');
    this.updateScript = defineLuaScript(client, 'updateStaffAccount-1.lua');
  }

  async create(a: StaffAccount): Promise<boolean> {
    const added = await runLuaScript<number>(this.client, this.createScript, [this.keys.staffUsernames(), this.keys.staffAccount(a.username)], [
      a.username, a.role, a.passwordHash, a.disabled ? '1' : '0', a.createdAt,
    ]);
    return added === 1;
  }

  async get(username: string): Promise<StaffAccount | undefined> {
    const h = await this.client.hgetall(this.keys.staffAccount(username));
    if (!h.passwordHash) return undefined;
    return StaffAccount.parse({ username, role: h.role, passwordHash: h.passwordHash, disabled: h.disabled === '1', createdAt: Number(h.createdAt) });
  }

  async list(): Promise<StaffAccount[]> {
    const names = (await this.client.smembers(this.keys.staffUsernames())).sort();
    const accounts = await Promise.all(names.map((n) => this.get(n)));
    return accounts.filter((a): a is StaffAccount => a !== undefined);
  }

  async update(username: string, change: Partial<Pick<StaffAccount, 'passwordHash' | 'disabled' | 'role'>>): Promise<boolean> {
    const pairs: string[] = [];
    if (change.passwordHash !== undefined) pairs.push('passwordHash', change.passwordHash);
    if (change.disabled !== undefined) pairs.push('disabled', change.disabled ? '1' : '0');
    if (change.role !== undefined) pairs.push('role', change.role);
    if (pairs.length === 0) return (await this.get(username)) !== undefined;
    return (await runLuaScript<number>(this.client, this.updateScript, [this.keys.staffAccount(username)], pairs)) === 1;
  }
}

/** Redis sessions: a JSON value per token hash with an idle expiry (renewed with GETEX, one command). */
export class RedisStaffSessions implements StaffSessionStore {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async create(tokenHash: string, session: StaffSession, idleMs: number): Promise<void> {
    await this.client.set(this.keys.staffSession(tokenHash), JSON.stringify(session), 'PX', idleMs);
  }

  async get(tokenHash: string, touch: boolean, idleMs: number): Promise<StaffSession | undefined> {
    const key = this.keys.staffSession(tokenHash);
    const json = touch ? await this.client.getex(key, 'PX', idleMs) : await this.client.get(key);
    return json ? (JSON.parse(json) as StaffSession) : undefined;
  }

  async remove(tokenHash: string): Promise<void> {
    await this.client.del(this.keys.staffSession(tokenHash));
  }
}

/** Redis audit log: a sorted set by time; each member carries a random suffix so equal entries stay distinct. */
export class RedisAuditLog implements AuditLog {
  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
  ) {}

  async record(entry: AuditEntry, retentionMs: number): Promise<void> {
    const key = this.keys.staffAudit();
    await this.client
      .multi()
      .zadd(key, entry.at, JSON.stringify({ ...entry, n: randomBytes(4).toString('hex') }))
      .zremrangebyscore(key, '-inf', `(${entry.at - retentionMs}`)
      .exec();
  }

  async list(from: number, to: number): Promise<AuditEntry[]> {
    const items = await this.client.zrangebyscore(this.keys.staffAudit(), from, `(${to}`);
    return items.map((json) => {
      const { n: _n, ...entry } = JSON.parse(json) as AuditEntry & { n?: string };
      return AuditEntry.parse(entry);
    });
  }
}
