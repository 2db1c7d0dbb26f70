import { loadConfig } from '../config/config.js';
import { runIfMain } from './runIfMain.js';
import { readEnvironment } from '../config/readEnvironment.js';
import { groupQuestions } from '../domain/nlu/groupQuestions.js';
import { UNANSWERED_DEFAULTS } from '../stores/memory/memoryUnansweredLog.js';
import { connectRedis, redisTargetOf } from '../stores/redis/redisConnection.js';
import { redisKeys } from '../stores/redis/redisKeys.js';
import { RedisUnansweredLog } from '../stores/redis/redisUnansweredLog.js';
import type { UnansweredLog } from '../stores/types.js';

const DAY_MS = 24 * 3600 * 1000;

/** Usage text of `npm run report:unanswered`. */
export const REPORT_USAGE = [
  'Usage: npm run report:unanswered [-- --days N | --since YYYY-MM-DD [--until YYYY-MM-DD]] [--limit N]',
  '  Lists the questions the assistant could not answer, most frequent first, near-identical ones grouped.',
  '  Default: the last 7 days. Reads Redis (REDIS_URL).',
].join('\n');

/** The period and size of a report, from the command line. */
export interface ReportOptions {
  /** Start, ms since the epoch (inclusive). */
  readonly since: number;
  /** End, ms since the epoch (inclusive). */
  readonly until: number;
  /** Most groups printed, default 50. */
  readonly limit: number;
}

/** Error in the command-line arguments; the message says which one. */
export class ReportArgumentsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportArgumentsError';
  }
}

function parseDate(value: string | undefined, flag: string, endOfDay: boolean): number {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new ReportArgumentsError(`${flag} needs a date like 2026-11-01`);
  const ms = Date.parse(`${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}Z`);
  if (Number.isNaN(ms)) throw new ReportArgumentsError(`${flag}: ${value} is not a date`);
  return ms;
}

/**
 * Parses `--days N`, `--since DATE`, `--until DATE` (UTC days, `until` inclusive) and `--limit N`.
 * @param now clock, ms since the epoch.
 */
export function parseReportArgs(args: readonly string[], now: number): ReportOptions {
  let since: number | undefined;
  let until: number | undefined;
  let days: number | undefined;
  let limit = 50;
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if (flag === '--since') since = parseDate(value, flag, false);
    else if (flag === '--until') until = parseDate(value, flag, true);
    else if (flag === '--days' || flag === '--limit') {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new ReportArgumentsError(`${flag} needs a positive whole number`);
      if (flag === '--days') days = n;
      else limit = n;
    } else throw new ReportArgumentsError(`unknown argument ${String(flag)}`);
    i++;
  }
  if (days !== undefined && since !== undefined) throw new ReportArgumentsError('use either --days or --since, not both');
  const end = until ?? now;
  const start = since ?? end - (days ?? 7) * DAY_MS;
  if (start > end) throw new ReportArgumentsError('--since is after --until');
  return { since: start, until: end, limit };
}

/** Prints the report of `log` for the period, one line per group, most frequent first. Returns the number of questions. */
export async function printUnansweredReport(log: UnansweredLog, options: ReportOptions, print: (line: string) => void): Promise<number> {
  const questions = await log.list(options.since, options.until, UNANSWERED_DEFAULTS.maxEntries);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  print(`Unanswered questions from ${day(options.since)} to ${day(options.until)}: ${questions.length}`);
  if (questions.length === 0) return 0;
  const groups = groupQuestions(questions);
  print(`${groups.length} group(s) of similar questions, most frequent first:`);
  print('');
  for (const g of groups.slice(0, options.limit)) {
    const langs = Object.entries(g.languages)
      .sort((a, b) => b[1] - a[1])
      .map(([lang, n]) => `${lang} ${n}`)
      .join(', ');
    print(`${String(g.count).padStart(5)}×  ${JSON.stringify(g.text)}  [${langs}]  last ${day(g.lastAt)}`);
    if (g.variants.length) print(`        also: ${g.variants.map((v) => JSON.stringify(v)).join(' · ')}`);
    if (g.nearestIds.length) print(`        nearest topics: ${g.nearestIds.slice(0, 3).join(', ')}`);
  }
  if (groups.length > options.limit) print(`… and ${groups.length - options.limit} more group(s) (use --limit)`);
  return questions.length;
}

async function main(args: readonly string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(REPORT_USAGE);
    return 0;
  }
  const config = loadConfig(readEnvironment());
  let options: ReportOptions;
  try {
    options = parseReportArgs(args, Date.now());
  } catch (error) {
    if (!(error instanceof ReportArgumentsError)) throw error;
    console.error(`${error.message}\n${REPORT_USAGE}`);
    return 2;
  }
  if (!config.REDIS_URL && config.REDIS_CLUSTER_NODES.length === 0) {
    console.log(
      'REDIS_URL is not set: the assistant uses its embedded store, which keeps unanswered questions only inside the ' +
        'running process (they are lost when it stops and cannot be read from here). Set REDIS_URL to keep them and report on them.',
    );
    return 2;
  }
  const client = connectRedis(redisTargetOf(config), 'report-unanswered');
  try {
    await printUnansweredReport(new RedisUnansweredLog(client, redisKeys(config.KEY_PREFIX)), options, (line) => console.log(line));
  } finally {
    client.disconnect();
  }
  return 0;
}

runIfMain(import.meta.url, main);
