#!/usr/bin/env node
// `npm run bench`: every speed and memory benchmark of the project, one after the other.
// Targets are printed next to each figure; the benchmarks exit non-zero when a target is missed.
// Flags are passed to every benchmark (e.g. `npm run bench -- --quick`, `-- --scenarios=graph0,memory`);
// `--only=load,webhook` runs just those `bench:*` scripts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const passed = args.filter((a) => !a.startsWith('--only='));
const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
const benches = Object.keys(scripts).filter((name) => name.startsWith('bench:') && (!only || only.includes(name.slice('bench:'.length))));
let failed = 0;
for (const name of benches) {
  console.log(`\n> npm run ${name}`);
  const r = spawnSync('npm', ['run', '--silent', name, ...(passed.length > 0 ? ['--', ...passed] : [])], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (benches.length === 0) console.log('no bench:* scripts yet');
process.exit(failed > 0 ? 1 : 0);
