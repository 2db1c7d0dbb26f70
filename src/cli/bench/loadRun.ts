// One load run of `npm run bench`: signed webhooks from simulated users, as fast as `concurrency` in-flight
// requests allow, bounded by a message count and a send time; then waiting (bounded) for the replies at the
// fake Graph API and checking that each user got exactly the replies expected.
import type { FakeGraphRequest, FakeGraphServer } from '../../channels/whatsapp/fakeGraphServer.js';
import type { BenchProcess } from './benchProcess.js';
import { MESSAGES_PER_USER, messageText, signedWebhook, userWaId } from './loadScript.js';

/** What one run needs. */
export interface LoadRunOptions {
  /** Scenario and variant names, copied into the result. */
  readonly scenario: string;
  readonly variant: string;
  readonly round: number;
  /** Distinct per run, so every run's users are new conversations. */
  readonly runId: number;
  /** Webhook URLs (`…/api/whatsapp`); messages alternate between them (several instances). */
  readonly targets: readonly string[];
  readonly processes: readonly BenchProcess[];
  readonly fake: FakeGraphServer;
  readonly appSecret: string;
  readonly phoneNumberId: string;
  /** Messages to send at most, and simulated users to spread them over (first message, then follow-ups). */
  readonly messages: number;
  readonly users: number;
  /** Webhook requests in flight at once. */
  readonly concurrency: number;
  readonly sendSeconds: number;
  readonly drainSeconds: number;
  /** Replies expected at the Graph API for user `n`'s `k`-th message (calibrated for the assistant, 1 for bare). */
  readonly expectedReplies: (n: number, k: number) => number;
  /** Whether each inbound message must get exactly one read receipt. */
  readonly expectReadReceipts: boolean;
  /** After the replies are complete, how long the Graph API must stay quiet to catch late duplicates; default 300 ms. */
  readonly quietMs?: number;
  /** Messages waiting in the inbound queue now. */
  readonly queueDepth: () => Promise<number>;
}

/** The figures of one run: one JSON line of the bench output. */
export interface LoadRunResult {
  scenario: string;
  variant: string;
  round: number;
  instances: number;
  users: number;
  sent: number;
  acknowledged: number;
  rejected503: number;
  otherErrors: number;
  answered: number;
  ackPerSecond: number;
  answeredPerSecondDuringLoad: number;
  answeredPerSecondOverall: number;
  ackP50Ms: number;
  ackP99Ms: number;
  turnP50Ms: number;
  turnP99Ms: number;
  cpuMsPerAnswered: number | null;
  peakRssMb: number;
  maxQueueDepth: number;
  endQueueDepth: number;
  drained: boolean;
  missing: number;
  duplicated: number;
  readReceiptsMissing: number | null;
  readReceiptsDuplicated: number | null;
  graphRequests: number;
  seconds: number;
}

