import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import { connectRedis, redisTargetOf } from '../stores/redis/redisConnection.js';
import { redisKeys } from '../stores/redis/redisKeys.js';
import { RedisAuditLog } from '../stores/redis/redisStaffStore.js';
import type { AuditEntry, AuditLog } from '../stores/staffStore.js';
import { runIfMain } from './runIfMain.js';

/** Usage text of `npm run audit`. */
export const AUDIT_USAGE = [
  'Usage: npm run audit -- export --from YYYY-MM-DD --to YYYY-MM-DD',
  '  CSV (at,actor,action,ticket,detail) of every console action and transcript view, --to included, UTC days.',
].join('\n');

/** One CSV field, quoted when needed (and defused against spreadsheet formulas). */
function csv(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Formats audit entries as CSV lines (header first). */
export function auditCsv(entries: readonly AuditEntry[]): string[] {
  return ['at,actor,action,ticket,detail', ...entries.map((e) => [new Date(e.at).toISOString(), e.actor, e.action, e.ticketId ?? '', e.detail ?? ''].map(csv).join(','))];
}

/** Runs `export --from --to` and returns the exit code. */
export async function runAuditCommand(args: readonly string[], deps: { audit: AuditLog; print: (line: string) => void }): Promise<number> {
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const day = (value: string | undefined) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN);
  const from = day(option('--from'));
  const to = day(option('--to'));
  if (args[0] !== 'export' || Number.isNaN(from) || Number.isNaN(to) || to < from) {
    deps.print(AUDIT_USAGE);
    return 2;
  }
  for (const line of auditCsv(await deps.audit.list(from, to + 86_400_000))) deps.print(line);
  return 0;
}

runIfMain(
  import.meta.url,
  async (args) => {
    const config = loadConfig(readEnvironment());
    if (!config.REDIS_URL && config.REDIS_CLUSTER_NODES.length === 0) {
      console.error('The audit log lives in Redis: set REDIS_URL.');
      return 2;
    }
    const client = connectRedis(redisTargetOf(config), 'audit-cli');
    try {
      return await runAuditCommand(args, { audit: new RedisAuditLog(client, redisKeys(config.KEY_PREFIX)), print: (l) => console.log(l) });
    } finally {
      client.disconnect();
    }
  },
  { exitWhenDone: true },
);
