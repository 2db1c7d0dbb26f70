import type { Redis } from 'ioredis';
import { hashPassword } from '../../src/domain/staff/passwordHash.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisStaffAccounts } from '../../src/stores/redis/redisStaffStore.js';
import type { StaffRole } from '../../src/stores/staffStore.js';

/** Creates console accounts directly in the store (as `npm run caseworker -- add` does). */
export async function addStaff(client: Redis, keyPrefix: string, accounts: Array<{ username: string; password: string; role?: StaffRole; disabled?: boolean }>) {
  const store = new RedisStaffAccounts(client, redisKeys(keyPrefix));
  for (const a of accounts) {
    await store.create({ username: a.username, role: a.role ?? 'caseworker', passwordHash: await hashPassword(a.password), disabled: a.disabled ?? false, createdAt: Date.now() });
  }
  return store;
}

/** A caseworker's HTTP client on one app instance: keeps the session cookie and sends our Origin, as the page does. */
export class ConsoleClient {
  private cookie = '';

  constructor(readonly baseUrl: string) {}

  /** Signs in; returns the response status. */
  async login(username: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.request('POST', '/login', { username, password }, headers);
    const set = res.headers.get('set-cookie');
    if (set && res.status === 200) this.cookie = set.split(';')[0]!;
    return res;
  }

  /** Uses another client's session (the same caseworker on a second instance). */
  shareSession(other: ConsoleClient): this {
    this.cookie = other.cookie;
    return this;
  }

  get sessionCookie(): string {
    return this.cookie;
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}/console/api${path}`, {
      method,
      headers: {
        origin: this.baseUrl,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async json<T = Record<string, any>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, body);
    return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
  }
}
