import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { StaffAccount, type StaffAccountStore } from '../staffStore.js';

/** The file's shape: a version, then the accounts (password hashes only, never passwords). */
const AccountsFile = z.object({ version: z.literal(1), accounts: z.array(StaffAccount) });

/** How long a writer waits for another one's lock, and when a lock left by a killed writer is taken over, in ms. */
const LOCK_WAIT_MS = 5_000;
const STALE_LOCK_MS = 30_000;

/**
 * Staff accounts in a JSON file, for the embedded store (no REDIS_URL): `npm run caseworker` writes it and the
 * running app reads it on each use (re-parsed only when the file changed), so an account added, disabled or given a
 * new password works at once, without a restart, and survives restarts. Writes replace the file atomically (a new
 * file renamed over the old one, mode 0600) under an exclusive lock file, so two commands at once lose nothing.
 */
export class FileStaffAccounts implements StaffAccountStore {
  private cache: { readonly stamp: string; readonly accounts: readonly StaffAccount[] } | undefined;

  constructor(readonly file: string) {}

  async create(account: StaffAccount): Promise<boolean> {
    return this.change((accounts) => {
      if (accounts.some((a) => a.username === account.username)) return undefined;
      return [...accounts, StaffAccount.parse(account)];
    });
  }

  async get(username: string): Promise<StaffAccount | undefined> {
    const found = (await this.read()).find((a) => a.username === username);
    return found ? { ...found } : undefined;
  }

  async list(): Promise<StaffAccount[]> {
    return (await this.read()).map((a) => ({ ...a })).sort((a, b) => a.username.localeCompare(b.username));
  }

  async update(username: string, change: Partial<Pick<StaffAccount, 'passwordHash' | 'disabled' | 'role'>>): Promise<boolean> {
    return this.change((accounts) => {
      if (!accounts.some((a) => a.username === username)) return undefined;
      return accounts.map((a) => (a.username === username ? StaffAccount.parse({ ...a, ...change }) : a));
    });
  }

  /** The accounts as the file holds them now; none when there is no file yet. A broken file is an error, never "no accounts". */
  private async read(): Promise<readonly StaffAccount[]> {
    let stamp: string;
    try {
      const s = await stat(this.file);
      stamp = `${s.mtimeMs}:${s.size}:${s.ino}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    if (this.cache?.stamp === stamp) return this.cache.accounts;
    const parsed = AccountsFile.safeParse(JSON.parse(await readFile(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`Staff accounts file ${this.file} is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
    this.cache = { stamp, accounts: parsed.data.accounts };
    return parsed.data.accounts;
  }

  /** Read-modify-write under the lock; `edit` returns the new list, or undefined to leave the file as it is. */
  private async change(edit: (accounts: readonly StaffAccount[]) => StaffAccount[] | undefined): Promise<boolean> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    const release = await this.lock();
    try {
      this.cache = undefined;
      const next = edit(await this.read());
      if (!next) return false;
      const temporary = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ version: 1, accounts: next }, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, this.file);
      return true;
    } finally {
      await release();
    }
  }

  /** An exclusive lock file (O_EXCL create is atomic); a lock older than STALE_LOCK_MS was left by a killed writer. */
  private async lock(): Promise<() => Promise<void>> {
    const lockFile = `${this.file}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        await (await open(lockFile, 'wx', 0o600)).close();
        return () => unlink(lockFile).catch(() => undefined);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const age = await stat(lockFile).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > STALE_LOCK_MS) await unlink(lockFile).catch(() => undefined);
        else if (Date.now() > deadline) throw new Error(`Staff accounts file ${this.file} is locked by another command (remove ${lockFile} if none runs)`);
        else await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  }
}
