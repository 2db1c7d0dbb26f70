// `npm run simulate:whatsapp`: a terminal chat that plays a WhatsApp user against the assistant, for staff demos
// and local testing without Meta. Webhooks are signed like Meta's; replies are read from a fake Graph API.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { startFakeGraphServer, type FakeGraphServer } from '../channels/whatsapp/fakeGraphServer.js';
import { parseMenuChoice } from '../channels/whatsapp/menuMemory.js';
import { buildWebhookBody } from '../channels/whatsapp/webhookPayload.js';
import { signWebhookBody } from '../channels/whatsapp/webhookSignature.js';
import { readEnvironment } from '../config/readEnvironment.js';

/** Help shown by `/help` and at start. */
export const SIMULATOR_HELP = [
  'Type a message and press Enter. A number picks that button or row of the last reply, as a tap would',
  '  (or answers a numbered text menu).',
  '  /button <id>      press a reply button (ids are shown in [brackets] under replies)',
  '  /list <id>        pick a list row',
  '  /voice  /audio  /image  /video  /document  /sticker   send that kind of media',
  '  /location [lat,lng]   share a location (default: Rabat)',
  '  /react <emoji>    react to the last reply',
  '  /contacts         share a contact card',
  '  /help             this help       /quit   leave',
].join('\n');

/** Settings of one simulator session. */
export interface SimulatorOptions {
  /** Base URL of the running assistant, e.g. http://127.0.0.1:3978. */
  readonly assistantUrl: string;
  /** WHATSAPP_APP_SECRET of the assistant (webhooks are signed with it). */
  readonly appSecret: string;
  /** WHATSAPP_PHONE_NUMBER_ID of the assistant. */
  readonly phoneNumberId: string;
  /** The simulated user's WhatsApp id. */
  readonly waId: string;
  /** The fake Graph API the assistant sends its replies to. */
  readonly fake: FakeGraphServer;
  /** Writes one line of output. */
  readonly print: (line: string) => void;
  /** Called after new replies were printed (e.g. to show the prompt again). */
  readonly afterReplies?: () => void;
  /** How often replies are looked for, in ms; default 100. */
  readonly pollMs?: number;
}

/** A running session: `send` plays one typed line, replies are printed as they reach the fake Graph API. */
export interface SimulatorSession {
  /** Plays one line; resolves false for `/quit`. */
  send(line: string): Promise<boolean>;
  stop(): void;
}

let sequence = 0;
const newId = () => `wamid.sim.${Date.now().toString(36)}.${(++sequence).toString(36)}.${randomBytes(3).toString('hex')}`;
const MEDIA: Record<string, { type: string; mime: string; voice?: boolean }> = {
  '/voice': { type: 'audio', mime: 'audio/ogg; codecs=opus', voice: true },
  '/audio': { type: 'audio', mime: 'audio/mpeg' },
  '/image': { type: 'image', mime: 'image/jpeg' },
  '/video': { type: 'video', mime: 'video/mp4' },
  '/document': { type: 'document', mime: 'application/pdf' },
  '/sticker': { type: 'sticker', mime: 'image/webp' },
};

/**
 * Turns a typed line into a Meta-shaped message from `waId`, or a string to print (help, errors), or null to quit.
 * `lastReplyId` is the id reactions point at.
 */
export function simulatedMessage(line: string, waId: string, lastReplyId = 'wamid.none'): Record<string, unknown> | string | null {
  const trimmed = line.trim();
  const [word = '', ...rest] = trimmed.split(/\s+/);
  const arg = rest.join(' ');
  const base = { from: waId, id: newId(), timestamp: String(Math.floor(Date.now() / 1000)) };
  if (!trimmed.startsWith('/') || trimmed.startsWith('//')) return { ...base, type: 'text', text: { body: trimmed.replace(/^\/\//, '/') } };
  if (word === '/quit' || word === '/exit') return null;
  if (word === '/help') return SIMULATOR_HELP;
  if (word === '/button' && arg) return { ...base, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: arg, title: arg.slice(0, 20) } } };
  if (word === '/list' && arg) return { ...base, type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: arg, title: arg.slice(0, 24) } } };
  const media = MEDIA[word];
  if (media) {
    return { ...base, type: media.type, [media.type]: { id: `media-${randomBytes(4).toString('hex')}`, mime_type: media.mime, ...(media.voice ? { voice: true } : {}) } };
  }
  if (word === '/location') {
    const [lat, lng] = (arg || '34.0209,-6.8416').split(',').map(Number);
    if (!Number.isFinite(lat) || !Number.isFinite(lng)) return 'Usage: /location 34.02,-6.84';
    return { ...base, type: 'location', location: { latitude: lat, longitude: lng } };
  }
  if (word === '/react') return { ...base, type: 'reaction', reaction: { message_id: lastReplyId, emoji: arg || '👍' } };
  if (word === '/contacts') return { ...base, type: 'contacts', contacts: [{ name: { formatted_name: 'Demo Contact' }, phones: [{ phone: '+212600000000' }] }] };
  return `Unknown command ${word}. ${SIMULATOR_HELP.split('\n')[0]}`;
}

