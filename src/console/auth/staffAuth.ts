import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { z } from 'zod';
import { jsonBody } from '../../http/createHttpServer.js';
import type { AppLogger } from '../../observability/logger.js';
import type { AuditLog, StaffAccountStore, StaffRole, StaffSession, StaffSessionStore } from '../../stores/staffStore.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../../domain/staff/passwordHash.js';

/** Name of the session cookie (HttpOnly, SameSite=Strict, Secure behind TLS). */
export const SESSION_COOKIE = 'tdu_staff';

/** Dependencies of {@link createStaffAuth}. */
export interface StaffAuthDeps {
  readonly accounts: StaffAccountStore;
  readonly sessions: StaffSessionStore;
  readonly audit: AuditLog;
  /** Login attempts per username and per client address (rate-limiter-flexible, on Redis or in memory). */
  readonly limiters: { readonly account: RateLimiterAbstract; readonly address: RateLimiterAbstract };
  /** Logged out after this long without an action, in ms. */
  readonly idleMs: number;
  /** Audit entries are kept this long, in ms. */
  readonly auditRetentionMs: number;
  /** PUBLIC_URL: its origin is the only one allowed to change things; `https` makes the cookie Secure. */
  readonly publicUrl?: string;
  readonly maxBodyBytes: number;
  readonly logger: AppLogger;
  /** Epoch ms, default `Date.now`. */
  readonly now?: () => number;
}

/** The signed-in staff member of a request. */
export interface StaffPrincipal extends StaffSession {
  readonly tokenHash: string;
}

/** A route handler that runs only for a signed-in staff member. */
export type StaffHandler = (req: Request, res: Response, staff: StaffPrincipal) => Promise<void>;

/** Options of {@link StaffAuth.guard}. */
export interface GuardOptions {
  /** Roles allowed, default both. */
  readonly roles?: readonly StaffRole[];
  /** Counts as activity (renews the idle time), default true; false for live streams. */
  readonly touch?: boolean;
}

/** Login, logout, sessions, CSRF and role checks for staff pages (caseworker console, booking views). */
export interface StaffAuth {
  /** Registers `POST <base>/login`, `POST <base>/logout` and `GET <base>/me`. */
  registerRoutes(server: Server, base: string): void;
  /**
   * Wraps a handler: 401 without a valid session (or with a disabled account), 403 for another role; requests that
   * change something (not GET/HEAD) must be JSON and come from our own Origin (CSRF), else 415/403.
   */
  guard(handler: StaffHandler, options?: GuardOptions): (req: Request, res: Response) => Promise<void>;
  /** The signed-in staff member of `req`, renewing the idle time when `touch`; undefined when not signed in. */
  authenticate(req: Request, touch: boolean): Promise<StaffPrincipal | undefined>;
  /** Writes an audit entry (who, what, which ticket); failures are logged, never thrown. */
  audit(actor: string, action: string, ticketId?: string, detail?: string): Promise<void>;
}

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) });

