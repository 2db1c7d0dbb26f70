import { existsSync, readFileSync } from 'node:fs';
import { runIfMain } from './runIfMain.js';
import { availableParallelism, loadavg } from 'node:os';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import type { MessageUnderstander } from '../domain/nlu/understanding.js';
import { withSafety } from '../domain/safety/safeUnderstander.js';
import { loadSafetyDetector } from './loadSafety.js';
import { loadMatcher } from './nlu.js';
import { DEFAULT_EVAL_FILE } from './nluEval.js';

/** Per-message latency target of the understander, in ms of CPU time (p99), 2,000-character messages included. */
export const NLU_P99_TARGET_MS = 2;
/** The margin aimed at under {@link NLU_P99_TARGET_MS}, so the target holds on a loaded machine too (CPU p99, ms). Reported, not enforced. */
export const NLU_P99_MARGIN_AIM_MS = 1.5;
/** Aim for 2,000-character messages, in ms of CPU time (p99; issue 13). Reported, not enforced. */
export const NLU_LONG_P99_AIM_MS = 0.5;
/** Length of the longest messages timed: the understander reads no further. */
export const LONG_MESSAGE_CHARS = 2000;

/** Result of {@link benchmarkUnderstander}; times in ms. */
export interface NluBenchResult {
  readonly messages: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** CPU time of this process per message (median). */
  readonly cpuP50: number;
  /** CPU time of this process per message (p99): unlike wall time, not inflated by other processes on a busy machine. */
  readonly cpuP99: number;
}

/** Times `understander.understand` on each message, `rounds` times over (after `warmUpRounds` untimed rounds). */
export function benchmarkUnderstander(understander: MessageUnderstander, messages: readonly string[], rounds = 20, warmUpRounds = 5): NluBenchResult {
  for (let r = 0; r < warmUpRounds; r++) for (const m of messages) understander.understand(m);
  // Process CPU time (every thread: the garbage collector's helpers count), kept in arrays sized up front so that
  // the bench allocates nothing of its own between two timed calls.
  const times = new Float64Array(rounds * messages.length);
  const cpu = new Float64Array(rounds * messages.length);
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (const m of messages) {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      understander.understand(m);
      times[n] = Number(process.hrtime.bigint() - start) / 1e6;
      const used = process.cpuUsage(cpuStart);
      cpu[n++] = (used.user + used.system) / 1000;
    }
  }
  times.sort();
  cpu.sort();
  const quantile = (list: Float64Array, q: number) => list[Math.min(list.length - 1, Math.floor(q * list.length))] ?? 0;
  return { messages: n, p50: quantile(times, 0.5), p99: quantile(times, 0.99), max: quantile(times, 1), cpuP50: quantile(cpu, 0.5), cpuP99: quantile(cpu, 0.99) };
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

/** Messages of {@link LONG_MESSAGE_CHARS} characters: a story of many labelled messages, then a question. */
export function longMessages(texts: readonly string[], count = 20): string[] {
  const out: string[] = [];
  for (let i = 0; i < count && texts.length > 0; i++) {
    let story = '';
    for (let k = 0; story.length < LONG_MESSAGE_CHARS; k++) story += `${texts[(i * 13 + k * 7) % texts.length]!.replace(/[?؟]/g, '')}. `;
    const question = texts[i % texts.length]!;
    out.push(`${story.slice(0, LONG_MESSAGE_CHARS - question.length - 1)} ${question}`);
  }
  return out;
}

