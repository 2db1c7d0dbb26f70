import type { RedisClient } from './redisConnection.js';
import type { InboundPartitionKeys } from './redisKeys.js';

/**
 * One instance's view of how many messages of each channel wait in each inbound queue partition, for the
 * per-channel bounds: a partition's own count is checked exactly inside its enqueue script, the others'
 * (on other cluster slots, out of the script's reach) come from this view, re-read when older than
 * `maxAgeMs` (one HGETALL per partition). A stale view lets a channel overshoot its bound by what other
 * instances queued in the meantime; 0 makes it exact at the price of those reads on every enqueue.
 */
export class RedisInboundDepthView {
  private at = Number.NEGATIVE_INFINITY;
  private counts: Array<Record<string, number>> = [];
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly partitions: readonly InboundPartitionKeys[],
    private readonly maxAgeMs: number,
  ) {}

  /** Messages of `channel` in the partitions other than `partition` (0 with one partition: nothing to read). */
  async elsewhere(partition: number, channel: string): Promise<number> {
    if (this.partitions.length === 1) return 0;
    if (Date.now() - this.at >= this.maxAgeMs) {
      // One refresh at a time, shared by the enqueues waiting for it.
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined));
      await this.refreshing;
    }
    return this.counts.reduce((sum, counts, p) => (p === partition ? sum : sum + (counts[channel] ?? 0)), 0);
  }

  /** Counts a message this instance just queued, until the next refresh reads it back. */
  queued(partition: number, channel: string): void {
    const counts = this.counts[partition];
    if (counts) counts[channel] = (counts[channel] ?? 0) + 1;
  }

  private async refresh(): Promise<void> {
    const at = Date.now();
    const replies = await Promise.all(this.partitions.map((k) => this.client.hgetall(k.channelDepth())));
    this.counts = replies.map((r) => Object.fromEntries(Object.entries(r).map(([c, v]) => [c, Number(v) || 0])));
    this.at = at;
  }
}
