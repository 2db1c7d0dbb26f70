import { describe, expect, it } from 'vitest';
import { runAuditCommand } from '../../src/cli/audit.js';
import { runCaseworkerCommand } from '../../src/cli/caseworker.js';
import { verifyPassword } from '../../src/domain/staff/passwordHash.js';
import { MemoryAuditLog, MemoryStaffAccounts } from '../../src/stores/memory/memoryStaffStore.js';

function harness(password = 'a long enough password') {
  const accounts = new MemoryStaffAccounts();
  const lines: string[] = [];
  const run = (...args: string[]) => runCaseworkerCommand(args, { accounts, readPassword: async () => password, print: (l) => lines.push(l), now: () => Date.parse('2026-12-01T10:00:00Z') });
  return { accounts, lines, run };
}

describe('npm run caseworker', () => {
  it('adds, lists, disables and changes passwords, never printing a password or hash', async () => {
    const { accounts, lines, run } = harness();
    expect(await run('add', 'Amina', '--password-stdin')).toBe(0);
    expect(await run('add', 'chef', '--role', 'admin')).toBe(0);
    expect(await run('add', 'amina')).toBe(1);
    expect(await run('disable', 'amina')).toBe(0);
    expect(await run('list')).toBe(0);
    expect(lines.slice(-3)).toEqual(['2 account(s)', 'amina  caseworker  disabled  since 2026-12-01', 'chef  admin  active  since 2026-12-01']);
    expect(await verifyPassword('a long enough password', (await accounts.get('amina'))!.passwordHash)).toBe(true);
    expect(lines.join('\n')).not.toMatch(/scrypt|a long enough password/);
    expect(await run('passwd', 'ghost')).toBe(1);
  });

  it('refuses short passwords, bad usernames and roles', async () => {
    const short = harness('short');
    expect(await short.run('add', 'amina')).toBe(2);
    expect(short.lines.at(-1)).toMatch(/at least 10 characters/);
    const { run, lines } = harness();
    expect(await run('add', 'a b')).toBe(2);
    expect(await run('add', 'amina', '--role', 'root')).toBe(2);
    expect(await run('frobnicate', 'x')).toBe(2);
    expect(lines.at(-1)).toContain('Usage: npm run caseworker');
  });
});

describe('npm run audit', () => {
  it('exports entries of the given days as CSV, defusing spreadsheet formulas', async () => {
    const audit = new MemoryAuditLog();
    const day = Date.parse('2026-12-01T00:00:00Z');
    await audit.record({ at: day - 1, actor: 'amina', action: 'claim', ticketId: 'h0' }, 1e12);
    await audit.record({ at: day + 3600_000, actor: 'amina', action: 'view_transcript', ticketId: 'h1' }, 1e12);
    await audit.record({ at: day + 86_399_000, actor: '=cmd', action: 'close', ticketId: 'h1', detail: 'answered, "ok"' }, 1e12);
    await audit.record({ at: day + 86_400_000, actor: 'karim', action: 'claim', ticketId: 'h2' }, 1e12);
    const lines: string[] = [];
    expect(await runAuditCommand(['export', '--from', '2026-12-01', '--to', '2026-12-01'], { audit, print: (l) => lines.push(l) })).toBe(0);
    expect(lines).toEqual([
      'at,actor,action,ticket,detail',
      '2026-12-01T01:00:00.000Z,amina,view_transcript,h1,',
      `2026-12-01T23:59:59.000Z,'=cmd,close,h1,"answered, ""ok"""`,
    ]);
    expect(await runAuditCommand(['export', '--from', 'yesterday'], { audit, print: () => undefined })).toBe(2);
  });
});
