/**
 * Token bucket by reservation: each call takes one token and says how long the caller must wait for it,
 * so concurrent callers are spaced out exactly at `ratePerSecond` without a timer of its own.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  /**
   * @param ratePerSecond sustained rate, tokens per second (> 0).
   * @param capacity burst size, default one second's worth (`ratePerSecond`).
   * @param now clock in epoch ms, default `Date.now`.
   */
  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number = ratePerSecond,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be > 0');
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Takes a token; returns the ms to wait before using it (0 when one is available now). */
  reserve(): number {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) * this.ratePerSecond) / 1000);
    this.updatedAt = now;
    this.tokens -= 1;
    // A negative balance is a queue of reservations: the caller waits until its token has refilled.
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.ratePerSecond);
  }
}
