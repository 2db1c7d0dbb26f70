import { accessSync, constants } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './configError.js';
import { HTTP_SETTINGS } from './httpSettings.js';
import { STAFF_SETTINGS } from './staffSettings.js';
import { STORE_SETTINGS } from './storeSettings.js';
import { TURN_SETTINGS } from './turnSettings.js';
import { WHATSAPP_SETTINGS } from './whatsappSettings.js';

export { CRASH_POINTS } from './turnSettings.js';

/**
 * Every setting of the assistant, read from the environment (and an optional `.env`), one part per area
 * (src/config/*Settings.ts). `.env.example` documents each variable; keep the two in step.
 * Some entries carry an example used in error messages (see {@link EXAMPLES}).
 */
export const ConfigSchema = z.object({ ...HTTP_SETTINGS, ...STORE_SETTINGS, ...TURN_SETTINGS, ...WHATSAPP_SETTINGS, ...STAFF_SETTINGS });

/** The validated configuration. */
export type Config = z.infer<typeof ConfigSchema>;

/** Example values shown when a variable is wrong. */
const EXAMPLES: Partial<Record<keyof Config, string>> = {
  PORT: '3978',
  HOST: '0.0.0.0',
  PUBLIC_URL: 'https://chat.example.org',
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2:7000,10.0.0.3:7000',
  KEY_PREFIX: 'tdu',
  STATE_TTL_SECONDS: '2592000',
  DEFAULT_LANGUAGE: 'fr',
  LOG_LEVEL: 'info',
  MAX_BODY_BYTES: '65536',
  DIRECTLINE_SECRET: 'a random string of 32+ characters',
  DIRECTLINE_ALLOWED_ORIGINS: 'https://partner.example.org,https://other.example.org',
  WHATSAPP_API_URL: 'https://graph.facebook.com/v23.0',
  METRICS_ENABLED: 'true',
};

/**
 * Parses the environment into a {@link Config}.
 * @throws ConfigError with one line per problem (never a stack trace of zod internals).
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const result = ConfigSchema.safeParse(env);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? 'environment');
      const example = EXAMPLES[name as keyof Config];
      problems.push(`${name}: ${issue.message}${example ? ` (example: ${name}=${example})` : ''}`);
    }
    throw new ConfigError(problems);
  }
  const config = result.data;
  const wa = [
    'WHATSAPP_VERIFY_TOKEN',
    'WHATSAPP_APP_SECRET',
    'WHATSAPP_PHONE_NUMBER_ID',
    'WHATSAPP_ACCESS_TOKEN',
  ] as const;
  const set = wa.filter((k) => config[k] !== undefined);
  if (set.length > 0 && set.length < wa.length) {
    for (const k of wa.filter((k) => config[k] === undefined)) {
      problems.push(`${k}: missing; the WhatsApp channel needs all of ${wa.join(', ')} (or none)`);
    }
  }
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword: missing while MicrosoftAppId is set (example: MicrosoftAppPassword=<client secret>)');
  }
  if (config.WORKERS !== undefined && config.WORKERS > 1 && !config.REDIS_URL && config.REDIS_CLUSTER_NODES.length === 0) {
    problems.push('WORKERS: more than 1 needs REDIS_URL or REDIS_CLUSTER_NODES (worker threads share the queue and state through Redis) (example: WORKERS=1)');
  }
  if (config.REDIS_TLS_CA_FILE && !readable(config.REDIS_TLS_CA_FILE)) {
    problems.push(`REDIS_TLS_CA_FILE: cannot read ${config.REDIS_TLS_CA_FILE} (example: REDIS_TLS_CA_FILE=/etc/redis/ca.crt)`);
  }
  if ((config.REDIS_CLUSTER_PASSWORD || config.REDIS_CLUSTER_USERNAME || config.REDIS_CLUSTER_TLS) && config.REDIS_CLUSTER_NODES.length === 0) {
    problems.push('REDIS_CLUSTER_PASSWORD, REDIS_CLUSTER_USERNAME and REDIS_CLUSTER_TLS apply to REDIS_CLUSTER_NODES, which is empty (for one server, put them in REDIS_URL: rediss://user:password@host:port)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * How many turn worker threads an instance runs: WORKERS, else the number of cores with Redis (one server or a
 * cluster), else 1. 1 means the turns run in the HTTP (main) thread itself, as on the embedded store.
 */
export function turnProcessCount(config: Pick<Config, 'WORKERS' | 'REDIS_URL'> & Partial<Pick<Config, 'REDIS_CLUSTER_NODES'>>, cores: number): number {
  const redis = Boolean(config.REDIS_URL) || (config.REDIS_CLUSTER_NODES?.length ?? 0) > 0;
  return config.WORKERS ?? (redis ? Math.max(1, cores) : 1);
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when every WhatsApp secret is set. */
export function whatsappEnabled(config: Config): boolean {
  return Boolean(config.WHATSAPP_ACCESS_TOKEN && config.WHATSAPP_APP_SECRET);
}
