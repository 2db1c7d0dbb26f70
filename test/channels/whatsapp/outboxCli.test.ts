import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import type { FakeGraphServer } from '../../../src/channels/whatsapp/fakeGraphServer.js';
import { runOutboxCommand } from '../../../src/cli/outbox.js';
import { redisKeys } from '../../../src/stores/redis/redisKeys.js';
import { RedisOutbox } from '../../../src/stores/redis/redisOutbox.js';
import { uniquePrefix } from '../../helpers/uniquePrefix.js';
import { senderFixture, text } from './senderFixtures.js';

const run = promisify(execFile);
const USER = '212600000003';
const clients: Redis[] = [];
let fake: FakeGraphServer | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit()));
});

async function setup() {
  const client = new Redis(inject('redisUrl'));
  clients.push(client);
  const prefix = uniquePrefix('outboxcli');
  const outbox = new RedisOutbox(client, redisKeys(prefix));
  const f = await senderFixture({ outbox });
  fake = f.fake;
  f.wrote(USER);
  const lines: string[] = [];
  const deps = { outbox, sender: () => f.sender, print: (l: string) => void lines.push(l) };
  return { ...f, prefix, lines, deps };
}

describe('npm run outbox', () => {
  it('lists a dead letter without its text, replays it once, and reports a second replay as missing', async () => {
    const { sender, deps, lines, outbox } = await setup();
    fake!.failNext(1, { status: 400, code: 131026 });
    const dead = await sender.send(USER, text('Votre rendez-vous est confirmé'), 'wamid.IN9#0.0');
    if (dead.status !== 'dead') throw new Error('expected a dead letter');

    expect(await runOutboxCommand(['list'], deps)).toBe(0);
    const listing = lines.join('\n');
    expect(listing).toContain(dead.entryId);
    expect(listing).toContain('***003');
    expect(listing).toContain('131026');
    expect(listing).not.toContain(USER);
    expect(listing).not.toContain('rendez-vous');

    expect(await runOutboxCommand(['replay', dead.entryId], deps)).toBe(0);
    expect(await runOutboxCommand(['replay', dead.entryId], deps)).toBe(1);
    expect(fake!.sentMessages()).toHaveLength(1);
    expect(fake!.sentMessages()[0]).toMatchObject({ to: USER, text: { body: 'Votre rendez-vous est confirmé' } });
    expect(await outbox.list('dead')).toEqual([]);
    expect(await outbox.claimState('wamid.IN9#0.0')).toBe('sent:wamid.fake.1');
  });

  it('replays every dead letter with --all', async () => {
    const { sender, deps } = await setup();
    fake!.failNext(3, { status: 400, code: 100 });
    for (const k of ['a', 'b', 'c']) await sender.send(USER, text(k), k);
    expect(await runOutboxCommand(['replay', '--all'], deps)).toBe(0);
    expect(fake!.sentMessages().map((m) => (m.text as { body: string }).body)).toEqual(['a', 'b', 'c']);
  });

  it('explains its usage for an unknown command', async () => {
    const { deps, lines } = await setup();
    expect(await runOutboxCommand(['frobnicate'], deps)).toBe(2);
    expect(lines.join('\n')).toContain('replay --all');
  });

  it('runs as a script against REDIS_URL and KEY_PREFIX', async () => {
    const { sender, prefix } = await setup();
    fake!.failNext(1, { status: 400, code: 131026 });
    const dead = await sender.send(USER, text('x'), 'k');
    if (dead.status !== 'dead') throw new Error('expected a dead letter');
    const { stdout } = await run('node_modules/.bin/tsx', ['src/cli/outbox.ts', 'list'], {
      env: { PATH: process.env.PATH ?? '', REDIS_URL: inject('redisUrl'), KEY_PREFIX: prefix },
    });
    expect(stdout).toContain('1 dead letter(s)');
    expect(stdout).toContain(dead.entryId);
  });

  it('explains that the embedded store keeps dead letters in the running process when REDIS_URL is unset', async () => {
    const result = await run('node_modules/.bin/tsx', ['src/cli/outbox.ts', 'list'], { env: { PATH: process.env.PATH ?? '' } }).catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toContain('inside the running process');
  });
});
