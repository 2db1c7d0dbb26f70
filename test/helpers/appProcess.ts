import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './redisServer.js';
import { APP_START_TIMEOUT_MS, CLI_RUN_TIMEOUT_MS } from './spawnBudget.js';

/** The real assistant (`tsx src/index.ts`) running as a child process on a free loopback port. */
export interface AppProcess {
  readonly url: string;
  readonly port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Sends `signal` (e.g. SIGKILL, as `kill -9`) without waiting. */
  kill(signal: NodeJS.Signals): void;
  /** Resolves with the exit signal (e.g. SIGKILL) or code once the process ended, by itself or not. */
  exited(): Promise<string | number | null>;
}

/**
 * Node with tsx's loader, not the tsx CLI: the CLI relays SIGTERM to its child and, when the child has not
 * acknowledged it within 30 ms (a loaded machine), SIGKILLs it and exits 143, so a clean shutdown looked failed.
 */
const APP_ARGS = ['--import', 'tsx', '--no-deprecation', 'src/index.ts'];

/**
 * Apps of this test file still running. A hook or test that vitest abandoned on its timeout never calls stop(), and
 * its app would outlive the file, training and polling on a machine already short of CPU: killed when the file's
 * process exits.
 */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Spawns node with `args` and keeps it in {@link running} until it exits. */
function spawnTracked(args: readonly string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** Waits until `check` resolves true, polling every 50 ms, or throws after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts the assistant (`args`: default tsx's loader on src/index.ts) with `env` added to a minimal environment and waits for /healthz (180 s by default:
 * start-up trains the language model, which takes minutes on a 2-core machine shared by many test runs).
 */
export async function startApp(env: Record<string, string> = {}, startTimeoutMs = APP_START_TIMEOUT_MS, args: readonly string[] = APP_ARGS): Promise<AppProcess> {
  const port = await freePort();
  // Turns in the app's own process unless a test asks for worker processes (a crash point must kill the app).
  const child = spawnTracked(args, { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKERS: '1', ...env });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let endedWith: Promise<string | number | null> | undefined;
  const exited = new Promise<number | null>((resolve) => {
    endedWith = new Promise((resolveEnd) => child.once('exit', (code, signal) => {
      resolve(code);
      resolveEnd(signal ?? code);
    }));
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the app exited early:\n${output}`);
      return (await fetch(`${url}/healthz`)).ok;
    // Start-up trains the language model (about 10 s of CPU): minutes on a machine shared by many test runs.
    }, startTimeoutMs, 'the app to answer /healthz');
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return {
    url,
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited: () => endedWith!,
  };
}

/** Runs the assistant expecting it to exit by itself (e.g. on bad config); returns code and output. */
export function runAppToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawnTracked(APP_ARGS, { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    // Loading tsx alone takes tens of seconds at a load of 40; a process that has not exited by then hangs.
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_RUN_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
