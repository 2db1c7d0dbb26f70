import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as readDotEnv } from 'dotenv';

/**
 * Returns the process environment merged with an optional `.env` file in `cwd`.
 * Real environment variables win over the file, so deployments can override it.
 */
export function readEnvironment(cwd = process.cwd()): NodeJS.ProcessEnv {
  const path = resolve(cwd, '.env');
  const fromFile: Record<string, string> = {};
  if (existsSync(path)) readDotEnv({ path, processEnv: fromFile, quiet: true });
  return { ...fromFile, ...process.env };
}
