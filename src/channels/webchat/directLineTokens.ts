import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a Direct Line token grants: one conversation, until `expiresAt` (seconds since epoch). */
export interface TokenGrant {
  readonly conversationId: string;
  readonly expiresAt: number;
}

/**
 * Stateless Direct Line tokens: `base64url(JSON) + "." + base64url(HMAC-SHA256)`. A token opens one
 * conversation only; any instance holding the same secret can check it.
 */
export class DirectLineTokens {
  private readonly secret: Buffer;

  /**
   * @param secret signing secret (DIRECTLINE_SECRET); random when undefined (single instance only).
   * @param ttlSeconds token lifetime, default 3600 as Microsoft's.
   */
  constructor(
    secret: string | undefined,
    readonly ttlSeconds = 3600,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  /** Issues a token for `conversationId`. */
  issue(conversationId: string): { token: string; expiresIn: number } {
    const payload = Buffer.from(JSON.stringify({ c: conversationId, e: this.now() + this.ttlSeconds, n: randomBytes(6).toString('hex') })).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, expiresIn: this.ttlSeconds };
  }

  /** The grant of a valid, unexpired token, or undefined. */
  verify(token: string | undefined): TokenGrant | undefined {
    if (!token || token.length > 1024) return undefined;
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { c?: unknown; e?: unknown };
      if (typeof data.c !== 'string' || typeof data.e !== 'number' || data.e <= this.now()) return undefined;
      return { conversationId: data.c, expiresAt: data.e };
    } catch {
      return undefined;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
