import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
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

function open(dir: string, mode: 'auto' | 'per-folder' = 'auto') {
  const log = capturingLogger();
  const store = createContentStore({ localesDir: dir, logger: log.logger, debounceMs: 50, watchMode: mode });
  cleanups.push(() => store.close());
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
  it('serves the content by id and language', () => {
    const { store, log } = open(tempCopy(valid));
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

  for (const mode of ['auto', 'per-folder'] as const) {
    describe(`hot reload (${mode} watch)`, () => {
      it('picks up a good edit, refuses a bad one while serving the last good content, then picks up the fix', async () => {
        const dir = tempCopy(valid);
        const { store, log } = open(dir, mode);
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
        const { store } = open(dir, mode);

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
    });
  }

  it('stops notifying a listener once it unsubscribes, and keeps others', async () => {
    const dir = tempCopy(valid);
    const { store } = open(dir);
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
    const { store, log } = open(dir);
    store.onChange(() => {
      throw new Error('listener bug');
    });
    const changed = nextChange(store);
    editAnswer(dir, FIRST, 'Encore une réponse.');
    await changed;
    expect(log.lines.some((l) => l.event === 'content.listener_failed')).toBe(true);
  });
});
