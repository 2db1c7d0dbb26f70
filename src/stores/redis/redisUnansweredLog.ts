import { randomBytes } from 'node:crypto';
import type { RedisClient } from './redisConnection.js';
import { redactPersonalData } from '../../observability/redactPersonalData.js';
import type { UnansweredLog, UnansweredQuestion } from '../types.js';
import { defineLuaScript, runLuaScript } from './luaScripts.js';
import type { RedisKeys } from './redisKeys.js';
import { UNANSWERED_DEFAULTS, parseStoredQuestion, recordKeyHash, type UnansweredLogOptions } from '../memory/memoryUnansweredLog.js';

/**
 * Redis {@link UnansweredLog}: one sorted set scored by time, so a period is one ZRANGEBYSCORE.
 * Checking the record key, recording, pruning old questions, capping and renewing the TTL happen in one Lua script.
 */
export class RedisUnansweredLog implements UnansweredLog {
  private readonly recordScript: string;
  private readonly retentionSeconds: number;
  private readonly maxEntries: number;
  private readonly maxTextLength: number;
  private readonly recordKeySeconds: number;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    options: UnansweredLogOptions = {},
  ) {
    this.recordScript = defineLuaScript(client, 'recordUnansweredOnce-2.lua');
    this.retentionSeconds = options.retentionSeconds ?? UNANSWERED_DEFAULTS.retentionSeconds;
    this.maxEntries = options.maxEntries ?? UNANSWERED_DEFAULTS.maxEntries;
    this.maxTextLength = options.maxTextLength ?? UNANSWERED_DEFAULTS.maxTextLength;
    this.recordKeySeconds = options.recordKeySeconds ?? UNANSWERED_DEFAULTS.recordKeySeconds;
  }

  async record(question: UnansweredQuestion): Promise<void> {
    // Without a record key every record counts: a random one stands in.
    const hash = question.recordKey === undefined ? randomBytes(16).toString('hex') : recordKeyHash(question.recordKey);
    const stored = {
      r: hash.slice(0, 12),
      text: redactPersonalData(question.text).slice(0, this.maxTextLength),
      lang: question.lang,
      at: question.at,
      candidates: question.candidates.slice(0, 3).map((c) => ({ id: c.id, score: c.score })),
    };
    await runLuaScript(this.client, this.recordScript, [this.keys.unanswered(), this.keys.unansweredRecorded(hash)], [
      JSON.stringify(stored),
      question.at,
      this.retentionSeconds,
      this.maxEntries,
      this.recordKeySeconds,
    ]);
  }

  async list(since: number, until: number, limit = 10_000): Promise<UnansweredQuestion[]> {
    const members = await this.client.zrangebyscore(this.keys.unanswered(), since, until, 'LIMIT', 0, limit);
    return members.map(parseStoredQuestion).filter((q): q is UnansweredQuestion => q !== undefined);
  }
}