async function main(): Promise<number> {
  const config = loadConfig(readEnvironment());
  const heapBefore = process.memoryUsage().heapUsed;
  const buildStart = process.hrtime.bigint();
  const matcher = loadMatcher(config.LOCALES_DIR, config.DEFAULT_LANGUAGE);
  const buildMs = Number(process.hrtime.bigint() - buildStart) / 1e6;
  // Timed as the bot reads a message: the safety detector (its rules, then its learned layer) and the matcher.
  const safetyStart = process.hrtime.bigint();
  const safety = loadSafetyDetector(config.LOCALES_DIR);
  const safetyMs = Number(process.hrtime.bigint() - safetyStart) / 1e6;
  const understander = withSafety(matcher, () => safety);
  const messages = benchMessages([DEFAULT_EVAL_FILE, 'test/fixtures/nlu/holdout.jsonl']);
  const long = longMessages(messages);
  // Issue 12's target is the understander's (the matcher and its model); the safety detector runs before it on
  // every message and is timed apart, and the two together as the bot runs them.
  const result = benchmarkUnderstander(matcher, [...messages, ...long]);
  const longResult = benchmarkUnderstander(matcher, long);
  const both = benchmarkUnderstander(understander, [...messages, ...long]);
  const bothLong = benchmarkUnderstander(understander, long);
  const detectorOnly = benchmarkUnderstander({ understand: (text) => ({ lang: 'fr', id: safety.detect(text) ? 'intent.emergency' : null, score: 0, candidates: [] }) }, [...messages, ...long]);
  const heapAfter = process.memoryUsage().heapUsed;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  console.log(`content loaded, indexed and model trained in ${buildMs.toFixed(0)} ms (training ${matcher.model.trainingMs.toFixed(0)} ms on ${matcher.model.examples} examples)`);
  console.log(`safety detector built and its learned layer trained in ${safetyMs.toFixed(0)} ms (content loaded again for it)`);
  console.log(`${result.messages} timed calls over ${messages.length} distinct messages`);
  console.log(`per message: p50 ${result.p50.toFixed(3)} ms, p99 ${result.p99.toFixed(3)} ms, max ${result.max.toFixed(3)} ms (wall time)`);
  console.log(`understander (matcher and model): CPU p50 ${result.cpuP50.toFixed(3)} ms, p99 ${result.cpuP99.toFixed(3)} ms per message; load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} core(s)`);
  console.log(`understander, ${LONG_MESSAGE_CHARS}-character messages: CPU p50 ${longResult.cpuP50.toFixed(3)} ms, p99 ${longResult.cpuP99.toFixed(3)} ms, wall p99 ${longResult.p99.toFixed(3)} ms (aim ${NLU_LONG_P99_AIM_MS} ms: ${longResult.cpuP99 < NLU_LONG_P99_AIM_MS ? 'met' : 'not yet'})`);
  console.log(`safety detector alone (rules and learned layer): CPU p99 ${detectorOnly.cpuP99.toFixed(3)} ms`);
  console.log(`detector then understander, as the bot runs them: CPU p99 ${both.cpuP99.toFixed(3)} ms, ${LONG_MESSAGE_CHARS}-character messages ${bothLong.cpuP99.toFixed(3)} ms (aim < ${NLU_P99_TARGET_MS} ms: ${both.cpuP99 < NLU_P99_TARGET_MS && bothLong.cpuP99 < NLU_P99_TARGET_MS ? 'met' : 'not yet'})`);
  console.log(`heap used: ${mb(heapAfter)} (${mb(heapAfter - heapBefore)} more than before loading)`);
  // CPU time, not wall time: on a shared machine wall time also counts the other processes' turns.
  const ok = result.cpuP99 < NLU_P99_TARGET_MS && longResult.cpuP99 < NLU_P99_TARGET_MS;
  const margin = result.cpuP99 <= NLU_P99_MARGIN_AIM_MS && longResult.cpuP99 <= NLU_P99_MARGIN_AIM_MS;
  console.log(`target: understander CPU p99 < ${NLU_P99_TARGET_MS} ms (all messages and ${LONG_MESSAGE_CHARS}-character ones): ${ok ? 'met' : 'MISSED'}; margin aim ≤ ${NLU_P99_MARGIN_AIM_MS} ms: ${margin ? 'met' : 'not yet'}`);
  return ok ? 0 : 1;
}

runIfMain(import.meta.url, main);
