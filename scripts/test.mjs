#!/usr/bin/env node
// `npm test`: checks and installs what the tests need (npm packages, redis-server, Debian's Chromium),
// type-checks, validates the shipped content, runs every vitest suite, and ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}
function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
function fail(message) {
  console.error(`\nnpm test cannot run: ${message}`);
  process.exit(1);
}

const [major] = process.versions.node.split('.').map(Number);
if (major < 20) fail(`Node.js 20 or 22 is required, this is ${process.versions.node}.`);

if (!existsSync('node_modules/.bin/vitest')) {
  console.log('Installing npm packages (npm install)…');
  if (run('npm', ['install', '--no-audit', '--no-fund']) !== 0) fail('npm install failed (see above).');
}

let aptUpdated = false;
function aptInstall(pkg) {
  if (!isRoot || !has('apt-get')) return false;
  console.log(`Installing Debian package ${pkg}…`);
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq']);
    aptUpdated = true;
  }
  return run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) === 0;
}

if (!has('redis-server') && !aptInstall('redis-server')) {
  fail('redis-server is missing. Install it (Debian/Ubuntu: sudo apt-get install redis-server); the tests start their own on a free port.');
}
if (!existsSync(CHROMIUM) && !aptInstall('chromium')) {
  fail(`Chromium is missing at ${CHROMIUM}. Install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH.`);
}

console.log('\n> Type-check (tsc --noEmit)');
if (run('node_modules/.bin/tsc', ['--noEmit']) !== 0) fail('type errors (see above).');

console.log('\n> Circular imports (madge)');
if (run('node_modules/.bin/madge', ['--circular', '--no-spinner', '--extensions', 'ts', '--ts-config', 'tsconfig.json', 'src', 'dialogs']) !== 0) fail('circular imports (see above).');

if (existsSync('src/cli/contentCheck.ts')) {
  console.log('\n> Content check');
  if (run('node_modules/.bin/tsx', ['src/cli/contentCheck.ts', 'locales']) !== 0) fail('the shipped content has errors (see above).');
}

console.log('\n> Tests (vitest)');
mkdirSync('.tmp', { recursive: true });
const status = run('node_modules/.bin/vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json', ...process.argv.slice(2)], {
  env: { ...process.env, CHROMIUM_PATH: CHROMIUM },
});
try {
  const report = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(`\ntests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch {
  console.log('\ntests: 0 passed, 1 failed');
}
process.exit(status);
