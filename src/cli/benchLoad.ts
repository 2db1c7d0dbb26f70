// `npm run bench:load` (also part of `npm run bench`): the assistant as shipped and with raised limits against a
// bare pipeline of the same stack, under signed WhatsApp load, in interleaved rounds (issue 13). Everything runs
// on loopback: a fresh AOF Redis, a fake Graph API, the processes under test. One JSON line per run, a ratio
// line per round, then a summary with the goals. Flags:
//   --quick                 small and fast (about a minute)
//   --scenarios=a,b         graph0, shipped, graph150, two-instances, memory (default: all)
//   --messages=N --rounds=N --users=N --concurrency=N --send-seconds=N --drain-seconds=N
// Exits 1 when a goal is missed (like the other benches), after printing every figure.
import { cpus, totalmem } from 'node:os';
import { startFakeGraphServer } from '../channels/whatsapp/fakeGraphServer.js';
import { startBenchRedis } from './bench/benchRedis.js';
import type { LoadRunResult } from './bench/loadRun.js';
import { runMemoryScenario, type MemoryResult } from './bench/memoryScenario.js';
import { loadScenarios, runScenario, type RatioLine } from './bench/scenarios.js';
import { evaluateGoals } from './bench/goals.js';

const ALL = ['graph0', 'shipped', 'graph150', 'two-instances', 'memory'];

function flags(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of argv) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (m) out.set(m[1]!, m[2] ?? 'true');
  }
  return out;
}

async function main(): Promise<void> {
  const f = flags(process.argv.slice(2));
  const quick = f.has('quick');
  const num = (name: string, full: number, small: number) => Number(f.get(name) ?? (quick ? small : full));
  const selected = (f.get('scenarios') ?? ALL.join(',')).split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = selected.filter((s) => !ALL.includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`unknown scenario(s): ${unknown.join(', ')}; choose from ${ALL.join(', ')}\n`);
    process.exit(2);
  }
  const bounds = {
    rounds: num('rounds', 2, 1),
    users: num('users', 10_000, 10_000),
    concurrency: num('concurrency', 32, 16),
    sendSeconds: num('send-seconds', 15, 8),
    drainSeconds: num('drain-seconds', 25, 15),
  };
  const messages = num('messages', 3_000, 300);
  const memorySizes = quick ? [1_000, 10_000] : [10_000, 100_000];
  const log = (text: string) => process.stderr.write(`# ${text}\n`);
  const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const load1 = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const machine = { date: new Date().toISOString(), cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memGb: Math.round(totalmem() / 2 ** 30), loadAverage1m: Number(load1), node: process.version, quick, bounds, messages };
  print({ machine });

  const started = Date.now();
  const redis = await startBenchRedis();
  const fake = await startFakeGraphServer();
  const runs: LoadRunResult[] = [];
  const ratios: RatioLine[] = [];
  let memory: MemoryResult | undefined;
  try {
    for (const scenario of loadScenarios(messages).filter((s) => selected.includes(s.name))) {
      log(`scenario ${scenario.name}: Graph ${scenario.graphDelayMs} ms, ${scenario.instances} instance(s), ${scenario.messages} messages per run`);
      const lines = await runScenario(scenario, { redis, fake, bounds, emit: print, log });
      for (const l of lines) ('ratio' in l ? ratios.push(l) : runs.push(l));
    }
    if (selected.includes('memory')) {
      memory = await runMemoryScenario({ redis, fake, sizes: memorySizes, log });
      print(memory);
    }
  } finally {
    await fake.stop();
    await redis.stop();
  }
  const goals = evaluateGoals(runs, ratios);
  print({ summary: { seconds: Math.round((Date.now() - started) / 1000), goals } });
  for (const g of goals) process.stderr.write(`${g.met === null ? 'n/a ' : g.met ? 'met ' : 'MISS'}  ${g.goal}: ${g.measured}\n`);
  process.exit(goals.some((g) => g.met === false) ? 1 : 0);
}

main().catch((err: Error) => {
  process.stderr.write(`bench:load failed: ${err.stack ?? err.message}\n`);
  process.exit(2);
});
