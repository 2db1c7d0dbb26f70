import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The layer of a source file, from its path. */
function layerOf(file: string): string {
  const rel = relative(process.cwd(), file).replaceAll('\\', '/');
  if (rel.startsWith('dialogs/')) return 'dialogs';
  // src/app/ is the composition root, split out of src/index.ts.
  if (rel === 'src/index.ts' || rel.startsWith('src/app/')) return 'index';
  const m = /^src\/([^/]+)\//.exec(rel);
  return m?.[1] ?? 'other';
}

/**
 * Which layers each layer may import (ARCHITECTURE.md): channels → pipeline → bot → dialogs → domain → stores,
 * with config, observability and i18n importable from anywhere but importing nothing above them.
 */
const INFRA = ['config', 'observability', 'i18n'];
const ALLOWED: Record<string, string[]> = {
  config: [],
  observability: ['config'],
  i18n: ['config', 'observability'],
  http: ['config', 'observability'],
  stores: [...INFRA],
  domain: ['stores', ...INFRA],
  dialogs: ['domain', ...INFRA],
  bot: ['dialogs', 'domain', ...INFRA],
  pipeline: ['bot', 'stores', ...INFRA],
  channels: ['pipeline', 'stores', 'http', ...INFRA],
  console: ['domain', 'stores', 'http', ...INFRA],
  cli: ['channels', 'pipeline', 'bot', 'dialogs', 'domain', 'stores', 'http', ...INFRA],
  index: ['channels', 'pipeline', 'bot', 'dialogs', 'domain', 'stores', 'http', 'console', ...INFRA],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'page' ? [] : sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('import directions', () => {
  it('only point down the layer list, and nothing imports src/index.ts or src/app/', () => {
    const violations: string[] = [];
    for (const file of [...sourceFiles('src'), ...sourceFiles('dialogs')]) {
      const from = layerOf(file);
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
        const target = resolve(dirname(file), spec!.replace(/\.js$/, '.ts'));
        const to = layerOf(target);
        if (to === from) continue;
        if (to === 'index' || !(ALLOWED[from] ?? []).includes(to)) violations.push(`${relative(process.cwd(), file)} (${from}) imports ${spec} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });
});
