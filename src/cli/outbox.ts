import { createReplaySender } from './replaySender.js';
import { runIfMain } from './runIfMain.js';
import { WhatsAppSender } from '../channels/whatsapp/whatsappSender.js';
import type { SendOutcome } from '../channels/whatsapp/whatsappSenderTypes.js';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import { maskId } from '../observability/redactPersonalData.js';
import { OUTBOX_KINDS, type OutboxKind, type OutboxStore } from '../stores/outboxStore.js';
import { connectRedis, redisTargetOf } from '../stores/redis/redisConnection.js';
import { redisKeys } from '../stores/redis/redisKeys.js';
import { RedisOutbox } from '../stores/redis/redisOutbox.js';

/** What {@link runOutboxCommand} works with. */
export interface OutboxCommandDeps {
  /** The outbox to list. */
  readonly outbox: OutboxStore;
  /** Builds the sender used by `replay`; undefined when WhatsApp is not configured. */
  readonly sender?: () => Pick<WhatsAppSender, 'replay'>;
  /** Writes one line of output. */
  readonly print: (line: string) => void;
}

/** Usage text of `npm run outbox`. */
export const OUTBOX_USAGE = [
  'Usage: npm run outbox -- <command>',
  '  list [dead|held]     list dead letters (default) or messages held outside the 24-hour window',
  '  replay <id>          send one entry again (dead or held)',
  '  replay --all [held]  send every dead letter (or every held message) again, oldest first',
].join('\n');

/**
 * Runs one outbox command (`list`, `replay <id>`, `replay --all`) and returns the exit code.
 * Output shows masked user ids and message types, never message text.
 */
export async function runOutboxCommand(args: readonly string[], deps: OutboxCommandDeps): Promise<number> {
  const [command, arg, extra] = args;
  if (command === 'list') {
    const kinds: readonly OutboxKind[] = arg === undefined ? ['dead'] : isKind(arg) ? [arg] : [];
    if (kinds.length === 0) return usage(deps);
    for (const kind of kinds) {
      const entries = await deps.outbox.list(kind, 10_000);
      deps.print(`${entries.length} ${kind === 'dead' ? 'dead letter(s)' : 'held message(s)'}`);
      for (const e of entries) {
        deps.print(`${e.id}  ${new Date(e.at).toISOString()}  user ${maskId(e.waId)}  ${e.message.type}  attempts ${e.attempts}  ${e.reason}`);
      }
    }
    return 0;
  }
  if (command === 'replay' && arg) {
    if (!deps.sender) {
      deps.print('Replay needs the WhatsApp settings (WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN, ...) in the environment or .env.');
      return 2;
    }
    const sender = deps.sender();
    if (arg === '--all') {
      const kind: OutboxKind = extra === 'held' ? 'held' : 'dead';
      const entries = await deps.outbox.list(kind, 10_000);
      let failed = 0;
      for (const e of entries) {
        const outcome = await sender.replay(kind, e.id);
        deps.print(`${e.id}: ${describeOutcome(outcome)}`);
        if (outcome?.status !== 'sent') failed += 1;
      }
      deps.print(`${entries.length - failed} of ${entries.length} sent`);
      return failed === 0 ? 0 : 1;
    }
    for (const kind of OUTBOX_KINDS) {
      const outcome = await sender.replay(kind, arg);
      if (outcome) {
        deps.print(`${arg}: ${describeOutcome(outcome)}`);
        return outcome.status === 'sent' ? 0 : 1;
      }
    }
    deps.print(`${arg}: no such entry (see npm run outbox -- list)`);
    return 1;
  }
  return usage(deps);
}

function usage(deps: OutboxCommandDeps): number {
  deps.print(OUTBOX_USAGE);
  return 2;
}

function isKind(value: string): value is OutboxKind {
  return (OUTBOX_KINDS as readonly string[]).includes(value);
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

/** Entry point of `npm run outbox`. */
async function main(): Promise<number> {
  const config = loadConfig(readEnvironment());
  if (!config.REDIS_URL && config.REDIS_CLUSTER_NODES.length === 0) {
    console.error(
      'REDIS_URL is not set: the assistant runs on the embedded in-memory store, whose dead letters and held\n' +
        'messages live inside the running process only and cannot be listed from here (they are in its logs).\n' +
        'Set REDIS_URL (the same as the running assistant) to manage the outbox.',
    );
    return 1;
  }
  const client = connectRedis(redisTargetOf(config), 'trait-d-union-outbox-cli');
  const keys = redisKeys(config.KEY_PREFIX);
  const outbox = new RedisOutbox(client, keys);
  const sender = createReplaySender(config, client, keys, outbox, 'outbox');
  try {
    return await runOutboxCommand(process.argv.slice(2), { outbox, sender, print: (line) => console.log(line) });
  } finally {
    await client.quit().catch(() => client.disconnect());
  }
}

runIfMain(import.meta.url, main, { exitWhenDone: true });
