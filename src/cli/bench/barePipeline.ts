// The BASELINE of `npm run bench` (not the assistant): the bare pipeline of the same stack, doing the least a
// WhatsApp bot can do — restify webhook (signature checked) → Redis list → botbuilder echo turn on
// Redis-backed state → axios → Graph API. The assistant's figures are divided by this one's, measured in the
// same round on the same machine. Run as its own process:
//   PORT REDIS_URL GRAPH_URL APP_SECRET PHONE_NUMBER_ID [BARE_CONCURRENCY=64] [BARE_MAX_DEPTH=10000] [KEY_PREFIX=bare]
// It keeps no per-user order (workers take any message): a lower bound on the work, not a design to copy.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent } from 'node:http';
import axios from 'axios';
import { ActivityTypes, BotAdapter, ConversationState, TurnContext, type Activity, type ConversationReference, type ResourceResponse, type Storage, type StoreItems } from 'botbuilder';
import { Redis } from 'ioredis';
import restify from 'restify';

const env = process.env;
const port = Number(env.PORT ?? 0);
const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const appSecret = env.APP_SECRET ?? '';
const concurrency = Number(env.BARE_CONCURRENCY ?? 64);
const maxDepth = Number(env.BARE_MAX_DEPTH ?? 10_000);
const prefix = env.KEY_PREFIX ?? 'bare';
const queueKey = `${prefix}:queue`;

/** botbuilder Storage on Redis: one JSON string per key, 30-day expiry, last write wins. */
class RedisJsonStorage implements Storage {
  constructor(private readonly redis: Redis) {}
  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const values = await this.redis.mget(keys.map((k) => `${prefix}:state:${k}`));
    const items: StoreItems = {};
    keys.forEach((k, i) => {
      if (values[i]) items[k] = JSON.parse(values[i]!);
    });
    return items;
  }
  async write(changes: StoreItems): Promise<void> {
    const multi = this.redis.multi();
    for (const [k, v] of Object.entries(changes)) multi.set(`${prefix}:state:${k}`, JSON.stringify(v), 'EX', 30 * 24 * 3600);
    await multi.exec();
  }
  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((k) => `${prefix}:state:${k}`));
  }
}

/** A botbuilder adapter whose replies are Graph API text messages sent with axios. */
class GraphEchoAdapter extends BotAdapter {
  private readonly http = axios.create({
    baseURL: `${env.GRAPH_URL ?? ''}/${env.PHONE_NUMBER_ID ?? 'PNID'}`,
    headers: { authorization: 'Bearer bare', 'content-type': 'application/json' },
    httpAgent: new Agent({ keepAlive: true, maxSockets: 128 }),
    timeout: 15_000,
  });
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const out: ResourceResponse[] = [];
    for (const a of activities) {
      const body = { messaging_product: 'whatsapp', to: context.activity.from.id, type: 'text', text: { body: a.text ?? '' } };
      // A kept-alive socket the server just closed fails once (ECONNRESET): retry network errors, as any sender must.
      let res;
      for (let attempt = 1; ; attempt++) {
        try {
          res = await this.http.post('/messages', body);
          break;
        } catch (err) {
          if (attempt >= 3 || (err as { response?: unknown }).response !== undefined) throw err;
        }
      }
      out.push({ id: String((res.data as { messages?: Array<{ id: string }> }).messages?.[0]?.id ?? '') });
    }
    return out;
  }
  async updateActivity(): Promise<ResourceResponse | void> {
    throw new Error('not supported');
  }
  async deleteActivity(): Promise<void> {
    throw new Error('not supported');
  }
  async continueConversation(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {
    throw new Error('not supported');
  }
  /** Runs one turn through the middleware pipeline. */
  async process(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

interface Queued {
  readonly from: string;
  readonly id: string;
  readonly text: string;
}

async function main(): Promise<void> {
  const redis = new Redis(redisUrl);
  const state = new ConversationState(new RedisJsonStorage(redis));
  const turns = state.createProperty<number>('turns');
  const adapter = new GraphEchoAdapter();

  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { ok: true });
    next();
  });
  server.post('/api/whatsapp', (req, res, next) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          res.send(401, { error: 'bad signature' });
          return next();
        }
        const body = JSON.parse(raw.toString('utf8')) as { entry?: Array<{ changes?: Array<{ value?: { messages?: Array<{ from: string; id: string; text?: { body: string } }> } }> }> };
        const items = (body.entry ?? []).flatMap((e) => (e.changes ?? []).flatMap((c) => c.value?.messages ?? []));
        const depth = await redis.llen(queueKey);
        if (depth + items.length > maxDepth) {
          res.send(503, { error: 'queue full' });
          return next();
        }
        if (items.length > 0) await redis.lpush(queueKey, ...items.map((m) => JSON.stringify({ from: m.from, id: m.id, text: m.text?.body ?? '' } satisfies Queued)));
        res.send(200, { ok: true });
        next();
      })().catch(() => {
        res.send(500, { error: 'failed' });
        next();
      });
    });
  });

  let stopping = false;
  const worker = async () => {
    const conn = new Redis(redisUrl);
    while (!stopping) {
      const popped = await conn.brpop(queueKey, 1).catch(() => null);
      if (!popped) continue;
      const m = JSON.parse(popped[1]) as Queued;
      const activity: Partial<Activity> = {
        type: ActivityTypes.Message,
        channelId: 'whatsapp',
        id: m.id,
        text: m.text,
        from: { id: m.from, name: '' },
        recipient: { id: 'bot', name: '' },
        conversation: { id: m.from, isGroup: false, conversationType: 'personal', name: '' },
        serviceUrl: 'https://graph.invalid',
      };
      await adapter
        .process(activity, async (context) => {
          await turns.set(context, ((await turns.get(context, 0)) ?? 0) + 1);
          await context.sendActivity(`echo:${m.id}`);
          await state.saveChanges(context);
        })
        .catch((err: Error) => process.stderr.write(`bare turn failed: ${err.message}\n`));
    }
    conn.disconnect();
  };
  const workers = Array.from({ length: concurrency }, () => worker());

  await new Promise<void>((resolve) => server.listen(port, env.HOST ?? '127.0.0.1', () => resolve()));
  const stop = () => {
    stopping = true;
    server.close();
    void Promise.all(workers).then(() => {
      redis.disconnect();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();
