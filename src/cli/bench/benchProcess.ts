// A measured child process of the bench (the assistant or the bare pipeline): started with `node --import tsx`
// so its pid is the process doing the work (the `tsx` wrapper would be a parent process), and read from
// /proc for CPU time and peak RSS, summed over the process and its descendants (tsx's esbuild service when a
// .ts entry runs through tsx; the assistant's turn workers are threads of its one process).
import { join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { freePort } from './benchRedis.js';

/** A running measured process. */
export interface BenchProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** User + system CPU time so far of the process and its live descendants, in ms (from /proc/<pid>/stat). */
  cpuMs(): number;
  /**
   * Peak resident set size so far, in bytes: the sum of each process's own peak (VmHWM) over the process and its
   * live descendants (an upper bound of the instance's peak, as their peaks need not coincide).
   */
  peakRssBytes(): number;
  output(): string;
  /** SIGTERM, then SIGKILL after 10 s; resolves when it exited. */
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU ms of a process (utime + stime), 0 when /proc is not readable. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command: state is field 3, utime 14, stime 15 (1-based) → indexes 11 and 12 here.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Peak RSS (VmHWM) of a process in bytes, 0 when /proc is not readable. */
export function processPeakRssBytes(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** `pid` and every live descendant of it (children found by the parent pid in /proc/<n>/stat). */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  let entries: string[] = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [pid];
  }
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) tree.push(...(parents.get(tree[i]!) ?? []));
  return tree;
}

/**
 * Memory and thread settings that, set for the bench, reach every measured process (the bare pipeline ignores the
 * app's), to compare them in the same minutes: V8 heap sizing, the turn threads' young generation and count, and
 * glibc's malloc arenas (read by the C library at process start, so only the environment can set it).
 */
const PASSED_ON_SETTINGS = ['TURN_THREAD_YOUNG_GEN_MB', 'HEAP_GROWING_PERCENT', 'MAIN_SEMI_SPACE_MB', 'WORKERS', 'MALLOC_ARENA_MAX'] as const;

/** The bench's own {@link PASSED_ON_SETTINGS} that are set (none when unset). */
function passedOnSettings(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PASSED_ON_SETTINGS) {
    const value = process.env[name];
    if (value) out[name] = value;
  }
  return out;
}

/**
 * Starts `node <entry>` on a free loopback port with `env` and waits for GET `readyPath` (default /healthz); a `.ts`
 * entry through tsx's loader, a `.js` one (the assistant as `npm start` builds it, {@link ASSISTANT_ENTRY}) as it is.
 */
export async function startBenchProcess(name: string, entry: string, env: Record<string, string>, startTimeoutMs = 90_000, readyPath = '/healthz'): Promise<BenchProcess> {
  if (entry === ASSISTANT_ENTRY) buildAssistantOnce();
  const port = await freePort();
  // BENCH_CPU_PROF_DIR: each measured process writes a V8 CPU profile there when it exits (its worker threads'
  // work included), to see where a message's CPU goes under load.
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${name.replace(/[^\w-]/g, '_')}`] : [];
  const child = spawn(process.execPath, [...profile, ...(entry.endsWith('.ts') ? ['--import', 'tsx', '--no-deprecation', entry] : ['--no-deprecation', entry])], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...passedOnSettings(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited while starting:\n${output}`);
    try {
      if ((await fetch(`${url}${readyPath}`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer /healthz within ${startTimeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const pid = child.pid ?? 0;
  return {
    name,
    url,
    pid,
    cpuMs: () => processTree(pid).reduce((sum, p) => sum + processCpuMs(p), 0),
    peakRssBytes: () => processTree(pid).reduce((sum, p) => sum + processPeakRssBytes(p), 0),
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Where benchLoad builds the assistant (scripts/build.mjs, as `npm start` does) and the entry it runs. */
export const ASSISTANT_BUILD_DIR = join('.tmp', 'bench-dist');
/** The built assistant's entry (see {@link ASSISTANT_BUILD_DIR}). */
export const ASSISTANT_ENTRY = join(ASSISTANT_BUILD_DIR, 'src', 'index.js');

let assistantBuilt = false;

/** Builds the assistant into {@link ASSISTANT_BUILD_DIR} (scripts/build.mjs, as `npm start` does), once per bench run. */
function buildAssistantOnce(): void {
  if (assistantBuilt) return;
  execFileSync(process.execPath, ['scripts/build.mjs', ASSISTANT_BUILD_DIR], { stdio: ['ignore', 'ignore', 'inherit'] });
  assistantBuilt = true;
}
