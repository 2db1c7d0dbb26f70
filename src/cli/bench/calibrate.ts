// How many Graph messages the assistant sends for each step of each script, measured on a quiet instance
// before the load: one user per script, one step at a time, waiting until the replies stop coming. Under
// load every user of a script must then get exactly these counts (fewer is a missing reply, more a duplicate).
import type { FakeGraphServer } from '../../channels/whatsapp/fakeGraphServer.js';
import { MESSAGES_PER_USER, SCRIPTS, messageText, signedWebhook, userWaId } from './loadScript.js';

/** `table[script][k]` = replies expected for message k of that script. */
export type ReplyTable = number[][];

/** Options of {@link calibrateReplies}. */
export interface CalibrateOptions {
  readonly target: string;
  readonly fake: FakeGraphServer;
  readonly appSecret: string;
  readonly phoneNumberId: string;
  /** Run id reserved for the calibration users. */
  readonly runId: number;
  /** Quiet time after the last reply of a step before it counts as complete, default 1 500 ms. */
  readonly settleMs?: number;
}

/** Plays every script once against `target` and counts the replies of each step. */
export async function calibrateReplies(o: CalibrateOptions): Promise<ReplyTable> {
  const settleMs = o.settleMs ?? 1_500;
  o.fake.requests.splice(0);
  const phones = SCRIPTS.map((_, n) => userWaId(o.runId, n));
  const repliesTo = (phone: string) =>
    o.fake.requests.filter((r) => {
      const json = r.json as { to?: string; recipient?: string; status?: string } | undefined;
      return r.outcome === 'ok' && json?.status !== 'read' && (json?.to ?? json?.recipient) === phone;
    }).length;
  const table: ReplyTable = SCRIPTS.map(() => []);
  for (let k = 0; k < MESSAGES_PER_USER; k++) {
    const before = phones.map(repliesTo);
    await Promise.all(
      phones.map(async (phone, n) => {
        const { body, signature } = signedWebhook({ phoneNumberId: o.phoneNumberId, appSecret: o.appSecret, from: phone, messageId: `wamid.calib.${o.runId}.${n}.${k}`, text: messageText(n, k) });
        const res = await fetch(o.target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`calibration webhook answered ${res.status}`);
      }),
    );
    // Complete when every user got at least one reply and nothing new arrived for settleMs (bounded at 60 s).
    const deadline = Date.now() + 60_000;
    let last = -1;
    let quietSince = Date.now();
    for (;;) {
      const counts = phones.map(repliesTo);
      const total = counts.reduce((a, b) => a + b, 0);
      if (total !== last) {
        last = total;
        quietSince = Date.now();
      }
      const allAnswered = counts.every((c, i) => c > before[i]!);
      if ((allAnswered && Date.now() - quietSince >= settleMs) || Date.now() > deadline) {
        counts.forEach((c, n) => table[n]!.push(c - before[n]!));
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return table;
}
