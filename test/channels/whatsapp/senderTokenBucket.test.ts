import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/channels/whatsapp/tokenBucket.js';

describe('TokenBucket', () => {
  it('allows a burst of one second, then spaces reservations at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(80, 80, () => now);
    const waits = Array.from({ length: 82 }, () => bucket.reserve());
    expect(waits.slice(0, 80).every((w) => w === 0)).toBe(true);
    expect(waits.slice(80)).toEqual([13, 25]); // 1/80 s and 2/80 s, rounded up
    now = 1_000;
    // 80 tokens refilled, 2 owed: 78 free.
    expect(Array.from({ length: 79 }, () => bucket.reserve()).filter((w) => w > 0)).toHaveLength(1);
  });

  it('refuses a non-positive rate', () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError);
  });
});