/** A reply button or list row the assistant offered, as a typed number picks it. */
export interface OfferedChoice {
  readonly kind: 'button' | 'list';
  readonly id: string;
  readonly title: string;
}

/** The buttons or rows of an interactive Graph message, in the order they are numbered on screen. */
export function choicesOf(message: Record<string, unknown>): OfferedChoice[] {
  if (message.type !== 'interactive') return [];
  const action = ((message.interactive ?? {}) as { action?: Record<string, unknown> }).action ?? {};
  const buttons = (action.buttons as Array<{ reply?: { id?: string; title?: string } }> | undefined) ?? [];
  const rows = ((action.sections as Array<{ rows?: Array<{ id?: string; title?: string }> }> | undefined) ?? []).flatMap((s) => s.rows ?? []);
  return [
    ...buttons.map((b) => ({ kind: 'button' as const, id: b.reply?.id ?? '', title: b.reply?.title ?? '' })),
    ...rows.map((r) => ({ kind: 'list' as const, id: r.id ?? '', title: r.title ?? '' })),
  ];
}

/** The Meta-shaped tap on `choice` (a button_reply or list_reply), from `waId`. */
export function tapMessage(choice: OfferedChoice, waId: string): Record<string, unknown> {
  const base = { from: waId, id: newId(), timestamp: String(Math.floor(Date.now() / 1000)) };
  const reply = { id: choice.id, title: choice.title };
  return choice.kind === 'button'
    ? { ...base, type: 'interactive', interactive: { type: 'button_reply', button_reply: reply } }
    : { ...base, type: 'interactive', interactive: { type: 'list_reply', list_reply: reply } };
}

/** Renders one message the assistant sent (a Graph API body) as terminal lines, its buttons and rows numbered. */
export function renderGraphMessage(message: Record<string, unknown>): string[] {
  const type = String(message.type);
  if (type === 'text') return [String((message.text as { body?: string } | undefined)?.body ?? '')];
  if (type === 'interactive') {
    const i = (message.interactive ?? {}) as {
      type?: string;
      header?: { text?: string };
      body?: { text?: string };
      footer?: { text?: string };
      action?: {
        button?: string;
        buttons?: Array<{ reply?: { id?: string; title?: string } }>;
        sections?: Array<{ title?: string; rows?: Array<{ id?: string; title?: string; description?: string }> }>;
      };
    };
    const lines = [i.header?.text, i.body?.text, i.footer?.text].filter((t): t is string => Boolean(t));
    let n = 0;
    for (const b of i.action?.buttons ?? []) lines.push(`   ${++n}. ( ${b.reply?.title ?? ''} )  [${b.reply?.id ?? ''}]`);
    if (i.action?.sections) {
      lines.push(`   ☰ ${i.action.button ?? ''}`);
      for (const section of i.action.sections) {
        if (section.title) lines.push(`   ${section.title}`);
        for (const row of section.rows ?? []) lines.push(`     ${++n}. ${row.title ?? ''}${row.description ? ` — ${row.description}` : ''}  [${row.id ?? ''}]`);
      }
    }
    return lines;
  }
  if (type === 'template') {
    const t = (message.template ?? {}) as { name?: string; language?: { code?: string } };
    return [`[template ${t.name ?? '?'} (${t.language?.code ?? '?'})]`];
  }
  return [`[${type}] ${JSON.stringify(message[type] ?? {})}`];
}

