import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AppointmentService } from '../../src/domain/appointments/appointmentService.js';
import { fixedOrientationPoints } from '../../src/domain/appointments/orientationPointsStore.js';
import { RedisAppointmentStore } from '../../src/stores/redis/redisAppointmentStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { APPT_NOW, testPoints } from '../helpers/appointments.js';
import { runCommand } from '../helpers/runCommand.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

const prefix = uniquePrefix('csv');
const client = new Redis(inject('redisUrl'));
const store = new RedisAppointmentStore(client, redisKeys(prefix));
const refs: string[] = [];

beforeAll(async () => {
  const service = new AppointmentService({ store, points: fixedOrientationPoints(testPoints()), now: () => APPT_NOW });
  const rows = [
    ['casablanca', '2026-12-10', '09:00', 'Awa', '+212612345678'],
    ['rabat', '2026-12-11', '10:00', '=HYPERLINK("x")', undefined],
    ['rabat', '2026-12-14', '10:00', 'Late', undefined],
  ] as const;
  for (const [i, [point, date, time, name, phone]] of rows.entries()) {
    const held = await service.hold(`p${i}`, point, date, time);
    if (held.status !== 'held') throw new Error('not held');
    const r = await service.confirm(`p${i}`, held.seat, {
      firstName: name, nationality: 'GN', ...(phone ? { phone } : {}),
      contact: { channel: 'whatsapp', userId: `u${i}`, conversationId: `c${i}`, lang: 'fr' },
      preRegistration: i === 0 ? { adults: 1, children: 3, document: 'other_id', urgentMedical: false } : {},
    });
    if (r.status !== 'booked') throw new Error('not booked');
    refs.push(r.booking.ref);
  }
  await store.setStatus(refs[0]!, 'no_show', APPT_NOW);
});
afterAll(async () => void (await client.quit()));

const run = (...args: string[]) =>
  runCommand('node_modules/.bin/tsx', ['src/cli/bookings.ts', ...args], { env: { REDIS_URL: inject('redisUrl'), KEY_PREFIX: prefix } });

describe('npm run bookings', () => {
  it('exports the bookings of a date range as CSV, neutralising spreadsheet formulas', async () => {
    const { code, stdout, stderr } = await run('export', '--from', '2026-12-10', '--to', '2026-12-11');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('ref,point,date,time,start_utc,status,first_name,nationality,phone,channel,adults,children,document,urgent_medical,booked_at_utc');
    expect(lines[1]).toBe(`${refs[0]},casablanca,2026-12-10,09:00,2026-12-10T09:00:00.000Z,no_show,Awa,GN,'+212612345678,whatsapp,1,3,other_id,no,2026-12-01T10:00:00.000Z`);
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines).toHaveLength(3);
  });

  it('filters by point, and gives the no-show rate per point and week', async () => {
    const rabat = await run('export', '--from', '2026-12-01', '--to', '2026-12-31', '--point', 'rabat');
    expect(rabat.stdout.trimEnd().split('\r\n').slice(1).map((l) => l.split(',')[0])).toEqual([refs[1], refs[2]]);
    const rates = await run('no-shows', '--from', '2026-12-01', '--to', '2026-12-31');
    expect(rates.stdout).toBe('point,week,attended,no_show,rate\r\ncasablanca,2026-W50,0,1,1\r\nrabat,2026-W50,0,0,\r\nrabat,2026-W51,0,0,\r\n');
  });

  it('explains its usage and refuses unknown points', async () => {
    const bad = await run('export', '--from', 'yesterday', '--to', '2026-12-31');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: npm run bookings -- <command>');
    const unknown = await run('export', '--from', '2026-12-01', '--to', '2026-12-31', '--point', 'tanger');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown point "tanger"');
  });
});
