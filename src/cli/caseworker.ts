import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { hashPassword, passwordProblem } from '../domain/staff/passwordHash.js';
import { loadConfig } from '../config/config.js';
import { readEnvironment } from '../config/readEnvironment.js';
import { FileStaffAccounts } from '../stores/file/fileStaffAccounts.js';
import { connectRedis, redisTargetOf } from '../stores/redis/redisConnection.js';
import { redisKeys } from '../stores/redis/redisKeys.js';
import { RedisStaffAccounts } from '../stores/redis/redisStaffStore.js';
import { StaffRole, StaffUsername, type StaffAccountStore } from '../stores/staffStore.js';
import { runIfMain } from './runIfMain.js';

/** What {@link runCaseworkerCommand} works with. */
export interface CaseworkerCommandDeps {
  readonly accounts: StaffAccountStore;
  /** Reads the password: from stdin with `--password-stdin`, else asked twice without echo. */
  readonly readPassword: (fromStdin: boolean) => Promise<string>;
  readonly print: (line: string) => void;
  readonly now?: () => number;
}

/** Usage text of `npm run caseworker`. */
export const CASEWORKER_USAGE = [
  'Usage: npm run caseworker -- <command>',
  '  add <username> [--role caseworker|admin] [--password-stdin]   create an account (asks for the password)',
  '  list                                                          list accounts (username, role, status)',
  '  disable <username>                                            block sign-in (existing sessions end at once)',
  '  enable <username>                                             allow sign-in again',
  '  passwd <username> [--password-stdin]                          set a new password',
].join('\n');

/** Runs one account command and returns the exit code. Never prints a password or its hash. */
export async function runCaseworkerCommand(args: readonly string[], deps: CaseworkerCommandDeps): Promise<number> {
  const [command, name, ...rest] = args;
  const fromStdin = rest.includes('--password-stdin');
  if (command === 'list') {
    const accounts = await deps.accounts.list();
    deps.print(`${accounts.length} account(s)`);
    for (const a of accounts) deps.print(`${a.username}  ${a.role}  ${a.disabled ? 'disabled' : 'active'}  since ${new Date(a.createdAt).toISOString().slice(0, 10)}`);
    return 0;
  }
  if (!command || !name || !['add', 'disable', 'enable', 'passwd'].includes(command)) {
    deps.print(CASEWORKER_USAGE);
    return 2;
  }
  const username = StaffUsername.safeParse(name.toLowerCase());
  if (!username.success) {
    deps.print(`Username "${name}": ${username.error.issues[0]?.message}`);
    return 2;
  }
  if (command === 'add') {
    const roleIndex = rest.indexOf('--role');
    const role = StaffRole.safeParse(roleIndex >= 0 ? rest[roleIndex + 1] : 'caseworker');
    if (!role.success) {
      deps.print('--role must be caseworker or admin');
      return 2;
    }
    if (await deps.accounts.get(username.data)) {
      deps.print(`An account named ${username.data} already exists (use passwd to change its password).`);
      return 1;
    }
    const password = await readChecked(deps, fromStdin);
    if (password === undefined) return 2;
    const created = await deps.accounts.create({ username: username.data, role: role.data, passwordHash: await hashPassword(password), disabled: false, createdAt: (deps.now ?? Date.now)() });
    deps.print(created ? `Account ${username.data} (${role.data}) created.` : `An account named ${username.data} already exists.`);
    return created ? 0 : 1;
  }
  if (!(await deps.accounts.get(username.data))) {
    deps.print(`No account named ${username.data}.`);
    return 1;
  }
  if (command === 'passwd') {
    const password = await readChecked(deps, fromStdin);
    if (password === undefined) return 2;
    await deps.accounts.update(username.data, { passwordHash: await hashPassword(password) });
    deps.print(`Password of ${username.data} changed.`);
    return 0;
  }
  await deps.accounts.update(username.data, { disabled: command === 'disable' });
  deps.print(`Account ${username.data} ${command === 'disable' ? 'disabled' : 'enabled'}.`);
  return 0;
}

async function readChecked(deps: CaseworkerCommandDeps, fromStdin: boolean): Promise<string | undefined> {
  const password = await deps.readPassword(fromStdin);
  const problem = passwordProblem(password);
  if (problem) {
    deps.print(`Not changed: ${problem}.`);
    return undefined;
  }
  return password;
}

/** Reads a password from stdin (first line) or asks for it twice on the terminal without echoing it. */
async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) {
    let data = '';
    for await (const chunk of process.stdin) data += String(chunk);
    return data.split(/\r?\n/)[0] ?? '';
  }
  let muted = false;
  const output = new Writable({ write: (chunk, _enc, done) => void (muted ? done() : process.stdout.write(chunk, done)) });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      muted = false;
      process.stdout.write(q);
      muted = true;
      rl.question('', (answer) => {
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Password: ');
  const second = await ask('Repeat: ');
  rl.close();
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

runIfMain(
  import.meta.url,
  async (args) => {
    const config = loadConfig(readEnvironment());
    if (!config.REDIS_URL && config.REDIS_CLUSTER_NODES.length === 0) {
      // The embedded store: accounts in the file the running app reads (it sees changes at once, no restart).
      const accounts = new FileStaffAccounts(resolve(config.STAFF_ACCOUNTS_FILE));
      console.log(`Accounts file: ${accounts.file} (no REDIS_URL)`);
      return runCaseworkerCommand(args, { accounts, readPassword, print: (l) => console.log(l) });
    }
    const client = connectRedis(redisTargetOf(config), 'caseworker-cli');
    try {
      return await runCaseworkerCommand(args, { accounts: new RedisStaffAccounts(client, redisKeys(config.KEY_PREFIX)), readPassword, print: (l) => console.log(l) });
    } finally {
      client.disconnect();
    }
  },
  { exitWhenDone: true },
);
