// Starting a worker thread on an ES module of this project, whether it runs as built JavaScript (`npm start`) or
// as TypeScript through tsx (tests, CLIs): shared by the turn worker threads and the short-lived training thread.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** A file name that needs tsx's loader. */
const TYPESCRIPT = /\.[cm]?tsx?$/;

/**
 * Starts a thread that evaluates `run` (an expression importing modules by file URL). When one of `files` is
 * TypeScript, tsx's loader is registered in the thread first: `--import tsx` in a thread's execArgv is not applied
 * to its main module on Node 20.
 */
export function startScriptThread(run: string, files: readonly string[], options: Omit<WorkerOptions, 'eval'>): Worker {
  if (!files.some((file) => TYPESCRIPT.test(file))) return new Worker(run, { ...options, eval: true });
  // Resolved here, not in the thread: an eval'd thread resolves bare names from the working directory.
  const tsxApi = pathToFileURL(tsxEsmApiPath()).href;
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return ${run}; })`, { ...options, eval: true });
}

/**
 * Path of tsx's ESM register API (`tsx/esm/api`, import condition), read from its package's exports: `require.resolve`
 * gives the CommonJS build, whose `register()` fails in a thread, and `import.meta.resolve` is missing under vitest.
 */
function tsxEsmApiPath(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return join(dirname(packageJson), exports['./esm/api']!.import.default);
}
