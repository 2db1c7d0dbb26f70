import { createHmac, randomBytes } from 'node:crypto';

// One random key per process, never written anywhere: a hash lets log lines of the same message be
// followed together, and cannot be turned back into the id (a WhatsApp wamid is base64 that contains the
// sender's phone number, and a phone number has too few possibilities for an unkeyed hash to hide it).
const KEY = randomBytes(32);

/**
 * A short keyed hash of an identifier for log lines (10 hex characters, e.g. `h:3fa94c07be`). Use it for
 * WhatsApp message ids (wamid), idempotency keys built from them, and anything else that may encode a number.
 */
export function logHash(id: string): string {
  return `h:${createHmac('sha256', KEY).update(id).digest('hex').slice(0, 10)}`;
}
