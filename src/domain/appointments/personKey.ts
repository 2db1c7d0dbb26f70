import { createHash } from 'node:crypto';

/**
 * Pseudonymous id of a person in the appointment store: a hash of their channel and channel user id, so store
 * keys and staff exports never carry a phone number.
 */
export function personKeyOf(channel: string, userId: string): string {
  return createHash('sha256').update(`${channel}\u0000${userId}`).digest('hex').slice(0, 32);
}
