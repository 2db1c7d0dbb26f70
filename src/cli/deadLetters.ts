import { WhatsAppSender } from '../channels/whatsapp/whatsappSender.js';
import type { SendOutcome } from '../channels/whatsapp/whatsappSenderTypes.js';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import { maskId } from '../observability/redactPersonalData.js';
import { OUTBOX_KINDS, type OutboxEntry, type OutboxStore } from '../stores/outboxStore.js';
import { connectRedis, redisTargetOf } from '../stores/redis/redisConnection.js';
import { createInboundQueue } from '../pipeline/createInboundQueue.js';
import { redisKeys } from '../stores/redis/redisKeys.js';
import { RedisOutbox } from '../stores/redis/redisOutbox.js';
import type { DeadLetter, InboundQueue } from '../stores/types.js';
import { createReplaySender } from './replaySender.js';
import { runIfMain } from './runIfMain.js';

/** What {@link runDeadLettersCommand} works with. */
export interface DeadLettersCommandDeps {
  /** Inbound dead letters (messages whose turn failed for good). */
  readonly queue: Pick<InboundQueue, 'deadLetters' | 'requeueDeadLetter' | 'purgeDeadLetters'>;
  /** Outbound dead letters and held WhatsApp messages. */
  readonly outbox: OutboxStore;
  /** Builds the sender used to replay outbound entries; undefined when WhatsApp is not configured. */
  readonly sender?: () => Pick<WhatsAppSender, 'replay'>;
  /** Writes one line of output. */
  readonly print: (line: string) => void;
  /** Epoch ms, default `Date.now`. */
  readonly now?: () => number;
}

/** Usage text of `npm run deadletters`. */
export const DEAD_LETTERS_USAGE = [
  'Usage: npm run deadletters -- <command>',
  '  list                   inbound dead letters (in-…), outbound dead letters and held WhatsApp messages, oldest first',
  '  show <id> [--payload]  one entry in full; --payload also prints the message itself (personal data)',
  '  replay <id>            inbound: put the message back on its conversation queue; outbound: send it again',
  '  replay --all           replay every inbound and outbound dead letter (held messages: replay them by id)',
  '  purge --older-than 7d  delete dead letters older than that (units d, h, m); they also expire by themselves',
].join('\n');

const ALL = 100_000;

/**
 * Runs one dead-letter command and returns the exit code (0 done, 1 something failed or was not found,
 * 2 usage). Output shows staff ids, masked user ids, reasons and error names, never message text unless
 * `show --payload` asks for it.
 */
export async function runDeadLettersCommand(args: readonly string[], deps: DeadLettersCommandDeps): Promise<number> {
  const [command, arg, extra] = args;
  const now = deps.now ?? Date.now;
  switch (command) {
    case 'list': {
      const inbound = await deps.queue.deadLetters(ALL);
      deps.print(`${inbound.length} inbound dead letter(s)`);
      for (const letter of inbound) deps.print(describeInbound(letter));
      for (const kind of OUTBOX_KINDS) {
        const entries = await deps.outbox.list(kind, ALL);
        deps.print(`${entries.length} outbound ${kind === 'dead' ? 'dead letter(s)' : 'held message(s) (24-hour window closed)'}`);
        for (const entry of entries) deps.print(describeOutbound(entry));
      }
      return 0;
    }
    case 'show': {
      if (!arg) return usage(deps);
      const withPayload = extra === '--payload';
      const letter = await findInbound(deps, arg);
      if (letter) {
        deps.print(describeInbound(letter));
        deps.print(`  message id ${maskId(letter.message.id)}, conversation ${maskId(letter.message.conversationKey)}, payload ${letter.message.payload.length} characters`);
        if (withPayload) deps.print(`  payload: ${letter.message.payload}`);
        return 0;
      }
      const entry = await findOutbound(deps, arg);
      if (entry) {
        deps.print(describeOutbound(entry));
        if (withPayload) deps.print(`  message: ${JSON.stringify(entry.message)}`);
        return 0;
      }
      return notFound(deps, arg);
    }
    case 'replay': {
      if (!arg) return usage(deps);
      if (arg === '--all') return replayAll(deps);
      const letter = await findInbound(deps, arg);
      if (letter) return (await replayInbound(deps, letter)) ? 0 : 1;
      const entry = await findOutbound(deps, arg);
      if (entry) return (await replayOutbound(deps, entry)) ? 0 : 1;
      return notFound(deps, arg);
    }
    case 'purge': {
      const ageMs = arg === '--older-than' && extra ? parseAge(extra) : undefined;
      if (ageMs === undefined) return usage(deps);
      const before = now() - ageMs;
      const inbound = await deps.queue.purgeDeadLetters(before);
      const outbound = await deps.outbox.purge('dead', before);
      deps.print(`purged ${inbound} inbound and ${outbound} outbound dead letter(s) older than ${extra}`);
      return 0;
    }
    default:
      return usage(deps);
  }
}

