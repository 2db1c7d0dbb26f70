import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { DEFERRED_EXPORTS } from '../../src/pipeline/deferredBotModules.js';
import { TurnThreads } from '../../src/pipeline/turnThreads.js';
import { waitFor } from '../helpers/appProcess.js';

const running: TurnThreads[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.stop()));
});

interface Before { loaded: string[]; deferred: string[]; classes: string[] }
interface Used extends Before { cloudIsCloud: boolean; authIsAuth: boolean; subclass: boolean; factoryValid: boolean; fromConfiguration: string; cloudMethod: string }

/** One thread of test/fixtures/threads/botbuilderThread.ts, started as an instance starts its turn threads. */
async function botbuilderThread(): Promise<TurnThreads> {
  const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const threads = new TurnThreads({ count: 1, entry: 'test/fixtures/threads/botbuilderThread.ts', env: { PATH: process.env.PATH ?? '' }, logger: createLogger({ level: 'info' }, quiet), collectTimeoutMs: 30_000 });
  running.push(threads);
  threads.start();
  await waitFor(() => threads.ready, 60_000, 'the thread to import botbuilder');
  return threads;
}

const packageOf = (file: string) => file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/');
/** The copies of package `name` that files were loaded from ("" for the top-level one, else the parent's path). */
const copiesOf = (loaded: string[], name: string) => new Set(loaded.flatMap((f) => {
  const match = new RegExp(`(^|/node_modules/)${name}/`).exec(f);
  return match ? [f.slice(0, match.index)] : [];
}));

describe('botbuilder in a turn worker thread: the Bot Framework connector deferred (issue 13, memory)', () => {
  it('importing botbuilder loads neither the connector nor Azure identity, msal or the Azure HTTP pipeline, and one copy of zod 3 and uuid', async () => {
    const threads = await botbuilderThread();
    const [before] = (await threads.collect('before')) as Before[];
    expect(before!.classes).toEqual(['function', 'function', 'function']);
    const packages = new Set(before!.loaded.map(packageOf));
    expect(packages.has('botbuilder-core')).toBe(true);
    expect([...packages].filter((p) => /^(botframework-connector|botframework-streaming|@azure\/|@typespec\/|jsonwebtoken$)/.test(p))).toEqual([]);
    // The app's axios is its ES build; botbuilder's CommonJS bundle of it is deferred too.
    expect(before!.loaded.filter((f) => f.startsWith('axios/dist/node/'))).toEqual([]);
    expect(before!.deferred).toEqual([]);
    // botbuilder, botbuilder-core, botbuilder-dialogs and botframework-schema each install zod 3.25 and uuid 10.
    expect(copiesOf(before!.loaded, 'zod').size).toBe(1);
    expect(copiesOf(before!.loaded, 'uuid').size).toBe(1);
  }, 90_000);

  it('a Bot Framework reply still gets the real classes: built, subclassed and checked with instanceof, loading the connector then', async () => {
    const threads = await botbuilderThread();
    const [used] = (await threads.collect('use')) as Used[];
    expect(used).toMatchObject({ cloudIsCloud: true, authIsAuth: true, subclass: true, factoryValid: true, fromConfiguration: 'function', cloudMethod: 'function' });
    expect(used!.loaded.some((f) => f.startsWith('botframework-connector/'))).toBe(true);
    expect(used!.deferred).toContain('botframework-connector');
  }, 90_000);

  it('each deferred file exports exactly the names its stand-in has, all functions or classes', () => {
    for (const rule of DEFERRED_EXPORTS) {
      const owner = ['botbuilder-core', 'botbuilder'].find((name) => rule.from.test(`/app/node_modules/${name}/lib/index.js`))!;
      const require = createRequire(createRequire(import.meta.url).resolve(owner));
      const real = require(rule.request) as Record<string, unknown>;
      expect(Object.keys(real).sort(), rule.request).toEqual([...rule.names].sort());
      expect(rule.names.map((name) => typeof real[name]), rule.request).toEqual(rule.names.map(() => 'function'));
    }
  });
});
