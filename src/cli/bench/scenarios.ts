// The scenarios of `npm run bench`: which processes to start, with which Graph delay and limits, and the
// interleaved rounds (bare, assistant, bare, assistant…) that give the assistant/bare ratios.
import type { FakeGraphServer } from '../../channels/whatsapp/fakeGraphServer.js';
import { DEFAULT_CLUSTER_INBOUND_PARTITIONS } from '../../stores/redis/inboundPartitioning.js';
import type { RedisClient } from '../../stores/redis/redisConnection.js';
import { redisKeys } from '../../stores/redis/redisKeys.js';
import { ASSISTANT_ENTRY, startBenchProcess, type BenchProcess } from './benchProcess.js';
import type { BenchRedis } from './benchRedis.js';
import { calibrateReplies } from './calibrate.js';
import { runLoad, type LoadRunResult } from './loadRun.js';
import { SCRIPTS } from './loadScript.js';

export const APP_SECRET = 'bench-app-secret';
export const PHONE_NUMBER_ID = '100200300';

/** One load scenario. */
export interface LoadScenario {
  readonly name: string;
  readonly graphDelayMs: number;
  readonly instances: number;
  /** Environment of the assistant variant (on top of what enables WhatsApp). */
  readonly assistantEnv: Record<string, string>;
  readonly assistantVariant: string;
  /** Messages per run (both variants get the same). */
  readonly messages: number;
  /**
   * Where the assistant keeps its data: the bench's one AOF Redis (default), or a local 3-master Redis Cluster
   * (REDIS_CLUSTER_NODES, 16 inbound partitions). The bare pipeline stays on the one Redis: it is the reference.
   */
  readonly store?: 'redis' | 'cluster';
}

/** The local Redis Cluster of the `cluster` scenario: its seed nodes, and a client for the bench's own reads. */
export interface BenchCluster {
  readonly nodes: readonly string[];
  readonly client: RedisClient;
}

/** Meta's highest standard throughput tier is 1,000 messages/s per business number. */
export const RAISED_LIMITS = { WHATSAPP_RATE_PER_SECOND: '1000', TURN_CONCURRENCY: '64', SEND_CONCURRENCY: '256' };

/** Every load scenario, with the full-run message counts (quick runs scale them down). */
export function loadScenarios(messages: number): LoadScenario[] {
  return [
    { name: 'graph0', graphDelayMs: 0, instances: 1, assistantEnv: RAISED_LIMITS, assistantVariant: 'assistant-raised', messages },
    // As shipped: 80 msg/s cap, 8 turns at once. Fewer messages, else it cannot drain within the bounds.
    { name: 'shipped', graphDelayMs: 0, instances: 1, assistantEnv: {}, assistantVariant: 'assistant-shipped', messages: Math.max(20, Math.round(messages / 5)) },
    { name: 'graph150', graphDelayMs: 150, instances: 1, assistantEnv: RAISED_LIMITS, assistantVariant: 'assistant-raised', messages },
    { name: 'two-instances', graphDelayMs: 0, instances: 2, assistantEnv: RAISED_LIMITS, assistantVariant: 'assistant-raised', messages },
    { name: 'cluster', graphDelayMs: 0, instances: 2, assistantEnv: RAISED_LIMITS, assistantVariant: 'assistant-cluster', messages, store: 'cluster' },
  ];
}

/** Bounds shared by every run. */
export interface RunBounds {
  readonly rounds: number;
  readonly users: number;
  readonly concurrency: number;
  readonly sendSeconds: number;
  readonly drainSeconds: number;
  /** Quiet time that ends a calibration step, default 1 500 ms. */
  readonly settleMs?: number;
}

/** A ratio line: assistant divided by bare, same round. */
export interface RatioLine {
  scenario: string;
  round: number;
  ratio: 'assistant/bare';
  ackPerSecond: number | null;
  answeredPerSecondDuringLoad: number | null;
  answeredPerSecondOverall: number | null;
  cpuMsPerAnswered: number | null;
}

const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : Math.round((a / b) * 100) / 100);

let runCounter = 10;

