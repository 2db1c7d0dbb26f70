import type { InboundPartitionKeys } from './redisKeys.js';
import type { RedisClient } from './redisConnection.js';
import { rewriteHashEntries } from './redisHashRewrite.js';

/** One dead letter's place: its partition, its message id and when it was given up (ms). */
interface DeadLetterRef {
  readonly partition: number;
  readonly id: string;
  readonly deadAt: number;
}

/**
 * The dead letters of every inbound queue partition seen as one list. Each partition keeps its own (the
 * finish script moves a message to them atomically, on the partition's slot); reading, purging and the
 * overall cap go over every partition, which costs one command per partition — fine for what only staff
 * and the rare dead letter do.
 */
export class RedisInboundDeadLetters {
  constructor(
    private readonly client: RedisClient,
    private readonly partitions: readonly InboundPartitionKeys[],
  ) {}

  /** The raw records (JSON) of the oldest dead letters given up since `since` (ms), at most `limit`, oldest first. */
  async oldest(since: number, limit: number): Promise<string[]> {
    const refs = await this.refs((k) => this.client.zrangebyscore(k.deadByTime(), since, '+inf', 'WITHSCORES', 'LIMIT', 0, limit));
    return this.records(refs.slice(0, limit));
  }

  /** The raw record of one dead letter and its partition, or undefined. */
  async find(messageId: string): Promise<{ partition: number; json: string } | undefined> {
    const found = await Promise.all(this.partitions.map((k) => this.client.hget(k.dead(), messageId)));
    const partition = found.findIndex((json) => json !== null);
    return partition < 0 ? undefined : { partition, json: found[partition]! };
  }

  /** Deletes the dead letters given up before `olderThanMs`; returns how many. */
  async purge(olderThanMs: number): Promise<number> {
    const refs = await this.refs((k) => this.client.zrangebyscore(k.deadByTime(), '-inf', `(${olderThanMs}`, 'WITHSCORES'));
    return this.remove(refs);
  }

  /** Every dead letter (raw JSON by id) of one partition. Dead letters are capped, so this stays small. */
  async allIn(partition: number): Promise<Record<string, string>> {
    return this.client.hgetall(this.partitions[partition]!.dead());
  }

  /** Deletes the given dead letters of one partition; returns how many existed. */
  async removeIn(partition: number, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const k = this.partitions[partition]!;
    const results = await this.client.multi().hdel(k.dead(), ...ids).zrem(k.deadByTime(), ...ids).exec();
    const [error, removed] = results?.[0] ?? [null, 0];
    if (error) throw error;
    return Number(removed);
  }

  /**
   * Rewrites the dead letters `rewrite` picks (it returns the new record, or undefined to leave one) and, when
   * `to` is another partition, moves them there with their time: copied first, then deleted from `from`, so each
   * step is on one slot and running it again after a crash finishes the move.
   */
  async move(from: number, to: number, rewrite: (json: string) => string | undefined): Promise<void> {
    const source = this.partitions[from]!;
    if (from === to) {
      await rewriteHashEntries(this.client, source.dead(), (_id, json) => rewrite(json));
      return;
    }
    const target = this.partitions[to]!;
    const moved = Object.entries(await this.allIn(from)).flatMap(([id, json]) => {
      const next = rewrite(json);
      return next === undefined ? [] : [{ id, json: next }];
    });
    if (moved.length === 0) return;
    const times = await this.client.zmscore(source.deadByTime(), ...moved.map((m) => m.id));
    const copy = this.client.multi();
    moved.forEach((m, i) => copy.hset(target.dead(), m.id, m.json).zadd(target.deadByTime(), times[i] ?? Date.now(), m.id));
    const results = await copy.exec();
    const failed = results?.find(([error]) => error)?.[0];
    if (failed) throw failed;
    await this.removeIn(from, moved.map((m) => m.id));
  }

  /**
   * Drops the oldest dead letters past `max` over all partitions (each partition's script caps only its own).
   * Not atomic across partitions: a crash in between leaves a few extra until the next dead letter.
   */
  async enforceCap(max: number): Promise<void> {
    if (this.partitions.length === 1) return;
    const counts = await Promise.all(this.partitions.map((k) => this.client.zcard(k.deadByTime())));
    const excess = counts.reduce((a, b) => a + b, 0) - max;
    if (excess <= 0) return;
    const refs = await this.refs((k) => this.client.zrange(k.deadByTime(), 0, excess - 1, 'WITHSCORES'));
    await this.remove(refs.slice(0, excess));
  }

  /** The refs each partition answers to `read` (a WITHSCORES reply), merged oldest first (ties by id, like one sorted set). */
  private async refs(read: (k: InboundPartitionKeys) => Promise<string[]>): Promise<DeadLetterRef[]> {
    const replies = await Promise.all(this.partitions.map(read));
    const refs: DeadLetterRef[] = [];
    replies.forEach((reply, partition) => {
      for (let i = 0; i + 1 < reply.length; i += 2) refs.push({ partition, id: reply[i]!, deadAt: Number(reply[i + 1]) });
    });
    return refs.sort((a, b) => a.deadAt - b.deadAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private async records(refs: readonly DeadLetterRef[]): Promise<string[]> {
    const byPartition = groupByPartition(refs);
    const found = new Map<string, string>();
    await Promise.all(
      [...byPartition].map(async ([partition, ids]) => {
        const jsons = await this.client.hmget(this.partitions[partition]!.dead(), ...ids);
        jsons.forEach((json, i) => json !== null && found.set(`${partition}/${ids[i]}`, json));
      }),
    );
    return refs.flatMap((r) => found.get(`${r.partition}/${r.id}`) ?? []);
  }

  private async remove(refs: readonly DeadLetterRef[]): Promise<number> {
    const removed = await Promise.all([...groupByPartition(refs)].map(([partition, ids]) => this.removeIn(partition, ids)));
    return removed.reduce((a, b) => a + b, 0);
  }
}

function groupByPartition(refs: readonly DeadLetterRef[]): Map<number, string[]> {
  const groups = new Map<number, string[]>();
  for (const r of refs) groups.set(r.partition, [...(groups.get(r.partition) ?? []), r.id]);
  return groups;
}
