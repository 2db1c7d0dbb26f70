#!/usr/bin/env node
// `npm run bench`: every speed and memory benchmark of the project, one after the other.
// Targets are printed next to each figure; the benchmarks exit non-zero when a target is missed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
const benches = Object.keys(scripts).filter((name) => name.startsWith('bench:'));
let failed = 0;
for (const name of benches) {
  console.log(`\n> npm run ${name}`);
  const r = spawnSync('npm', ['run', '--silent', name], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
if (benches.length === 0) console.log('no bench:* scripts yet');
process.exit(failed > 0 ? 1 : 0);
