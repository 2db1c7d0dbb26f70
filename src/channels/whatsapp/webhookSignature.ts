import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/**
 * The `X-Hub-Signature-256` value Meta sends with a webhook: `sha256=` + the hex HMAC-SHA256 of the raw body
 * keyed with the app secret. Used by the simulator and tests to sign like Meta.
 * @see https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
 */
export function signWebhookBody(rawBody: Buffer | string, appSecret: string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * Checks `X-Hub-Signature-256` against the raw body (exact bytes, before any JSON parsing) in constant time.
 * A missing header, another algorithm or a digest of the wrong length is simply false.
 */
export function verifyWebhookSignature(rawBody: Buffer, header: string | string[] | undefined, appSecret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith(PREFIX)) return false;
  const given = header.slice(PREFIX.length).trim();
  if (!HEX_DIGEST.test(given)) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  // Both are 32 bytes here (checked above), as timingSafeEqual requires.
  return timingSafeEqual(Buffer.from(given, 'hex'), expected);
}

/**
 * Compares the `hub.verify_token` Meta sends with ours in constant time: both are hashed first, so the
 * comparison neither stops at the first differing character nor reveals the length of our token.
 */
export function verifyTokenMatches(given: string | null | undefined, expected: string | undefined): boolean {
  if (typeof given !== 'string' || expected === undefined) return false;
  const digest = (value: string) => createHmac('sha256', 'hub.verify_token').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
