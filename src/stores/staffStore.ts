import { z } from 'zod';

/**
 * Staff accounts, login sessions and the audit log (caseworker console; reusable by any staff view, e.g. bookings).
 * Memory and Redis implementations share one contract suite.
 */

/** `caseworker` works the queue; `admin` may also act on others' tickets and export the audit log. */
export const StaffRole = z.enum(['caseworker', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

/** Usernames: short, lowercase, safe in keys, URLs and CSV. */
export const StaffUsername = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, '2–32 characters: a–z, 0–9, . _ - (starting with a letter or digit)');

/** One staff account. */
export const StaffAccount = z.object({
  username: StaffUsername,
  role: StaffRole,
  /** scrypt hash in the form `scrypt$N$r$p$salt$hash` (base64url). */
  passwordHash: z.string(),
  disabled: z.boolean(),
  createdAt: z.number(),
});
export type StaffAccount = z.infer<typeof StaffAccount>;

/** A login session (the cookie holds a random token; stores keep only its SHA-256). */
export interface StaffSession {
  readonly username: string;
  readonly role: StaffRole;
  readonly createdAt: number;
}

/** One audit line: who did what, when, on which ticket. No message text, no user id. */
export const AuditEntry = z.object({
  at: z.number(),
  actor: z.string(),
  /** e.g. `login`, `login_failed`, `logout`, `view_transcript`, `view_media`, `claim`, `message`, `note`, `release`, `transfer`, `close`. */
  action: z.string(),
  ticketId: z.string().optional(),
  /** Short context: outcome, transfer target, failure reason. */
  detail: z.string().max(200).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Staff accounts. */
export interface StaffAccountStore {
  /** Adds an account; false when the username exists. */
  create(account: StaffAccount): Promise<boolean>;
  get(username: string): Promise<StaffAccount | undefined>;
  list(): Promise<StaffAccount[]>;
  /** Changes one field atomically; false when the account does not exist. */
  update(username: string, change: Partial<Pick<StaffAccount, 'passwordHash' | 'disabled' | 'role'>>): Promise<boolean>;
}

/** Login sessions that expire after an idle time. */
export interface StaffSessionStore {
  /** Stores a session under the token's hash, expiring after `idleMs` without {@link touch}. */
  create(tokenHash: string, session: StaffSession, idleMs: number): Promise<void>;
  /** The session, renewing its idle time when `touch` is true; undefined when expired or unknown. */
  get(tokenHash: string, touch: boolean, idleMs: number): Promise<StaffSession | undefined>;
  remove(tokenHash: string): Promise<void>;
}

/** Append-only audit log, kept for its configured lifetime. */
export interface AuditLog {
  /** Appends an entry and drops entries older than `retentionMs` before it. */
  record(entry: AuditEntry, retentionMs: number): Promise<void>;
  /** Entries with `from` ≤ at < `to` (ms), oldest first. */
  list(from: number, to: number): Promise<AuditEntry[]>;
}
