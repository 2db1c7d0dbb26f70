import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHotReload, type HotReloadResult } from '../../../src/domain/content/hotReload.js';
import { createLogger } from '../../../src/observability/logger.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** A single staff-edited file, as safety or orientation-point files are: `{"words": [...]}`, refused when not a list. */
function load(file: string): HotReloadResult<string[]> {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { words?: unknown };
    if (!Array.isArray(parsed.words)) return { problems: [`${file}:1: words: must be a list`] };
    return { value: parsed.words.map(String) };
  } catch {
    return { problems: [`${file}:1: not valid JSON`] };
  }
}

async function until(check: () => boolean, what: string, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${ms} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('createHotReload', () => {
  it('keeps one file fresh: serves good edits, logs each refused save once, keeps the last good value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hot-'));
    const file = join(dir, 'safety.json');
    writeFileSync(file, '{"words": ["a"]}');
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const live = createHotReload({ path: file, initial: ['a'], load: () => load(file), name: 'safety', logger, debounceMs: 30, describe: (w) => ({ words: w.length }) });
    cleanups.push(() => {
      live.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await live.ready();
    const seen: string[][] = [];
    live.onChange((words) => seen.push(words));
    const refusals = () => lines.filter((l) => l.event === 'safety.reload_refused').length;

    writeFileSync(`${file}.tmp`, '{"words": ["a", "b"]}');
    renameSync(`${file}.tmp`, file);
    await until(() => live.current().length === 2, 'the rename-saved edit served');
    expect(lines.find((l) => l.event === 'safety.reloaded')).toMatchObject({ level: 'info', words: 2 });

    writeFileSync(file, '{"words": 3}');
    await until(() => refusals() === 1, 'the broken edit logged');
    writeFileSync(file, '{"words": 3} ');
    await until(() => refusals() === 2, 'the broken file saved again logged again');
    expect(live.current()).toEqual(['a', 'b']);
    expect(lines.filter((l) => l.event === 'safety.reload_refused').at(-1)).toMatchObject({ level: 'warn', problems: [`${file}:1: words: must be a list`] });

    writeFileSync(file, '{"words": ["c"]}');
    await until(() => live.current()[0] === 'c', 'the fix served');
    expect(seen).toEqual([['a', 'b'], ['c']]);
  });
});
