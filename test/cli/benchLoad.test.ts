import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { startBenchProcess, type BenchProcess } from '../../src/cli/bench/benchProcess.js';
import { startBenchRedis, type BenchRedis } from '../../src/cli/bench/benchRedis.js';
import { evaluateGoals } from '../../src/cli/bench/goals.js';
import { runLoad, type LoadRunResult } from '../../src/cli/bench/loadRun.js';
import { APP_SECRET, PHONE_NUMBER_ID, RAISED_LIMITS, loadScenarios, runScenario, type RatioLine } from '../../src/cli/bench/scenarios.js';
import { testRedisClient } from '../helpers/redisClients.js';

// The load bench's pieces in a tiny configuration (24 messages from 8 users, seconds-long bounds): the real
// assistant and the bare pipeline on an AOF Redis, against the fake Graph API. Figures are not checked (that is
// the bench's job), only the shape of the lines and that nothing was lost or duplicated.

let redis: BenchRedis;
let fake: FakeGraphServer;
beforeAll(async () => {
  redis = await startBenchRedis();
  fake = await startFakeGraphServer();
});
afterAll(async () => {
  await fake?.stop();
  await redis?.stop();
});

const NUMBERS: Array<keyof LoadRunResult> = ['sent', 'acknowledged', 'answered', 'ackPerSecond', 'answeredPerSecondDuringLoad', 'answeredPerSecondOverall', 'ackP50Ms', 'ackP99Ms', 'turnP99Ms', 'peakRssMb', 'maxQueueDepth', 'rejected503', 'missing', 'duplicated'];

describe('npm run bench (load), tiny configuration', () => {
  it('runs bare and assistant in one round: JSON lines with every figure, 0 missing, 0 duplicated', async () => {
    const lines: Array<LoadRunResult | RatioLine> = [];
    await runScenario(
      { name: 'graph0', graphDelayMs: 0, instances: 1, assistantEnv: RAISED_LIMITS, assistantVariant: 'assistant-raised', messages: 24 },
      { redis, fake, bounds: { rounds: 1, users: 10_000, concurrency: 4, sendSeconds: 10, drainSeconds: 15, settleMs: 500 }, emit: (l) => lines.push(JSON.parse(JSON.stringify(l))), log: () => {} },
    );
    const [bare, assistant, ratio] = lines as [LoadRunResult, LoadRunResult, RatioLine];
    expect([bare.variant, assistant.variant, ratio.ratio]).toEqual(['bare', 'assistant-raised', 'assistant/bare']);
    for (const run of [bare, assistant]) {
      for (const key of NUMBERS) expect(typeof run[key], `${run.variant}.${key}`).toBe('number');
      expect(run.users).toBe(8);
      expect(run.acknowledged).toBe(24);
      expect(run.answered).toBe(24);
      expect(run.missing).toBe(0);
      expect(run.duplicated).toBe(0);
      expect(run.drained).toBe(true);
      expect(run.cpuMsPerAnswered).toBeGreaterThan(0);
      expect(run.peakRssMb).toBeGreaterThan(10);
    }
    expect(assistant.readReceiptsMissing).toBe(0);
    expect(assistant.readReceiptsDuplicated).toBe(0);
    expect(typeof ratio.answeredPerSecondOverall).toBe('number');
    const goals = evaluateGoals([bare, assistant], [ratio]);
    expect(goals.find((g) => g.goal.startsWith('0 missing'))?.met).toBe(true);
    expect(goals.find((g) => g.goal.startsWith('1,000'))?.met).toBeNull(); // graph150 did not run
  }, 120_000);

  it('runs the cluster scenario: the assistant on the 3-master test cluster (REDIS_CLUSTER_NODES), the bare pipeline on one Redis, 0 missing, 0 duplicated', async () => {
    const scenario = loadScenarios(24).find((sc) => sc.name === 'cluster')!;
    expect(scenario).toMatchObject({ store: 'cluster', instances: 2 });
    const lines: Array<LoadRunResult | RatioLine> = [];
    // One instance of each here (the bench runs two): each assistant start-up trains a model, minutes on a loaded machine.
    await runScenario(
      { ...scenario, instances: 1, assistantEnv: { ...scenario.assistantEnv, WORKERS: '1' } },
      {
        redis, cluster: { nodes: inject('redisClusterNodes'), client: testRedisClient('redis cluster') }, fake,
        bounds: { rounds: 1, users: 10_000, concurrency: 4, sendSeconds: 10, drainSeconds: 20, settleMs: 500 }, emit: (l) => lines.push(JSON.parse(JSON.stringify(l))), log: () => {},
      },
    );
    const [bare, assistant] = lines as [LoadRunResult, LoadRunResult];
    expect([bare.variant, assistant.variant]).toEqual(['bare', 'assistant-cluster']);
    for (const run of [bare, assistant]) {
      expect(run.answered).toBe(24);
      expect(run.missing).toBe(0);
      expect(run.duplicated).toBe(0);
      expect(run.drained).toBe(true);
    }
    expect(assistant.readReceiptsMissing).toBe(0);
    expect(assistant.maxQueueDepth).toBeGreaterThanOrEqual(0);
  }, 240_000);

  it('reports replies that never came as missing, and extra ones as duplicated', async () => {
    const bare: BenchProcess = await startBenchProcess('bare-check', 'src/cli/bench/barePipeline.ts', {
      REDIS_URL: redis.url, GRAPH_URL: fake.url, APP_SECRET, PHONE_NUMBER_ID, KEY_PREFIX: 'checkbare', BARE_CONCURRENCY: '4',
    });
    try {
      const common = {
        scenario: 'check', round: 1, targets: [`${bare.url}/api/whatsapp`], processes: [bare], fake, appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID,
        messages: 6, users: 10, concurrency: 2, sendSeconds: 5, drainSeconds: 1, quietMs: 1_000, expectReadReceipts: false, queueDepth: () => redis.client.llen('checkbare:queue'),
      };
      // The bare pipeline sends one echo per message: expecting two leaves one missing each…
      const tooFew = await runLoad({ ...common, variant: 'expects-2', runId: 97, expectedReplies: () => 2 });
      expect(tooFew.missing).toBe(6);
      expect(tooFew.drained).toBe(false);
      // …and expecting none makes every echo a duplicate.
      const tooMany = await runLoad({ ...common, variant: 'expects-0', runId: 98, expectedReplies: () => 0 });
      expect(tooMany.duplicated).toBe(6);
    } finally {
      await bare.stop();
    }
  }, 60_000);
});
