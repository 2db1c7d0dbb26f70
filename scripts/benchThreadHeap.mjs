// `node scripts/benchThreadHeap.mjs [dir] [--snapshot=file]`: the assistant of `dir` (default this one), built as `npm
// start` builds it, with WORKERS=2 on a fresh Redis; once every turn thread claims (/readyz), the heap of the main
// thread and of each turn thread after a full GC, read through the inspector (its NodeWorker domain reaches the
// threads; also what each has committed), and the process's RSS now and its peak since start (VmHWM: training
// included). One JSON line. For README "Memory" (issue 13): `dir` lets two checkouts be
// measured in the same minutes; `--snapshot` also writes the first thread's heap snapshot (for DevTools' Memory tab).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

const args = process.argv.slice(2);
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? '.');
const snapshotFile = args.find((a) => a.startsWith('--snapshot='))?.slice('--snapshot='.length);
const OUT = join('.tmp', 'heap-dist');

/** A free loopback port. */
const freePort = () => new Promise((done) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => done(port));
  });
});

/** Resolves with the first match of `pattern` in what `child` writes (stdout or stderr). */
const outputMatch = (child, pattern) => new Promise((done, fail) => {
  let text = '';
  const look = (data) => {
    text += data.toString();
    const match = pattern.exec(text);
    if (match) done(match);
  };
  child.stdout.on('data', look);
  child.stderr.on('data', look);
  child.once('exit', (code) => fail(new Error(`exited (${code}) before ${pattern}:\n${text.slice(-2000)}`)));
});

/** A Chrome DevTools Protocol session on `url`: `call(method, params, sessionId?)` (sessionId: a worker's). */
async function inspector(url) {
  const socket = new WebSocket(url);
  await new Promise((done, fail) => socket.once('open', done).once('error', fail));
  let nextId = 1;
  const pending = new Map();
  const workers = [];
  const chunks = [];
  socket.on('message', (raw) => {
    const message = JSON.parse(raw.toString());
    if (message.method === 'NodeWorker.attachedToWorker') workers.push(message.params.sessionId);
    const inner = message.method === 'NodeWorker.receivedMessageFromWorker' ? JSON.parse(message.params.message) : message;
    if (inner.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(inner.params.chunk);
    if (inner.id !== undefined && pending.has(inner.id)) {
      pending.get(inner.id)(inner.result);
      pending.delete(inner.id);
    }
  });
  const call = (method, params = {}, sessionId) => new Promise((done) => {
    const id = nextId++;
    pending.set(id, done);
    const message = JSON.stringify({ id, method, params });
    socket.send(sessionId ? JSON.stringify({ id: nextId++, method: 'NodeWorker.sendMessageToWorker', params: { sessionId, message } }) : message);
  });
  return { call, workers, chunks, close: () => socket.close() };
}

/** In MB, one decimal. */
const mb = (bytes) => Math.round(bytes / 1e5) / 10;

/** Heap of the main thread or of the worker `sessionId`, in MB: used after a full GC, and committed (what V8 holds). */
async function heapAfterGc(session, sessionId) {
  await session.call('HeapProfiler.collectGarbage', {}, sessionId);
  const { usedSize, totalSize } = await session.call('Runtime.getHeapUsage', {}, sessionId);
  return { used: mb(usedSize), committed: mb(totalSize) };
}

execFileSync(process.execPath, ['scripts/build.mjs', OUT], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
const redisPort = await freePort();
const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
await outputMatch(redis, /Ready to accept connections/);
const port = await freePort();
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WORKERS: '2', REDIS_URL: `redis://127.0.0.1:${redisPort}` };
const app = spawn(process.execPath, ['--inspect=127.0.0.1:0', '--no-deprecation', join(OUT, 'src', 'index.js')], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
try {
  const [, debuggerUrl] = await outputMatch(app, /Debugger listening on (ws:\/\/\S+)/);
  const deadline = Date.now() + 600_000;
  for (;;) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error('the turn threads did not claim within 10 minutes');
    await new Promise((r) => setTimeout(r, 200));
  }
  const session = await inspector(debuggerUrl);
  await session.call('NodeWorker.enable', { waitForDebuggerOnStart: false });
  const threads = [];
  for (const sessionId of session.workers) threads.push(await heapAfterGc(session, sessionId));
  const main = await heapAfterGc(session, undefined);
  const status = readFileSync(`/proc/${app.pid}/status`, 'utf8');
  const statusMb = (field) => Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]) / 1024);
  // After the RSS: taking a snapshot grows it.
  if (snapshotFile && session.workers[0]) {
    await session.call('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, session.workers[0]);
    writeFileSync(snapshotFile, session.chunks.join(''));
  }
  session.close();
  process.stdout.write(`${JSON.stringify({ dir, date: new Date().toISOString(), loadAverage1m: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]), mainHeapMb: main.used, threadHeapsMb: threads.map((t) => t.used), mainHeapCommittedMb: main.committed, threadHeapsCommittedMb: threads.map((t) => t.committed), rssAtRestMb: statusMb('VmRSS'), peakRssSinceStartMb: statusMb('VmHWM') })}\n`);
} finally {
  app.kill('SIGTERM');
  redis.kill('SIGTERM');
}
