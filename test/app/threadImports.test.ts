import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What a module loads when it is imported: its static runtime imports (not `import type`, not `import()`),
 * followed through the project's files, with the packages they name. ES modules load their static imports before
 * they run, so this is what a thread holds in its heap before any of the code runs.
 */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string>; specifiers: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const specifiers = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/^import\s+['"]([^'"]+)['"]/gm)];
    for (const [, spec] of specs) {
      if (!spec!.startsWith('.')) {
        specifiers.add(spec!);
        packages.add(spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!.replace(/^node:.*/, 'node:'));
        continue;
      }
      const target = resolve(dirname(file), spec!.replace(/\.js$/, '.ts'));
      visit(existsSync(target) ? target : resolve(dirname(file), spec!));
    }
  };
  visit(resolve(entry));
  return { files: new Set([...files].map((f) => relative(process.cwd(), f).replaceAll('\\', '/'))), packages, specifiers };
}

const matching = (files: Set<string>, pattern: RegExp) => [...files].filter((f) => pattern.test(f)).sort();

describe('what each thread of an instance loads (issue 13, memory)', () => {
  it('a turn worker thread loads the turn path only: no HTTP server, console, web chat page, Direct Line routes, watcher or reminders', () => {
    const { files, packages } = staticGraph('src/app/runTurnThread.ts');
    expect([...packages].filter((p) => p === 'restify')).toEqual([]);
    expect(matching(files, /^src\/(http\/createHttpServer|console\/|channels\/webchat\/(webChatPage|directLine)|domain\/appointments\/reminderWorker|domain\/handoff\/handoffWatcher|channels\/botframework\/botFrameworkRoutes)/)).toEqual([]);
    // It does load the bot.
    expect(files.has('src/bot/createAssistantBot.ts')).toBe(true);
  });

  it("a turn worker thread loads botbuilder-dialogs' few dialog classes from their own files, not the package root (its prompts and recognizers)", () => {
    const { specifiers } = staticGraph('src/app/runTurnThread.ts');
    const dialogs = [...specifiers].filter((s) => s.startsWith('botbuilder-dialogs'));
    expect(dialogs.length).toBeGreaterThan(0);
    expect(dialogs.filter((s) => !s.startsWith('botbuilder-dialogs/lib/'))).toEqual([]);
    expect(dialogs.filter((s) => /prompts|choices|recognizer/i.test(s))).toEqual([]);
  });

  it('the main thread loads no bot, dialogs, safety detector or botbuilder until it runs turns itself (WORKERS = 1; only the model trainer the threads ask)', () => {
    const { files, packages } = staticGraph('src/app/runInstance.ts');
    expect(matching(files, /^(src\/bot\/|dialogs\/|src\/domain\/safety\/(safetyDetector|learnedSafetyLayer|safeUnderstander|emergencyClassifier|sharedSafetyModel)|src\/app\/(turnSide|buildAssistant)\.ts)/)).toEqual([]);
    expect([...packages].filter((p) => p === 'botbuilder-dialogs')).toEqual([]);
    // Nor botbuilder itself (about 14 MB of heap): the WhatsApp turn adapter is built by the turn side, and
    // /api/messages loads botbuilder at its first request (botFrameworkRoutes.ts).
    expect([...packages].filter((p) => p.startsWith('botbuilder') || p.startsWith('botframework'))).toEqual([]);
    expect(packages.has('restify')).toBe(true);
  });

  it('the entry loads neither side before it knows which thread it is (each is imported only where it runs)', () => {
    const { files, packages } = staticGraph('src/index.ts');
    expect(matching(files, /^(src\/app\/|src\/bot\/|src\/http\/|dialogs\/)/)).toEqual([]);
    expect([...packages].filter((p) => p === 'restify' || p === 'botbuilder' || p === 'botbuilder-dialogs')).toEqual([]);
  });
});
