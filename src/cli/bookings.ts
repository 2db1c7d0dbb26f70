import { join } from 'node:path';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import { bookingsCsv } from '../domain/appointments/bookingCsv.js';
import { ORIENTATION_POINTS_FILE } from '../domain/appointments/orientationPoints.js';
import { createOrientationPointsStore } from '../domain/appointments/orientationPointsStore.js';
import { StaffBookings } from '../domain/appointments/staffBookings.js';
import { createTranslator } from '../i18n/i18n.js';
import { createLogger } from '../observability/logger.js';
import { connectRedis, redisTargetOf } from '../stores/redis/redisConnection.js';
import { RedisAppointmentStore } from '../stores/redis/redisAppointmentStore.js';
import { redisKeys } from '../stores/redis/redisKeys.js';
import { runIfMain } from './runIfMain.js';

/** Usage text of `npm run bookings`. */
export const BOOKINGS_USAGE = [
  'Usage: npm run bookings -- <command>',
  '  export --from YYYY-MM-DD --to YYYY-MM-DD [--point ID]   bookings of those dates (inclusive) as CSV on stdout',
  '  no-shows --from YYYY-MM-DD --to YYYY-MM-DD [--point ID] no-show rate per point and ISO week, as CSV',
].join('\n');

/** Parses `--name value` pairs; undefined when something is malformed. */
function options(args: readonly string[]): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    const value = args[i + 1];
    if (!name?.startsWith('--') || value === undefined || value.startsWith('--')) return undefined;
    out[name.slice(2)] = value;
  }
  return out;
}

/**
 * Runs one bookings command against `staff` and returns the exit code (2 for a usage error).
 * CSV goes to `write`; messages for people to `print`.
 */
export async function runBookingsCommand(args: readonly string[], deps: { staff: StaffBookings; write: (text: string) => void; print: (line: string) => void }): Promise<number> {
  const [command, ...rest] = args;
  const o = options(rest);
  const isDate = (v: string | undefined): v is string => v !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v));
  if ((command !== 'export' && command !== 'no-shows') || !o || !isDate(o.from) || !isDate(o.to) || Object.keys(o).some((k) => !['from', 'to', 'point'].includes(k))) {
    deps.print(BOOKINGS_USAGE);
    return 2;
  }
  if (o.point && !deps.staff.hasPoint(o.point)) {
    deps.print(`Unknown point "${o.point}" (see the orientation points file).`);
    return 2;
  }
  if (command === 'export') {
    deps.write(bookingsCsv(await deps.staff.between(o.from, o.to, o.point)));
    return 0;
  }
  const rows = await deps.staff.noShowRates(o.from, o.to, o.point);
  deps.write(['point,week,attended,no_show,rate', ...rows.map((r) => `${r.pointId},${r.week},${r.attended},${r.noShow},${r.rate ?? ''}`)].join('\r\n') + '\r\n');
  return 0;
}

runIfMain(import.meta.url, async (args) => {
  const config = loadConfig(readEnvironment());
  if (!config.REDIS_URL && config.REDIS_CLUSTER_NODES.length === 0) {
    console.error('REDIS_URL is not set: the assistant runs on the embedded in-memory store, whose bookings only the running process sees.\nSet REDIS_URL (the same as the running assistant) to export bookings.');
    return 2;
  }
  const logger = createLogger({ level: 'error' }, { write: (line: string) => void process.stderr.write(line) });
  const points = createOrientationPointsStore({ file: config.ORIENTATION_POINTS_FILE ?? join(config.LOCALES_DIR, ORIENTATION_POINTS_FILE), logger, watch: false });
  const client = connectRedis(redisTargetOf(config), 'trait-d-union-bookings-cli');
  try {
    const staff = new StaffBookings({ store: new RedisAppointmentStore(client, redisKeys(config.KEY_PREFIX)), points, translator: await createTranslator(config.LOCALES_DIR) });
    return await runBookingsCommand(args, { staff, write: (text) => process.stdout.write(text), print: (line) => console.error(line) });
  } finally {
    await client.quit().catch(() => client.disconnect());
  }
}, { exitWhenDone: true });