/** The `p`-th percentile of ascending `sorted` (0 when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

interface Sent {
  readonly n: number;
  readonly k: number;
  readonly messageId: string;
  sentAt: number;
  acked: boolean;
}

/** Runs one bounded load run and returns its figures. */
export async function runLoad(o: LoadRunOptions): Promise<LoadRunResult> {
  o.fake.requests.splice(0); // this run's requests only (users are distinct per run anyway)
  const users = Math.max(1, Math.min(o.users, Math.ceil(o.messages / MESSAGES_PER_USER)));
  const plan: Sent[] = [];
  for (let k = 0; k < MESSAGES_PER_USER && plan.length < o.messages; k++) {
    for (let n = 0; n < users && plan.length < o.messages; n++) plan.push({ n, k, messageId: `wamid.bench.${o.runId}.${n}.${k}`, sentAt: 0, acked: false });
  }
  const cpuStart = o.processes.map((p) => p.cpuMs());
  const start = Date.now();
  const sendDeadline = start + o.sendSeconds * 1000;
  const ackMs: number[] = [];
  const blocked = new Set<number>(); // users with a message never accepted: their later messages are not sent
  let rejected503 = 0;
  let otherErrors = 0;
  let next = 0;
  let maxQueueDepth = 0;

  const sampler = setInterval(() => {
    void o.queueDepth().then((d) => (maxQueueDepth = Math.max(maxQueueDepth, d)), () => {});
  }, 250);

  const sendOne = async (s: Sent, target: string): Promise<void> => {
    const phone = userWaId(o.runId, s.n);
    for (let attempt = 0; Date.now() < sendDeadline; attempt++) {
      const { body, signature } = signedWebhook({ phoneNumberId: o.phoneNumberId, appSecret: o.appSecret, from: phone, messageId: s.messageId, text: messageText(s.n, s.k) });
      const t0 = performance.now();
      s.sentAt = Date.now();
      try {
        const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
        await res.arrayBuffer();
        if (res.status === 200) {
          ackMs.push(performance.now() - t0);
          s.acked = true;
          return;
        }
        if (res.status === 503) rejected503++;
        else otherErrors++;
      } catch {
        otherErrors++;
      }
      // Meta retries a refused webhook later; so do we, with a short backoff, until the send time is up.
      await new Promise((r) => setTimeout(r, Math.min(1_000, 50 * 2 ** attempt)));
    }
  };

  // A user writes one message after the other: a follow-up is posted once the previous one was accepted
  // (only matters when there are fewer users than lanes).
  const previous = new Map<number, Promise<void>>();
  const lane = async (laneIndex: number) => {
    while (Date.now() < sendDeadline) {
      const i = next++;
      if (i >= plan.length) return;
      const s = plan[i]!;
      const sent = (async () => {
        await previous.get(s.n);
        if (blocked.has(s.n)) return;
        await sendOne(s, o.targets[(i + laneIndex) % o.targets.length]!);
        if (!s.acked) blocked.add(s.n);
      })();
      previous.set(s.n, sent);
      await sent;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, (_, i) => lane(i)));
  const sendEnd = Date.now();

  // Expected replies per user, from the messages that were acknowledged (in the user's order).
  const acked = plan.filter((s) => s.acked);
  const byUser = new Map<string, Sent[]>();
  for (const s of acked) {
    const phone = userWaId(o.runId, s.n);
    const list = byUser.get(phone) ?? [];
    list.push(s);
    byUser.set(phone, list);
  }
  let expectedTotal = 0;
  for (const list of byUser.values()) for (const s of list) expectedTotal += o.expectedReplies(s.n, s.k);

  const replies = () => o.fake.requests.filter((r) => r.outcome === 'ok' && !isReadReceipt(r) && recipientOf(r) !== undefined);
  const drainDeadline = sendEnd + o.drainSeconds * 1000;
  let endQueueDepth = await o.queueDepth().catch(() => -1);
  while (Date.now() < drainDeadline) {
    if (replies().length >= expectedTotal && endQueueDepth === 0) break;
    await new Promise((r) => setTimeout(r, 200));
    endQueueDepth = await o.queueDepth().catch(() => -1);
  }
  // Late duplicates: wait until the Graph API has been quiet for quietMs (at most 5 s more).
  const quietMs = o.quietMs ?? 300;
  const quietDeadline = Date.now() + 5_000;
  for (let seen = -1; seen !== o.fake.requests.length && Date.now() < quietDeadline; ) {
    seen = o.fake.requests.length;
    await new Promise((r) => setTimeout(r, quietMs));
  }
  clearInterval(sampler);
  endQueueDepth = await o.queueDepth().catch(() => -1);
  const cpuUsed = o.processes.reduce((sum, p, i) => sum + (p.cpuMs() - cpuStart[i]!), 0);

  // Match replies to messages: per user, in arrival order, message k is answered when the replies expected up
  // to and including it have arrived; its turn time runs from the webhook send to that reply's arrival.
  const received = new Map<string, FakeGraphRequest[]>();
  for (const r of replies()) {
    const to = recipientOf(r)!;
    const list = received.get(to) ?? [];
    list.push(r);
    received.set(to, list);
  }
  const turnMs: number[] = [];
  const answeredAt: number[] = [];
  let missing = 0;
  let duplicated = 0;
  for (const [phone, list] of byUser) {
    const got = received.get(phone) ?? [];
    let cumulative = 0;
    for (const s of list.sort((a, b) => a.k - b.k)) {
      cumulative += o.expectedReplies(s.n, s.k);
      const reply = got[cumulative - 1];
      if (reply) {
        turnMs.push(reply.at - s.sentAt);
        answeredAt.push(reply.at);
      }
    }
    missing += Math.max(0, cumulative - got.length);
    duplicated += Math.max(0, got.length - cumulative);
  }
  for (const [phone, got] of received) if (!byUser.has(phone)) duplicated += got.length; // replies to nobody we wrote as

  let readReceiptsMissing: number | null = null;
  let readReceiptsDuplicated: number | null = null;
  if (o.expectReadReceipts) {
    const receipts = new Map<string, number>();
    for (const r of o.fake.requests) if (r.outcome === 'ok' && isReadReceipt(r)) receipts.set(String((r.json as { message_id?: string }).message_id), (receipts.get(String((r.json as { message_id?: string }).message_id)) ?? 0) + 1);
    readReceiptsMissing = acked.filter((s) => !receipts.has(s.messageId)).length;
    readReceiptsDuplicated = [...receipts.values()].reduce((sum, c) => sum + Math.max(0, c - 1), 0);
  }

  turnMs.sort((a, b) => a - b);
  ackMs.sort((a, b) => a - b);
  answeredAt.sort((a, b) => a - b);
  const sendSeconds = Math.max(0.001, (sendEnd - start) / 1000);
  const lastAnswer = answeredAt.at(-1) ?? sendEnd;
  const answeredDuringLoad = answeredAt.filter((t) => t <= sendEnd).length;
  return {
    scenario: o.scenario,
    variant: o.variant,
    round: o.round,
    instances: o.targets.length,
    users: byUser.size,
    sent: plan.filter((s) => s.sentAt > 0).length,
    acknowledged: acked.length,
    rejected503,
    otherErrors,
    answered: answeredAt.length,
    ackPerSecond: round1(acked.length / sendSeconds),
    answeredPerSecondDuringLoad: round1(answeredDuringLoad / sendSeconds),
    answeredPerSecondOverall: round1(answeredAt.length / Math.max(0.001, (lastAnswer - start) / 1000)),
    ackP50Ms: round1(percentile(ackMs, 50)),
    ackP99Ms: round1(percentile(ackMs, 99)),
    turnP50Ms: round1(percentile(turnMs, 50)),
    turnP99Ms: round1(percentile(turnMs, 99)),
    cpuMsPerAnswered: answeredAt.length > 0 && cpuUsed > 0 ? Math.round((cpuUsed / answeredAt.length) * 100) / 100 : null,
    peakRssMb: Math.round(Math.max(...o.processes.map((p) => p.peakRssBytes())) / 1024 / 1024),
    maxQueueDepth,
    endQueueDepth,
    drained: missing === 0 && endQueueDepth === 0,
    missing,
    duplicated,
    readReceiptsMissing,
    readReceiptsDuplicated,
    graphRequests: o.fake.requests.length,
    seconds: round1((Date.now() - start) / 1000),
  };
}

function isReadReceipt(r: FakeGraphRequest): boolean {
  return (r.json as { status?: string } | undefined)?.status === 'read';
}

function recipientOf(r: FakeGraphRequest): string | undefined {
  const json = r.json as { to?: unknown; recipient?: unknown } | undefined;
  const to = json?.to ?? json?.recipient;
  return typeof to === 'string' ? to : undefined;
}
