// `npm run bench:webhook`: how fast POST /api/whatsapp acknowledges Meta (verify, store, answer).
// Meta wants a median under 250 ms; the bot turn is not part of this path. Runs on loopback only.
import { createHmac } from 'node:crypto';
import { pino } from 'pino';
import { registerWhatsAppRoutes } from '../channels/whatsapp/whatsappWebhook.js';
import { createHttpServer } from '../http/createHttpServer.js';
import { MemoryInboundQueue } from '../stores/memory/memoryInboundQueue.js';
import { MemoryWhatsAppContacts } from '../stores/memory/memoryWhatsAppContacts.js';

const SECRET = 'bench-app-secret';
const SINGLE = 300;
const BATCHES = 20;
const PER_BATCH = 100;

/** A Meta-shaped webhook with `count` text messages from different users. */
function payload(start: number, count: number): string {
  const messages = Array.from({ length: count }, (_, i) => ({
    from: `2126000${String(start + i).padStart(5, '0')}`,
    id: `wamid.bench.${start + i}`,
    timestamp: String(Math.floor(Date.now() / 1000)),
    type: 'text',
    text: { body: 'bonjour, le retour est gratuit ?' },
  }));
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '212500000000', phone_number_id: 'PNID' }, contacts: [], messages } }] }],
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const logger = pino({ level: 'silent' });
  const http = createHttpServer({ logger, readiness: [] });
  const queue = new MemoryInboundQueue({ maxDepth: 1_000_000 });
  registerWhatsAppRoutes(http.server, {
    config: { WHATSAPP_VERIFY_TOKEN: 'v', WHATSAPP_APP_SECRET: SECRET, WHATSAPP_MAX_BODY_BYTES: 4 * 1024 * 1024 },
    queue,
    contacts: new MemoryWhatsAppContacts(),
    logger,
  });
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${http.server.address().port}/api/whatsapp`;

  const post = async (body: string): Promise<number> => {
    const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    return performance.now() - started;
  };

  const single: number[] = [];
  for (let i = 0; i < SINGLE; i++) single.push(await post(payload(i, 1)));
  const batch: number[] = [];
  for (let i = 0; i < BATCHES; i++) batch.push(await post(payload(100_000 + i * PER_BATCH, PER_BATCH)));
  single.sort((a, b) => a - b);
  batch.sort((a, b) => a - b);
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;
  const depth = await queue.depth();
  await http.close();

  console.log(`webhook ack, 1 message:   p50 ${percentile(single, 50).toFixed(1)} ms, p99 ${percentile(single, 99).toFixed(1)} ms (${SINGLE} requests)`);
  console.log(`webhook ack, ${PER_BATCH} messages: p50 ${percentile(batch, 50).toFixed(1)} ms, p99 ${percentile(batch, 99).toFixed(1)} ms (${BATCHES} requests)`);
  console.log(`queued ${depth} messages; heap ${heapMb.toFixed(0)} MB`);
  const ok = percentile(single, 50) < 250 && percentile(batch, 50) < 250 && depth === SINGLE + BATCHES * PER_BATCH;
  console.log(ok ? 'target met: median acknowledgement under 250 ms, every message stored' : 'TARGET MISSED');
  process.exit(ok ? 0 : 1);
}

void main();
