import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/domain/content/contentError.js';
import { createContentStore, type ContentStore } from '../../../src/domain/content/contentRepository.js';
import type { ContentSnapshot } from '../../../src/domain/content/contentSnapshot.js';
import { createLogger } from '../../../src/observability/logger.js';

const valid = join(import.meta.dirname, '../../fixtures/content/valid');
const broken = join(import.meta.dirname, '../../fixtures/content/broken');
const RELOAD_DEADLINE_MS = 2_000;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function tempCopy(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-store-'));
  cpSync(from, dir, { recursive: true });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger({ level: 'debug' }, { write: (line: string) => { raw.push(line); lines.push(JSON.parse(line) as Record<string, unknown>); } });
  return { logger, lines, raw };
}

async function open(dir: string, mode: 'events' | 'polling' = 'events') {
  const log = capturingLogger();
  const store = createContentStore({ localesDir: dir, logger: log.logger, debounceMs: 50, watchMode: mode });
  cleanups.push(() => store.close());
  await store.ready();
  return { store, log };
}

/** Resolves with the next accepted snapshot; rejects after `ms`. */
function nextChange(store: ContentStore, ms = RELOAD_DEADLINE_MS): Promise<ContentSnapshot> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no content change within ${ms} ms`));
    }, ms);
    const off = store.onChange((snapshot) => {
      clearTimeout(timer);
      off();
      resolve(snapshot);
    });
  });
}

/** Polls `check` until it returns true; rejects after `ms`. */
async function until(check: () => boolean, ms = RELOAD_DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function editAnswer(dir: string, from: string, to: string): void {
  const file = join(dir, 'fr/faq/more.yaml');
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

const FIRST = "Venez à un rendez-vous d'orientation avec ce que vous avez.";

describe('createContentStore', () => {
  it('serves the content by id and language', async () => {
    const { store, log } = await open(tempCopy(valid));
    expect(log.lines.find((l) => l.event === 'content.loaded')).toMatchObject({ level: 'info', faqEntries: 9, intents: 7 });
    expect(store.repository.entry('t.three', 'fr')?.answer).toBe(FIRST);
    expect(store.repository.entry('t.three', 'ar')?.title).toBe('الوثائق');
    expect(store.repository.entry('t.nine', 'fr')).toBeUndefined();
    expect(store.repository.entries('en').map((e) => e.id)).toEqual(['t.one', 't.two', 't.three']);
    expect(store.current().faq).toHaveLength(9);
  });

  it('refuses to start on invalid content, with file:line: problem lines', () => {
    const dir = tempCopy(broken);
    const { logger } = capturingLogger();
    let thrown: unknown;
    try {
      createContentStore({ localesDir: dir, logger });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    const error = thrown as ContentError;
    expect(error.name).toBe('ContentError');
    expect(error.problems).toHaveLength(23);
    expect(error.message).toContain(`${join(dir, 'fr/faq/main.yaml')}:14: t.two examples: has 2 examples, needs at least 3`);
  });

  for (const mode of ['events', 'polling'] as const) {
    describe(`hot reload (${mode} watch)`, () => {
      it('picks up a good edit, refuses a bad one while serving the last good content, then picks up the fix', async () => {
        const dir = tempCopy(valid);
        const { store, log } = await open(dir, mode);
        const before = store.current();

        const started = Date.now();
        const changed = nextChange(store);
        editAnswer(dir, FIRST, 'Nouvelle réponse relue.');
        const snapshot = await changed;
        expect(Date.now() - started).toBeLessThan(RELOAD_DEADLINE_MS);
        expect(snapshot).toBe(store.current());
        expect(snapshot).not.toBe(before);
        expect(store.repository.entry('t.three', 'fr')?.answer).toBe('Nouvelle réponse relue.');

        // A bad edit: an answer far too long for WhatsApp.
        const tooLong = 'trop long '.repeat(80).trim();
        const refusedBefore = log.lines.filter((l) => l.event === 'content.reload_refused').length;
        editAnswer(dir, 'Nouvelle réponse relue.', tooLong);
        await until(() => log.lines.filter((l) => l.event === 'content.reload_refused').length > refusedBefore);
        const refused = log.lines.filter((l) => l.event === 'content.reload_refused').at(-1);
        expect(refused?.level).toBe('warn');
        expect(refused?.problems).toEqual([`${join(dir, 'fr/faq/more.yaml')}:5: t.three answer: is 799 characters long, at most 700 for WhatsApp`]);
        expect(log.raw.join('')).not.toContain('trop long');
        expect(store.current()).toBe(snapshot);
        expect(store.repository.entry('t.three', 'fr')?.answer).toBe('Nouvelle réponse relue.');

        const fixed = nextChange(store);
        editAnswer(dir, tooLong, 'Réponse corrigée.');
        await fixed;
        expect(store.repository.entry('t.three', 'fr')?.answer).toBe('Réponse corrigée.');
        expect(log.lines.some((l) => l.event === 'content.reloaded')).toBe(true);
      });

      it('picks up a new FAQ file and a file replaced by rename, as editors save', async () => {
        const dir = tempCopy(valid);
        const { store } = await open(dir, mode);

        const added = nextChange(store);
        const moreFr = readFileSync(join(dir, 'fr/faq/more.yaml'), 'utf8');
        writeFileSync(join(dir, 'fr/faq/more.yaml'), 'entries: []\n');
        writeFileSync(join(dir, 'fr/faq/documents.yaml'), moreFr.replace('Les documents', 'Vos papiers'));
        await added;
        expect(store.repository.entry('t.three', 'fr')?.title).toBe('Vos papiers');

        const replaced = nextChange(store);
        const tmp = join(dir, 'en/faq/.main.yaml.swp');
        writeFileSync(tmp, readFileSync(join(dir, 'en/faq/main.yaml'), 'utf8').replace('Is it free?', 'Free of charge?'));
        renameSync(tmp, join(dir, 'en/faq/main.yaml'));
        await replaced;
        expect(store.repository.entry('t.two', 'en')?.title).toBe('Free of charge?');
      });

      it('follows every save style in turn on the same file, serving each good edit within 2 s and logging each broken one', async () => {
        // The content lives in a git work tree, as a deployment's does, so `git checkout` can restore the file.
        const root = mkdtempSync(join(tmpdir(), 'content-git-'));
        cleanups.push(() => rmSync(root, { recursive: true, force: true }));
        const dir = join(root, 'locales');
        mkdirSync(dir);
        cpSync(valid, dir, { recursive: true });
        const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
        git('init', '-q');
        git('add', '.');
        git('commit', '-q', '-m', 'content');
        const { store, log } = await open(dir, mode);
        const file = join(dir, 'fr/faq/more.yaml');
        const original = readFileSync(file, 'utf8');
        const withAnswer = (answer: string) => original.replace(FIRST, answer);
        const answer = () => store.repository.entry('t.three', 'fr')?.answer;
        const refusals = () => log.lines.filter((l) => l.event === 'content.reload_refused').length;
        const broken = original.replace(FIRST, 'trop long '.repeat(80).trim());

        const saveStyles: Record<string, (text: string) => void> = {
          'rename-save': (text) => {
            writeFileSync(`${file}.tmp~`, text);
            renameSync(`${file}.tmp~`, file);
          },
          'in-place write': (text) => writeFileSync(file, text),
          'cp over it': (text) => {
            const source = join(root, 'incoming.yaml');
            writeFileSync(source, text);
            execFileSync('cp', [source, file]);
          },
          'delete and re-create': (text) => {
            unlinkSync(file);
            writeFileSync(file, text);
          },
        };
        const good = async (style: string, save: () => void, expected: string) => {
          const started = Date.now();
          save();
          await until(() => answer() === expected).catch(() => {
            throw new Error(`${style}: the good edit was not served within ${RELOAD_DEADLINE_MS} ms`);
          });
          expect(Date.now() - started, style).toBeLessThan(RELOAD_DEADLINE_MS);
        };
        const bad = async (style: string, save: () => void) => {
          const before = refusals();
          const serving = answer();
          save();
          await until(() => refusals() > before).catch(() => {
            throw new Error(`${style}: the broken edit was not logged as refused within ${RELOAD_DEADLINE_MS} ms`);
          });
          expect(answer(), style).toBe(serving);
        };

        let n = 0;
        for (const [style, save] of Object.entries(saveStyles)) {
          const text = `Réponse ${++n} (${style}).`;
          await good(style, () => save(withAnswer(text)), text);
          await bad(style, () => save(broken));
          await good(`${style} (fix)`, () => save(withAnswer(`${text} Corrigée.`)), `${text} Corrigée.`);
        }
        await good('git checkout', () => git('checkout', '--', 'locales/fr/faq/more.yaml'), FIRST);
        await bad('in-place write after git checkout', () => writeFileSync(file, broken));
        await good('git checkout of a broken file', () => git('checkout', '--', 'locales/fr/faq/more.yaml'), FIRST);
        // And the first style again, after all the others, on the same file.
        await good('rename-save again', () => saveStyles['rename-save']!(withAnswer('Dernière réponse.')), 'Dernière réponse.');
      }, 60_000);
    });
  }

  it('stops notifying a listener once it unsubscribes, and keeps others', async () => {
    const dir = tempCopy(valid);
    const { store } = await open(dir);
    const seen: string[] = [];
    const off = store.onChange(() => seen.push('removed'));
    off();
    store.onChange(() => seen.push('kept'));
    const changed = nextChange(store);
    editAnswer(dir, FIRST, 'Autre réponse.');
    await changed;
    expect(seen).toEqual(['kept']);
  });

  it('logs a failing listener and still notifies the others', async () => {
    const dir = tempCopy(valid);
    const { store, log } = await open(dir);
    store.onChange(() => {
      throw new Error('listener bug');
    });
    const changed = nextChange(store);
    editAnswer(dir, FIRST, 'Encore une réponse.');
    await changed;
    expect(log.lines.some((l) => l.event === 'content.listener_failed')).toBe(true);
  });
});
