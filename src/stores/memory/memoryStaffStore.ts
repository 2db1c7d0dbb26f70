import type { AuditEntry, AuditLog, StaffAccount, StaffAccountStore, StaffSession, StaffSessionStore } from '../staffStore.js';

/**
 * In-process staff accounts (tests, and an app built without an accounts file). They live as long as the process;
 * the embedded store of the app uses the file `npm run caseworker` writes (file/fileStaffAccounts.ts).
 */
export class MemoryStaffAccounts implements StaffAccountStore {
  private readonly accounts = new Map<string, StaffAccount>();

  async create(account: StaffAccount): Promise<boolean> {
    if (this.accounts.has(account.username)) return false;
    this.accounts.set(account.username, { ...account });
    return true;
  }

  async get(username: string): Promise<StaffAccount | undefined> {
    const a = this.accounts.get(username);
    return a ? { ...a } : undefined;
  }

  async list(): Promise<StaffAccount[]> {
    return [...this.accounts.values()].map((a) => ({ ...a })).sort((a, b) => a.username.localeCompare(b.username));
  }

  async update(username: string, change: Partial<Pick<StaffAccount, 'passwordHash' | 'disabled' | 'role'>>): Promise<boolean> {
    const a = this.accounts.get(username);
    if (!a) return false;
    Object.assign(a, change);
    return true;
  }
}

/** In-process sessions with idle expiry. */
export class MemoryStaffSessions implements StaffSessionStore {
  private readonly sessions = new Map<string, { session: StaffSession; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async create(tokenHash: string, session: StaffSession, idleMs: number): Promise<void> {
    for (const [k, v] of this.sessions) if (v.expiresAt <= this.now()) this.sessions.delete(k);
    this.sessions.set(tokenHash, { session: { ...session }, expiresAt: this.now() + idleMs });
  }

  async get(tokenHash: string, touch: boolean, idleMs: number): Promise<StaffSession | undefined> {
    const entry = this.sessions.get(tokenHash);
    if (!entry || entry.expiresAt <= this.now()) return undefined;
    if (touch) entry.expiresAt = this.now() + idleMs;
    return { ...entry.session };
  }

  async remove(tokenHash: string): Promise<void> {
    this.sessions.delete(tokenHash);
  }
}

/** In-process audit log. */
export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry, retentionMs: number): Promise<void> {
    this.entries.push({ ...entry });
    while (this.entries.length > 0 && this.entries[0]!.at < entry.at - retentionMs) this.entries.shift();
  }

  async list(from: number, to: number): Promise<AuditEntry[]> {
    return this.entries.filter((e) => e.at >= from && e.at < to).map((e) => ({ ...e }));
  }
}
