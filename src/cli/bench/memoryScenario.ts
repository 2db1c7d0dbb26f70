// Memory per active conversation (issue 13): real conversations are played once against the assistant, then
// their Redis records are cloned (DUMP/RESTORE under new user ids of the same length) to 10,000 and 100,000
// users, measuring Redis `used_memory`; the same records are written to the embedded in-memory stores and the
// bench's heap is measured (after GC when run with --expose-gc, as `npm run bench` does).
import type { FakeGraphServer } from '../../channels/whatsapp/fakeGraphServer.js';
import { MemoryMenuMemory } from '../../stores/memory/memoryMenuMemory.js';
import { MemoryStateStorage } from '../../stores/memory/memoryStateStorage.js';
import { MemoryWhatsAppContacts } from '../../stores/memory/memoryWhatsAppContacts.js';
import { ASSISTANT_ENTRY, startBenchProcess } from './benchProcess.js';
import type { BenchRedis } from './benchRedis.js';
import { calibrateReplies } from './calibrate.js';
import { SCRIPTS, userWaId } from './loadScript.js';
import { APP_SECRET, PHONE_NUMBER_ID } from './scenarios.js';

/** The memory line of the bench output. */
export interface MemoryResult {
  scenario: 'memory';
  conversations: number[];
  redisKeysPerConversation: number;
  redisBytesPerConversation: number[];
  redisMb: number[];
  embeddedBytesPerConversation: number[] | null;
  embeddedMb: number[] | null;
  embeddedMeasuredAfterGc: boolean;
}

/** The embedded stores under measurement, kept reachable so a GC cannot shrink the figure. */
const keepAlive: unknown[] = [];

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** Plays the scripts once, then clones their records to each size in `sizes` (ascending). */
export async function runMemoryScenario(deps: { redis: BenchRedis; fake: FakeGraphServer; sizes: number[]; log: (text: string) => void }): Promise<MemoryResult> {
  const { redis, fake } = deps;
  const prefix = 'benchmem';
  const runId = 99;
  const app = await startBenchProcess('assistant-memory', ASSISTANT_ENTRY, {
    NODE_ENV: 'production', REDIS_URL: redis.url, KEY_PREFIX: prefix,
    WHATSAPP_API_URL: fake.url, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: 'bench-verify', WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN: 'bench-token',
  });
  try {
    await calibrateReplies({ target: `${app.url}/api/whatsapp`, fake, appSecret: APP_SECRET, phoneNumberId: PHONE_NUMBER_ID, runId, settleMs: 800 });
  } finally {
    await app.stop();
  }
  // The records of each played conversation: every key naming its user.
  const allKeys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    allKeys.push(...batch);
  } while (cursor !== '0');
  const templates = SCRIPTS.map((_, n) => {
    const phone = userWaId(runId, n);
    // The user's records, and the de-duplication markers of the messages they sent (kept for the dedup window).
    return { phone, keys: allKeys.filter((k) => k.includes(phone) || k.includes(`wamid.calib.${runId}.${n}.`)) };
  });
  const keysPerConversation = templates.reduce((s, t) => s + t.keys.length, 0) / templates.length;
  const dumps = await Promise.all(templates.map(async (t) => ({ phone: t.phone, records: await Promise.all(t.keys.map(async (k) => ({ key: k, dump: await redis.client.dumpBuffer(k), ttl: await redis.client.pttl(k), type: await redis.client.type(k) }))) })));
  deps.log(`memory: ${keysPerConversation} Redis keys per conversation (${templates[0]!.keys.map((k) => k.replace(templates[0]!.phone, '<user>').replace(`wamid.calib.${runId}.0.`, '<message>')).join(', ')})`);

  // State items (botbuilder JSON) for the embedded store, read from the state hashes (field d).
  const stateItems = await Promise.all(
    templates.map(async (t) => {
      const items: Array<{ key: string; json: string }> = [];
      for (const k of t.keys.filter((key) => key.startsWith(`${prefix}:state:`))) {
        const d = await redis.client.hget(k, 'd');
        if (d) items.push({ key: k.slice(`${prefix}:state:`.length).replace(/^\{|\}$/g, ''), json: d });
      }
      return items;
    }),
  );

  const cloneId = (i: number) => `2129${String(i).padStart(8, '0')}`; // same length as userWaId
  const before = await redis.usedMemory();
  const redisBytes: number[] = [];
  let done = 0;
  for (const size of deps.sizes) {
    for (; done < size; done += 1000) {
      const pipeline = redis.client.pipeline();
      for (let i = done; i < Math.min(size, done + 1000); i++) {
        const t = dumps[i % dumps.length]!;
        for (const r of t.records) pipeline.restore(r.key.replace(t.phone, cloneId(i)).replace(/wamid\.calib\.\d+\.\d+\./, `wamid.clone.${i}.`), r.ttl > 0 ? r.ttl : 0, r.dump, 'REPLACE');
      }
      await pipeline.exec();
    }
    redisBytes.push((await redis.usedMemory()) - before);
    deps.log(`memory: ${size} conversations cloned in Redis`);
  }

  // The embedded store, measured apart (nothing else allocating meanwhile): state, contacts, menus.
  const hasMenu = dumps.map((t) => t.records.some((r) => r.key.includes(':wa:menu:')));
  const fill = async (stores: { state: MemoryStateStorage; contacts: MemoryWhatsAppContacts; menus: MemoryMenuMemory }, from: number, to: number, tag = '') => {
    for (let i = from; i < to; i++) {
      const t = dumps[i % dumps.length]!;
      const id = cloneId(i);
      for (const item of stateItems[i % stateItems.length]!) await stores.state.write({ [`${tag}${item.key.replace(t.phone, id)}`]: JSON.parse(item.json) as object });
      await stores.contacts.recordInbound(id, Date.now());
      await stores.contacts.recordOutbound(id, `wamid.fake.${i}`, Date.now());
      if (hasMenu[i % dumps.length]) await stores.menus.save(id, ['menu.a', 'menu.b', 'menu.c']);
    }
  };
  const newStores = () => ({ state: new MemoryStateStorage(30 * 24 * 3600), contacts: new MemoryWhatsAppContacts(), menus: new MemoryMenuMemory() });
  // Warm-up on throwaway stores, so compilation and first allocations are not counted per conversation.
  await fill(newStores(), 0, 2_000, 'warm/');
  const stores = newStores();
  keepAlive.push(stores);
  const heapBefore = heapAfterGc();
  const embeddedBytes: number[] = [];
  done = 0;
  for (const size of deps.sizes) {
    await fill(stores, done, size);
    done = size;
    embeddedBytes.push(heapAfterGc() - heapBefore);
  }
  keepAlive.length = 0;
  const mb = (b: number) => Math.round((b / 1024 / 1024) * 10) / 10;
  return {
    scenario: 'memory',
    conversations: deps.sizes,
    redisKeysPerConversation: keysPerConversation,
    redisBytesPerConversation: redisBytes.map((b, i) => Math.round(b / deps.sizes[i]!)),
    redisMb: redisBytes.map(mb),
    embeddedBytesPerConversation: embeddedBytes.map((b, i) => Math.round(b / deps.sizes[i]!)),
    embeddedMb: embeddedBytes.map(mb),
    embeddedMeasuredAfterGc: gc !== undefined,
  };
}