/** Starts the processes of `scenario`, calibrates, runs the rounds, stops; `emit` gets each line as it is ready. */
export async function runScenario(
  scenario: LoadScenario,
  deps: { redis: BenchRedis; cluster?: BenchCluster; fake: FakeGraphServer; bounds: RunBounds; emit: (line: LoadRunResult | RatioLine) => void; log: (text: string) => void },
): Promise<Array<LoadRunResult | RatioLine>> {
  const { redis, fake, bounds } = deps;
  const cluster = scenario.store === 'cluster' ? deps.cluster : undefined;
  if (scenario.store === 'cluster' && !cluster) throw new Error(`scenario ${scenario.name} needs a Redis Cluster`);
  const assistantStore: Record<string, string> = cluster ? { REDIS_CLUSTER_NODES: cluster.nodes.join(',') } : { REDIS_URL: redis.url };
  const lines: Array<LoadRunResult | RatioLine> = [];
  const emit = (line: LoadRunResult | RatioLine) => {
    lines.push(line);
    deps.emit(line);
  };
  fake.setResponseDelay(scenario.graphDelayMs);
  const prefix = `bench${runCounter}`;
  const started: BenchProcess[] = [];
  try {
    const bare: BenchProcess[] = [];
    const assistant: BenchProcess[] = [];
    for (let i = 0; i < scenario.instances; i++) {
      bare.push(await startBenchProcess(`bare-${i}`, 'src/cli/bench/barePipeline.ts', {
        REDIS_URL: redis.url, GRAPH_URL: fake.url, APP_SECRET, PHONE_NUMBER_ID, KEY_PREFIX: `${prefix}bare`,
        BARE_CONCURRENCY: scenario.assistantEnv.TURN_CONCURRENCY ?? '8',
      }));
      started.push(bare[i]!);
      assistant.push(await startBenchProcess(`assistant-${i}`, ASSISTANT_ENTRY, {
        NODE_ENV: 'production', ...assistantStore, KEY_PREFIX: prefix,
        WHATSAPP_API_URL: fake.url, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: 'bench-verify', WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN: 'bench-token',
        ...scenario.assistantEnv,
        // /readyz: its turn worker threads (WORKERS) get their model after the main thread answers /healthz.
      }, 300_000, '/readyz'));
      started.push(assistant[i]!);
    }
    const webhook = (p: BenchProcess) => `${p.url}/api/whatsapp`;
    deps.log(`${scenario.name}: calibrating the assistant's replies per script step`);
    const table = await calibrateReplies({ target: webhook(assistant[0]!), fake, appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID, runId: runCounter++, settleMs: bounds.settleMs });
    deps.log(`${scenario.name}: replies per step ${JSON.stringify(table)}`);
    const keys = redisKeys(prefix);
    const partitions = cluster ? DEFAULT_CLUSTER_INBOUND_PARTITIONS : 1;
    const assistantDepth = async () => {
      const depths = await Promise.all(Array.from({ length: partitions }, (_, i) => (cluster?.client ?? redis.client).hlen(keys.inboundPartition(i, partitions).messages())));
      return depths.reduce((a, b) => a + b, 0);
    };
    const common = { fake, appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID, users: bounds.users, concurrency: bounds.concurrency, sendSeconds: bounds.sendSeconds, drainSeconds: bounds.drainSeconds, messages: scenario.messages, scenario: scenario.name };
    for (let round = 1; round <= bounds.rounds; round++) {
      const b = await runLoad({
        ...common, variant: 'bare', round, runId: runCounter++, targets: bare.map(webhook), processes: bare,
        expectedReplies: () => 1, expectReadReceipts: false, queueDepth: () => redis.client.llen(`${prefix}bare:queue`),
      });
      emit(b);
      const a = await runLoad({
        ...common, variant: scenario.assistantVariant, round, runId: runCounter++, targets: assistant.map(webhook), processes: assistant,
        expectedReplies: (n, k) => table[n % SCRIPTS.length]![k]!, expectReadReceipts: true, queueDepth: assistantDepth,
      });
      emit(a);
      emit({
        scenario: scenario.name, round, ratio: 'assistant/bare',
        ackPerSecond: ratio(a.ackPerSecond, b.ackPerSecond),
        answeredPerSecondDuringLoad: ratio(a.answeredPerSecondDuringLoad, b.answeredPerSecondDuringLoad),
        answeredPerSecondOverall: ratio(a.answeredPerSecondOverall, b.answeredPerSecondOverall),
        cpuMsPerAnswered: ratio(a.cpuMsPerAnswered, b.cpuMsPerAnswered),
      });
    }
  } finally {
    for (const p of started) {
      // Errors the processes logged during the runs, so a miss in the figures can be explained.
      const errors = p.output().split('\n').filter((l) => /fail|error/i.test(l));
      if (errors.length > 0) deps.log(`${scenario.name}: ${p.name} logged ${errors.length} error line(s), e.g. ${errors[0]!.slice(0, 300)}`);
    }
    for (const p of started.reverse()) await p.stop();
    fake.setResponseDelay(0);
  }
  return lines;
}
