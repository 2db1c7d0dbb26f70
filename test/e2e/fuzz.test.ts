import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeGraphServer, type FakeGraphServer } from '../../src/channels/whatsapp/fakeGraphServer.js';
import { startApp, waitFor, type AppProcess } from '../helpers/appProcess.js';
import { fuzzRequest, type FuzzRequest } from '../helpers/fuzzRequests.js';
import { fetchLastResortCount } from '../helpers/lastResortCount.js';
import { rawRequest } from '../helpers/rawHttp.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';
import { APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, postWebhook, waText, webhook } from '../channels/whatsapp/webhookFixtures.js';
import { afterAppStarts } from '../helpers/spawnBudget.js';

/**
 * Throws ≥10,000 generated and mutated requests at the real assistant (Redis, WhatsApp against the fake
 * Graph API, web chat, /api/messages), over raw sockets since many are not valid HTTP. The seed is printed;
 * replay a failure with FUZZ_SEED=<seed> (and FUZZ_RUNS to change the count).
 */
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const CONCURRENCY = 24;

let fake: FakeGraphServer;
let app: AppProcess;
let conversation: { conversationId: string; token: string };
let spare: { conversationId: string; token: string; streamUrl: string };

beforeAll(async () => {
  process.stdout.write(`fuzz: seed ${SEED}, ${RUNS} requests (replay: FUZZ_SEED=${SEED} npx vitest run test/e2e/fuzz.test.ts)\n`);
  fake = await startFakeGraphServer();
  app = await startApp({
    REDIS_URL: inject('redisUrl'),
    KEY_PREFIX: uniquePrefix('fuzz'),
    WHATSAPP_API_URL: fake.url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_ACCESS_TOKEN: 'test-token',
    // The fuzzer's bot turns must not wait on the per-user pacing of real WhatsApp traffic.
    WHATSAPP_RATE_PER_SECOND: '1000',
  });
  const start = async () => (await (await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string; streamUrl: string };
  conversation = await start();
  spare = await start();
}, afterAppStarts(1, 30_000));
afterAll(async () => {
  expect(await app?.stop()).toBe(0);
  await fake?.stop();
}, 60_000);

async function heapUsed(): Promise<number> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  return Number(/^tdu_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
}

/** Sends every request, `CONCURRENCY` at a time; returns each status (0: the server closed without one). */
async function sendAll(requests: readonly FuzzRequest[], onEach: (request: FuzzRequest, status: number, index: number, headers: Record<string, string>) => void): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < requests.length) {
      const index = next++;
      const request = requests[index]!;
      // A mutant may now declare more body than it sends: the server rightly waits, so give up sooner.
      const res = await rawRequest(app.port, request.bytes, request.mutated ? 1500 : 10_000);
      onEach(request, res.status, index, res.headers);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
}

describe(`fuzzing the HTTP surface (seed ${SEED})`, { timeout: 240_000 }, () => {
  it('survives every request without a crash or a 5xx, keeps its memory, and still answers a real message', async () => {
    const requests = fc.sample(fuzzRequest({ appSecret: APP_SECRET, verifyToken: VERIFY_TOKEN, ...conversation }), { seed: SEED, numRuns: RUNS });
    expect(requests.length).toBeGreaterThanOrEqual(10_000);
    const byTarget = new Map<string, Map<number, number>>();
    const serverErrors: string[] = [];
    const noAnswer: string[] = [];
    const notJson: string[] = [];
    const record = (request: FuzzRequest, status: number, index: number, headers: Record<string, string>) => {
      const counts = byTarget.get(request.target) ?? new Map<number, number>();
      counts.set(status, (counts.get(status) ?? 0) + 1);
      byTarget.set(request.target, counts);
      if (status === 0 && !request.mutated && noAnswer.length < 10) noAnswer.push(`#${index} ${JSON.stringify(request.bytes.toString('latin1').slice(0, 300))}`);
      if (status >= 400 && status < 500 && !/^application\/json/.test(headers['content-type'] ?? '') && notJson.length < 10) notJson.push(`#${index} ${status} ${JSON.stringify(request.bytes.toString('latin1').slice(0, 300))}`);
      if (status >= 500 && serverErrors.length < 10) serverErrors.push(`#${index} ${status} ${JSON.stringify(request.bytes.toString('latin1').slice(0, 300))}`);
    };

    const startedAt = Date.now();
    const warmup = Math.floor(requests.length / 5);
    await sendAll(requests.slice(0, warmup), record);
    const heapAfterWarmup = await heapUsed();
    await sendAll(requests.slice(warmup), record);
    const heapAtEnd = await heapUsed();

    const sentAt = Date.now();
    const summary = [...byTarget].map(([target, counts]) => `${target}: ${[...counts].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`).join('\n');
    process.stdout.write(`fuzz (seed ${SEED}): ${requests.length} requests in ${sentAt - startedAt} ms; statuses\n${summary}\n`);
    expect(serverErrors, `5xx answers (seed ${SEED})`).toEqual([]);
    expect(notJson, `4xx answers that are not JSON (seed ${SEED})`).toEqual([]);
    expect(noAnswer, `requests the server closed without an answer (seed ${SEED})`).toEqual([]);
    for (const target of ['whatsapp', 'directline', 'upgrade', 'messages', 'arbitrary']) expect(byTarget.has(target), target).toBe(true);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    expect(await fetchLastResortCount(app.url)).toBe(0);
    // Memory: what the warm-up grew stays; the other 80% of the run must not keep growing it.
    expect(heapAtEnd - heapAfterWarmup, `heap grew from ${heapAfterWarmup} to ${heapAtEnd} bytes`).toBeLessThan(150 * 1024 * 1024);

    // A real WhatsApp user and a real web chat user are answered correctly afterwards.
    const user = '212699999999';
    expect((await postWebhook(app.url, webhook([waText(user, 'bonjour')]))).status).toBe(200);
    await waitFor(() => fake.sentMessages().some((m) => m.to === user && JSON.stringify(m).includes("l'assistant de l'OIM")), 120_000, 'the WhatsApp welcome');
    const ws = new WebSocket(spare.streamUrl);
    const answered = new Promise<string>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const set = JSON.parse(data.toString()) as { activities: Array<{ from: { role: string }; text?: string }> };
        const text = set.activities.filter((a) => a.from.role === 'bot').map((a) => a.text ?? '').join('\n');
        if (text.includes("l'assistant de l'OIM")) resolve(text);
      });
    });
    await new Promise((resolve) => ws.once('open', resolve));
    const posted = await fetch(`${app.url}/v3/directline/conversations/${spare.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${spare.token}` },
      body: JSON.stringify({ type: 'message', text: 'bonjour', locale: 'fr' }),
    });
    expect(posted.status).toBe(200);
    expect(await answered).toContain('Bonjour');
    ws.close();
    process.stdout.write(`fuzz: real messages answered ${Date.now() - sentAt} ms after the run\n`);
  });
});
