import { existsSync, readFileSync } from 'node:fs';
import { runIfMain } from './runIfMain.js';
import { availableParallelism, loadavg } from 'node:os';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import type { MessageUnderstander } from '../domain/nlu/understanding.js';
import { loadMatcher } from './nlu.js';

/** Per-message latency target of the matcher, in ms (p99). */
export const NLU_P99_TARGET_MS = 2;

/** Result of {@link benchmarkUnderstander}; times in ms. */
export interface NluBenchResult {
  readonly messages: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** CPU time of this process per message (p99): unlike wall time, not inflated by other processes on a busy machine. */
  readonly cpuP99: number;
}

/** Times `understander.understand` on each message, `rounds` times over (after one warm-up round). */
export function benchmarkUnderstander(understander: MessageUnderstander, messages: readonly string[], rounds = 20): NluBenchResult {
  for (const m of messages) understander.understand(m);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const m of messages) {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      understander.understand(m);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const quantile = (list: number[], q: number) => {
    list.sort((a, b) => a - b);
    return list[Math.min(list.length - 1, Math.floor(q * list.length))] ?? 0;
  };
  return { messages: times.length, p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: quantile(times, 1), cpuP99: quantile(cpu, 0.99) };
}

/** Realistic messages to time: the labelled sets when present, plus long and noisy variants of them. */
function benchMessages(files: readonly string[]): string[] {
  const texts: string[] = [];
  for (const file of files.filter((f) => existsSync(f))) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      try {
        const text = (JSON.parse(line) as { text?: unknown }).text;
        if (typeof text === 'string') texts.push(text);
      } catch {
        // blank or broken line: not a message to time
      }
    }
  }
  if (texts.length === 0) texts.push('Est-ce que le retour est gratuit ?', 'how do i register', 'واش خاصني باسبور؟', 'chno khasni ndir');
  const long = texts.slice(0, 20).map((t, i) => `${t} ${texts[(i + 7) % texts.length]} ${t.toUpperCase()} merciii 🙏`);
  return [...texts, ...long];
}

async function main(): Promise<number> {
  const config = loadConfig(readEnvironment());
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = process.hrtime.bigint();
  const matcher = loadMatcher(config.LOCALES_DIR, config.DEFAULT_LANGUAGE);
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
  const messages = benchMessages(['../shared/nlu/dev-set.jsonl', 'test/fixtures/nlu/holdout.jsonl']);
  const result = benchmarkUnderstander(matcher, messages);
  const heapAfter = process.memoryUsage().heapUsed;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`content loaded and indexed in ${buildMs.toFixed(0)} ms`);
  console.log(`${result.messages} timed calls over ${messages.length} distinct messages`);
  console.log(`per message: p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms, max ${result.max.toFixed(3)} ms (wall time)`);
  console.log(`CPU time per message: p99 ${result.cpuP99.toFixed(3)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} core(s)`);
  console.log(`heap used: ${mb(heapAfter)} (${mb(heapAfter - heapBefore)} more than before loading)`);
  const ok = result.p99 < NLU_P99_TARGET_MS;
  console.log(`target p99 < ${NLU_P99_TARGET_MS} ms: ${ok ? 'met' : 'MISSED'}`);
  return ok ? 0 : 1;
}

runIfMain(import.meta.url, main);
