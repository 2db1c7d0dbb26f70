import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppProcess } from '../helpers/appProcess.js';
import { ConsoleClient } from '../helpers/consoleClient.js';
import { runCommand } from '../helpers/runCommand.js';
import { afterAppStarts, afterCliRuns } from '../helpers/spawnBudget.js';

const PASSWORD = 'correct horse battery';
const accountsFile = join(mkdtempSync(join(tmpdir(), 'tdu-accounts-')), 'staff-accounts.json');
const env = { STAFF_ACCOUNTS_FILE: accountsFile, HANDOFF_OFFICE_HOURS: '' };
let app: AppProcess;

/** `npm run caseworker -- …` as staff run it, without REDIS_URL (the embedded store). */
const caseworker = (args: string[], stdin?: string) =>
  runCommand(process.execPath, ['--import', 'tsx', '--no-deprecation', 'src/cli/caseworker.ts', ...args], { env, stdin });

beforeAll(async () => {
  app = await startApp(env); // no REDIS_URL: the embedded store, as after `npm install && npm start`
}, afterAppStarts(1, 30_000));

afterAll(async () => {
  await app?.stop();
});

// The first test runs the caseworker CLI (tsx) four times; the second runs it once and restarts the app.
describe('console on the embedded store (no REDIS_URL)', { timeout: afterCliRuns(4) }, () => {
  it('an account added with npm run caseworker while the app runs can sign in at once; disabling it ends its session', async () => {
    expect(app.output()).toContain('/console (add an account: npm run caseworker -- add <username>)');
    expect((await new ConsoleClient(app.url).login('amina', PASSWORD)).status).toBe(401);

    const added = await caseworker(['add', 'amina', '--password-stdin'], `${PASSWORD}\n`);
    expect(added.stdout, added.stderr).toContain('Account amina (caseworker) created.');
    expect(added.code).toBe(0);
    expect(added.stdout).not.toContain(PASSWORD);

    const amina = new ConsoleClient(app.url);
    expect((await amina.login('amina', PASSWORD)).status).toBe(200);
    expect((await amina.json('GET', '/me')).body).toEqual({ username: 'amina', role: 'caseworker' });
    expect((await amina.json('GET', '/handoffs?status=waiting')).status).toBe(200);

    const listed = await caseworker(['list']);
    expect(listed.stdout).toMatch(/amina {2}caseworker {2}active/);
    expect((await caseworker(['disable', 'amina'])).code).toBe(0);
    expect((await amina.json('GET', '/me')).status).toBe(401);
    expect((await new ConsoleClient(app.url).login('amina', PASSWORD)).status).toBe(401);
  });

  it('keeps accounts across a restart of the app', async () => {
    expect((await caseworker(['add', 'chef', '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`)).code).toBe(0);
    await app.stop();
    app = await startApp(env);
    const chef = new ConsoleClient(app.url);
    expect((await chef.login('chef', PASSWORD)).status).toBe(200);
    expect((await chef.json('GET', '/me')).body).toEqual({ username: 'chef', role: 'admin' });
  });
});