async function replayAll(deps: DeadLettersCommandDeps): Promise<number> {
  let failed = 0;
  const inbound = await deps.queue.deadLetters(ALL);
  for (const letter of inbound) if (!(await replayInbound(deps, letter))) failed++;
  const outbound = await deps.outbox.list('dead', ALL);
  for (const entry of outbound) if (!(await replayOutbound(deps, entry))) failed++;
  const total = inbound.length + outbound.length;
  deps.print(`${total - failed} of ${total} replayed`);
  return failed === 0 ? 0 : 1;
}

async function replayInbound(deps: DeadLettersCommandDeps, letter: DeadLetter): Promise<boolean> {
  const requeued = await deps.queue.requeueDeadLetter(letter.message.id);
  deps.print(`${letter.id}: ${requeued ? 'back on its conversation queue (a running assistant answers it)' : 'already replayed by someone else'}`);
  return requeued;
}

async function replayOutbound(deps: DeadLettersCommandDeps, entry: OutboxEntry): Promise<boolean> {
  if (!deps.sender) {
    deps.print(`${entry.id}: replaying needs the WhatsApp settings (WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN, ...) in the environment or .env`);
    return false;
  }
  const outcome = await deps.sender().replay(entry.kind, entry.id);
  deps.print(`${entry.id}: ${describeOutcome(outcome)}`);
  return outcome?.status === 'sent';
}

async function findInbound(deps: DeadLettersCommandDeps, id: string): Promise<DeadLetter | undefined> {
  if (!id.startsWith('in-')) return undefined;
  return (await deps.queue.deadLetters(ALL)).find((letter) => letter.id === id);
}

async function findOutbound(deps: DeadLettersCommandDeps, id: string): Promise<OutboxEntry | undefined> {
  for (const kind of OUTBOX_KINDS) {
    const entry = (await deps.outbox.list(kind, ALL)).find((e) => e.id === id);
    if (entry) return entry;
  }
  return undefined;
}

function describeInbound(letter: DeadLetter): string {
  const error = letter.error ? ` (${letter.error})` : '';
  return `${letter.id}  ${new Date(letter.deadAt).toISOString()}  inbound ${letter.message.channel || '?'}  conversation ${maskId(letter.message.conversationKey)}  ${letter.reason}${error}  deliveries ${letter.deliveries}`;
}

function describeOutbound(entry: OutboxEntry): string {
  return `${entry.id}  ${new Date(entry.at).toISOString()}  outbound ${entry.kind}  user ${maskId(entry.waId)}  ${entry.message.type}  attempts ${entry.attempts}  ${entry.reason}`;
}

function describeOutcome(outcome: SendOutcome | undefined): string {
  if (!outcome) return 'already taken by someone else';
  switch (outcome.status) {
    case 'sent':
      return `sent (${outcome.messageId})`;
    case 'duplicate':
      return 'already sent';
    case 'held':
      return `held again: 24-hour window closed (new id ${outcome.entryId})`;
    case 'dead':
      return `failed again: ${outcome.error.message} (new id ${outcome.entryId})`;
  }
}

/** `7d`, `12h`, `30m` → ms; undefined when not understood. */
export function parseAge(text: string): number | undefined {
  const match = /^(\d{1,6})([dhm])$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[match[2] as 'd' | 'h' | 'm'];
  return Number(match[1]) * unit;
}

function usage(deps: DeadLettersCommandDeps): number {
  deps.print(DEAD_LETTERS_USAGE);
  return 2;
}

function notFound(deps: DeadLettersCommandDeps, id: string): number {
  deps.print(`${id}: no such dead letter or held message (see npm run deadletters -- list)`);
  return 1;
}

/** Entry point of `npm run deadletters`. */
async function main(): Promise<number> {
  const config = loadConfig(readEnvironment());
  if (!config.REDIS_URL && config.REDIS_CLUSTER_NODES.length === 0) {
    console.error(
      'REDIS_URL is not set: the assistant runs on the embedded in-memory store, whose dead letters live inside\n' +
        'the running process only and cannot be reached from here (they are in its logs). Set REDIS_URL (the same\n' +
        'as the running assistant) to manage them.',
    );
    return 1;
  }
  const client = connectRedis(redisTargetOf(config), 'trait-d-union-deadletters-cli');
  const keys = redisKeys(config.KEY_PREFIX);
  // Built like the assistant's, so it sees the same partitions (INBOUND_PARTITIONS, 16 by default on a cluster).
  const queue = createInboundQueue({ redis: { client, keys } }, {
    maxDepth: config.INBOUND_QUEUE_MAX_DEPTH,
    maxDepthByChannel: { webchat: config.WEBCHAT_QUEUE_MAX_DEPTH },
    deadLetterTtlSeconds: config.DEAD_LETTER_TTL_SECONDS,
    partitions: config.INBOUND_PARTITIONS,
  });
  const outbox = new RedisOutbox(client, keys);
  const sender = createReplaySender(config, client, keys, outbox, 'deadletters');
  try {
    return await runDeadLettersCommand(process.argv.slice(2), { queue, outbox, sender, print: (line) => console.log(line) });
  } finally {
    await client.quit().catch(() => client.disconnect());
  }
}

runIfMain(import.meta.url, main, { exitWhenDone: true });