/** Starts a session: polls the fake Graph API for the user's replies and prints them. */
export function startSimulatorSession(options: SimulatorOptions): SimulatorSession {
  let seen = 0;
  let lastReplyId = 'wamid.none';
  // The buttons or rows of the last reply: a typed number taps one of them.
  let offered: OfferedChoice[] = [];
  const poll = setInterval(() => {
    const replies = options.fake.sentMessages().filter((m) => m.to === options.waId || m.recipient === options.waId);
    for (const reply of replies.slice(seen)) {
      options.print('');
      for (const line of renderGraphMessage(reply)) options.print(`  🤖 ${line}`);
      offered = choicesOf(reply);
    }
    if (replies.length > seen) options.afterReplies?.();
    seen = replies.length;
    // The fake numbers its answers wamid.fake.N in request order; reactions only need a plausible id.
    if (replies.length > 0) lastReplyId = `wamid.fake.${options.fake.requests.length}`;
  }, options.pollMs ?? 100);

  return {
    async send(line) {
      if (!line.trim()) return true;
      const number = parseMenuChoice(line);
      const picked = number === undefined ? undefined : offered[number - 1];
      const message = picked ? tapMessage(picked, options.waId) : simulatedMessage(line, options.waId, lastReplyId);
      if (message === null) return false;
      if (typeof message === 'string') {
        options.print(message);
        return true;
      }
      const raw = JSON.stringify(buildWebhookBody({ phoneNumberId: options.phoneNumberId, messages: [message] }));
      try {
        const res = await fetch(`${options.assistantUrl.replace(/\/+$/, '')}/api/whatsapp`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWebhookBody(raw, options.appSecret) },
          body: raw,
        });
        if (res.status !== 200) options.print(`  ⚠ the assistant answered HTTP ${res.status} (${(await res.text()).slice(0, 80)})`);
      } catch (err) {
        options.print(`  ⚠ could not reach the assistant at ${options.assistantUrl}: ${(err as Error).message}`);
      }
      return true;
    },
    stop: () => clearInterval(poll),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Starts the assistant (`tsx src/index.ts`) on a free loopback port, wired to the fake Graph API. */
async function spawnAssistant(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('node_modules/.bin/tsx', ['src/index.ts'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: env.SIMULATOR_LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the assistant exited (code ${child.exitCode}); see the messages above`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the assistant did not start within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(args: readonly string[]): Promise<void> {
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const env = readEnvironment();
  const fake = await startFakeGraphServer();
  const external = flag(args, '--assistant');
  const appSecret = flag(args, '--app-secret') ?? (external ? env.WHATSAPP_APP_SECRET : undefined) ?? `simulated-${randomBytes(8).toString('hex')}`;
  const phoneNumberId = flag(args, '--phone-number-id') ?? (external ? env.WHATSAPP_PHONE_NUMBER_ID : undefined) ?? '100200300';
  const waId = flag(args, '--user') ?? '212600000000';
  let child: ChildProcess | undefined;
  let assistantUrl: string;
  if (external) {
    assistantUrl = external;
    print(`Fake Graph API: ${fake.url}`);
    print('Start (or restart) the assistant with these settings so its replies come here:');
    print(`  WHATSAPP_API_URL=${fake.url} WHATSAPP_APP_SECRET=${appSecret} WHATSAPP_PHONE_NUMBER_ID=${phoneNumberId} \\`);
    print(`  WHATSAPP_VERIFY_TOKEN=simulated WHATSAPP_ACCESS_TOKEN=simulated npm start`);
  } else {
    print('Starting the assistant with a simulated WhatsApp number (use --assistant <url> for one already running)…');
    const started = await spawnAssistant(
      {
        ...env,
        WHATSAPP_API_URL: fake.url,
        WHATSAPP_APP_SECRET: appSecret,
        WHATSAPP_PHONE_NUMBER_ID: phoneNumberId,
        WHATSAPP_VERIFY_TOKEN: 'simulated',
        WHATSAPP_ACCESS_TOKEN: 'simulated',
      },
    );
    child = started.child;
    assistantUrl = started.url;
  }
  print(`\nYou are WhatsApp user ${waId}, talking to ${assistantUrl}.\n${SIMULATOR_HELP}\n`);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  const session = startSimulatorSession({ assistantUrl, appSecret, phoneNumberId, waId, fake, print, afterReplies: () => rl.prompt(true) });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    session.stop();
    rl.close();
    child?.kill('SIGTERM');
    await fake.stop();
  };
  rl.prompt();
  rl.on('line', (line) => {
    void session.send(line).then(async (goOn) => {
      if (!goOn) await close();
    });
  });
  rl.once('close', () => void close());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: Error) => {
    process.stderr.write(`simulate:whatsapp failed: ${err.message}\n`);
    process.exit(1);
  });
}