/** Builds the staff authentication from its stores. */
export function createStaffAuth(deps: StaffAuthDeps): StaffAuth {
  const now = deps.now ?? Date.now;
  // Made on first need, not at start (scrypt costs CPU and 32 MB while the app boots).
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= DUMMY_HASH_PROMISE());
  const secureByConfig = deps.publicUrl?.startsWith('https://') ?? false;

  const audit = async (actor: string, action: string, ticketId?: string, detail?: string) => {
    try {
      await deps.audit.record({ at: now(), actor, action, ticketId, detail: detail?.slice(0, 200) }, deps.auditRetentionMs);
    } catch (err) {
      deps.logger.error({ action, err: { name: (err as Error).name } }, 'audit entry could not be written');
    }
  };

  const isSecure = (req: Request) => secureByConfig || req.headers['x-forwarded-proto'] === 'https' || (req.isSecure?.() ?? false);

  const cookie = (req: Request, value: string, maxAgeSeconds: number) =>
    `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${isSecure(req) ? '; Secure' : ''}`;

  const allowedOrigin = (req: Request) => {
    if (deps.publicUrl) return new URL(deps.publicUrl).origin;
    return `${isSecure(req) ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  };

  /** JSON-only body and our own Origin for anything that changes state (SameSite=Strict is the first wall). */
  const csrfProblem = (req: Request): [number, string] | undefined => {
    if (req.method === 'GET' || req.method === 'HEAD') return undefined;
    if (req.headers.origin !== allowedOrigin(req)) return [403, 'foreign_origin'];
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return [415, 'json_only'];
    return undefined;
  };

  const tokenOf = (req: Request): string | undefined => {
    for (const part of String(req.headers.cookie ?? '').split(';')) {
      const [name, ...rest] = part.trim().split('=');
      if (name === SESSION_COOKIE) return rest.join('=');
    }
    return undefined;
  };
  const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

  const principal = async (req: Request, touch: boolean): Promise<StaffPrincipal | undefined> => {
    const token = tokenOf(req);
    if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
    const tokenHash = hashToken(token);
    const session = await deps.sessions.get(tokenHash, touch, deps.idleMs);
    if (!session) return undefined;
    const account = await deps.accounts.get(session.username);
    if (!account || account.disabled) return undefined;
    // The account's current role wins over the one the session was opened with.
    return { ...session, role: account.role, tokenHash };
  };

  const clientAddress = (req: Request) => req.socket?.remoteAddress ?? 'unknown';

  const login = async (req: Request, res: Response) => {
    const csrf = csrfProblem(req);
    if (csrf) return void res.json(csrf[0], { error: csrf[1] });
    const body = LoginBody.safeParse(req.body);
    if (!body.success) return void res.json(400, { error: 'bad_request', message: 'username and password are required' });
    const username = body.data.username.trim().toLowerCase();
    try {
      await Promise.all([deps.limiters.address.consume(clientAddress(req)), deps.limiters.account.consume(username)]);
    } catch (rejection) {
      const wait = (rejection as { msBeforeNext?: number }).msBeforeNext;
      if (wait === undefined) throw rejection;
      await audit(username, 'login_limited');
      res.header('Retry-After', String(Math.ceil(wait / 1000)));
      return void res.json(429, { error: 'too_many_attempts', retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    const account = await deps.accounts.get(username);
    const matches = await verifyPassword(body.data.password, account?.passwordHash ?? (await dummyHash()));
    if (!account || !matches || account.disabled) {
      await audit(username, 'login_failed', undefined, account?.disabled && matches ? 'disabled' : undefined);
      // Same answer for unknown user, wrong password and disabled account: nothing to learn from it.
      return void res.json(401, { error: 'invalid_credentials' });
    }
    // Only failed attempts count: a successful login gives its points back.
    await deps.limiters.account.delete(username).catch(() => undefined);
    await deps.limiters.address.reward(clientAddress(req), 1).catch(() => undefined);
    const token = randomBytes(32).toString('base64url');
    await deps.sessions.create(hashToken(token), { username, role: account.role, createdAt: now() }, deps.idleMs);
    await audit(username, 'login');
    res.header('Set-Cookie', cookie(req, token, Math.ceil(deps.idleMs / 1000) * 48));
    res.json(200, { username, role: account.role, idleSeconds: Math.round(deps.idleMs / 1000) });
  };

  const guard: StaffAuth['guard'] = (handler, options = {}) => async (req, res) => {
    try {
      const staff = await principal(req, options.touch ?? true);
      if (!staff) return void res.json(401, { error: 'not_signed_in' });
      const csrf = csrfProblem(req);
      if (csrf) return void res.json(csrf[0], { error: csrf[1] });
      if (options.roles && !options.roles.includes(staff.role)) return void res.json(403, { error: 'forbidden' });
      await handler(req, res, staff);
    } catch (err) {
      deps.logger.error({ route: String(req.getRoute?.()?.path ?? ''), err: { name: (err as Error).name, message: (err as Error).message } }, 'staff route failed');
      if (!res.headersSent) res.json(500, { error: 'internal' });
    }
  };

  return {
    audit,
    guard,
    authenticate: principal,
    registerRoutes(server, base) {
      server.post(`${base}/login`, jsonBody(deps.maxBodyBytes), async (req: Request, res: Response) => {
        try {
          await login(req, res);
        } catch (err) {
          deps.logger.error({ err: { name: (err as Error).name } }, 'login failed');
          if (!res.headersSent) res.json(500, { error: 'internal' });
        }
      });
      server.post(
        `${base}/logout`,
        jsonBody(deps.maxBodyBytes),
        guard(async (req, res, staff) => {
          await deps.sessions.remove(staff.tokenHash);
          await audit(staff.username, 'logout');
          res.header('Set-Cookie', cookie(req, '', 0));
          res.json(200, { ok: true });
        }),
      );
      server.get(`${base}/me`, guard(async (_req, res, staff) => void res.json(200, { username: staff.username, role: staff.role })));
    },
  };
}
