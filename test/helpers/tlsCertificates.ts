import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalRedisTls } from '../../src/cli/localRedis/redisServerProcess.js';
import { runCommand } from './runCommand.js';

/** A throwaway CA and a certificate it signed for 127.0.0.1 and localhost, in a temp dir (openssl must be on PATH). */
export interface TestCertificates extends LocalRedisTls {
  remove(): void;
}

async function openssl(args: string[]): Promise<void> {
  const r = await runCommand('openssl', args);
  if (r.code !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
}

/** Makes the CA and the server certificate (2 days, RSA 2048). */
export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = mkdtempSync(join(tmpdir(), 'tdu-tls-'));
  const f = (name: string) => join(dir, name);
  writeFileSync(f('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '2', '-subj', '/CN=tdu-test-ca']);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('redis.key'), '-out', f('redis.csr'), '-subj', '/CN=localhost']);
  await openssl(['x509', '-req', '-in', f('redis.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('redis.crt'), '-days', '2', '-extfile', f('san.ext')]);
  return { certFile: f('redis.crt'), keyFile: f('redis.key'), caFile: f('ca.crt'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
