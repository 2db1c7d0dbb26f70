import { randomBytes } from 'node:crypto';

/** A fresh key prefix, so tests sharing one redis-server never see each other's keys. */
export function uniquePrefix(label = 't'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}
