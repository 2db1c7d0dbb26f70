import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { parseReportArgs, printUnansweredReport, ReportArgumentsError } from '../../src/cli/reportUnanswered.js';
import { MemoryUnansweredLog } from '../../src/stores/memory/memoryUnansweredLog.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { RedisUnansweredLog } from '../../src/stores/redis/redisUnansweredLog.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { runCommand } from '../helpers/runCommand.js';

const DAY = 24 * 3600 * 1000;
const NOW = Date.UTC(2026, 10, 23, 12);


const clients: Redis[] = [];
afterAll(async () => {
  for (const c of clients) await c.quit();
});

describe('parseReportArgs', () => {
  it('defaults to the last 7 days', () => {
    expect(parseReportArgs([], NOW)).toEqual({ since: NOW - 7 * DAY, until: NOW, limit: 50 });
  });

  it('reads --days, --since/--until (whole UTC days) and --limit', () => {
    expect(parseReportArgs(['--days', '2'], NOW).since).toBe(NOW - 2 * DAY);
    const p = parseReportArgs(['--since', '2026-11-01', '--until', '2026-11-02', '--limit', '5'], NOW);
    expect(p).toEqual({ since: Date.UTC(2026, 10, 1), until: Date.UTC(2026, 10, 3) - 1, limit: 5 });
  });

  it('refuses bad arguments with a named error', () => {
    expect(() => parseReportArgs(['--since', 'yesterday'], NOW)).toThrow(ReportArgumentsError);
    expect(() => parseReportArgs(['--days', '0'], NOW)).toThrow(/positive/);
    expect(() => parseReportArgs(['--days', '3', '--since', '2026-11-01'], NOW)).toThrow(/either/);
    expect(() => parseReportArgs(['--bogus'], NOW)).toThrow(/unknown/);
  });
});

describe('printUnansweredReport', () => {
  it('prints groups most frequent first with counts and languages, without the phone number', async () => {
    const log = new MemoryUnansweredLog();
    for (const text of ['Où trouver du travail à Casa ?', 'ou trouver du travail a casa', 'OU TROUVER DU TRAVAIL A CASA']) {
      await log.record({ text, lang: 'fr', at: NOW - DAY, candidates: [] });
    }
    await log.record({ text: 'weather in Rabat? call me 0612345678', lang: 'en', at: NOW - DAY, candidates: [] });
    await log.record({ text: 'too old', lang: 'en', at: NOW - 30 * DAY, candidates: [] });
    const lines: string[] = [];
    const n = await printUnansweredReport(log, parseReportArgs([], NOW), (l) => lines.push(l));
    expect(n).toBe(4);
    const out = lines.join('\n');
    expect(out).toMatch(/3×\s+"[^"]*(travail|TRAVAIL)[^"]*"\s+\[fr 3\]/);
    expect(out).toMatch(/1×\s+"weather in Rabat\? call me \[phone\]"\s+\[en 1\]/);
    expect(out.indexOf('3×')).toBeLessThan(out.indexOf('1×'));
    expect(out).not.toContain('0612345678');
    expect(out).not.toContain('too old');
  });
});

describe('npm run report:unanswered', () => {
  it('says clearly that the embedded store cannot be reported on without REDIS_URL', async () => {
    const { code, stdout } = await runCommand('node_modules/.bin/tsx', ['src/cli/reportUnanswered.ts', ...[]], { env: { REDIS_URL: '' } });
    expect(code).toBe(2);
    expect(stdout).toMatch(/REDIS_URL is not set/);
    expect(stdout).toMatch(/only inside the running process/);
  });

  it('reads the questions from Redis and groups them', async () => {
    const prefix = uniquePrefix('rep');
    const client = new Redis(inject('redisUrl'));
    clients.push(client);
    const log = new RedisUnansweredLog(client, redisKeys(prefix));
    const now = Date.now();
    await log.record({ text: 'visa Schengen ?', lang: 'fr', at: now - 1000, candidates: [] });
    await log.record({ text: 'Visa schengen', lang: 'fr', at: now - 900, candidates: [] });
    await log.record({ text: 'قبل', lang: 'ar', at: now - 40 * DAY, candidates: [] });
    const { code, stdout } = await runCommand('node_modules/.bin/tsx', ['src/cli/reportUnanswered.ts', ...['--days', '7']], { env: { REDIS_URL: inject('redisUrl'), KEY_PREFIX: prefix } });
    expect(code).toBe(0);
    expect(stdout).toContain('Unanswered questions from');
    expect(stdout).toMatch(/2×\s+"(visa Schengen \?|Visa schengen)"\s+\[fr 2\]/);
    expect(stdout).not.toContain('قبل');
  });

  it('rejects a bad date with the usage', async () => {
    const { code, stderr } = await runCommand('node_modules/.bin/tsx', ['src/cli/reportUnanswered.ts', ...['--since', 'nope']], { env: { REDIS_URL: '' } });
    expect(code).toBe(2);
    expect(stderr).toContain('--since needs a date');
  });
});
