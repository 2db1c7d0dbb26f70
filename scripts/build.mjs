// `npm start` runs this first: turns src/ and dialogs/ into plain JavaScript in dist/ (esbuild, one file per file,
// no bundling, no type check: `npm run typecheck` does that), and copies the other files beside them (Lua scripts,
// web pages). Running the built JavaScript instead of loading TypeScript through tsx at run time saves tsx's loader
// thread, its esbuild process and the transpiled sources and source maps in every thread's heap (about 60 MB with
// WORKERS=1: README "Performance", memory breakdown). Takes a few seconds; tests and the CLIs still use tsx.
import { build } from 'esbuild';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const outdir = process.argv[2] ?? 'dist';
const roots = ['src', 'dialogs'];

/** Every file under `dir`, recursively. */
function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const all = roots.flatMap(files);
const sources = all.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
rmSync(outdir, { recursive: true, force: true });
await build({ entryPoints: sources, outdir, outbase: '.', format: 'esm', platform: 'node', target: 'node20', sourcemap: false, logLevel: 'warning' });
for (const file of all.filter((f) => !f.endsWith('.ts'))) cpSync(file, join(outdir, relative('.', file)));
process.stdout.write(`built ${sources.length} files into ${outdir}/\n`);
