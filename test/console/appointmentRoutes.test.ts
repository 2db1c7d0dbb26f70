import { timingSafeEqual } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { registerAppointmentRoutes, type StaffGuard } from '../../src/console/appointmentRoutes.js';
import type { AppointmentNotice } from '../../src/domain/appointments/appointmentNotifier.js';
import { AppointmentService } from '../../src/domain/appointments/appointmentService.js';
import { fixedOrientationPoints } from '../../src/domain/appointments/orientationPointsStore.js';
import { StaffBookings } from '../../src/domain/appointments/staffBookings.js';
import { createHttpServer } from '../../src/http/createHttpServer.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import type { BookingContact } from '../../src/stores/appointmentStore.js';
import { RedisAppointmentStore } from '../../src/stores/redis/redisAppointmentStore.js';
import { redisKeys } from '../../src/stores/redis/redisKeys.js';
import { APPT_NOW, testPoints } from '../helpers/appointments.js';
import { listenOnLoopback } from '../helpers/httpServer.js';
import { uniquePrefix } from '../helpers/uniquePrefix.js';

/** A simple real guard standing in for the console login: a bearer token per staff member. */
const TOKEN = 'staff-token-0123456789';
const ADMIN_TOKEN = 'admin-token-0123456789';
const same = (given: string, wanted: string) => given.length === wanted.length && timingSafeEqual(Buffer.from(given), Buffer.from(wanted));
const guard: StaffGuard = (handler) => async (req, res) => {
  const given = String(req.headers.authorization ?? '');
  if (same(given, `Bearer ${ADMIN_TOKEN}`)) return handler(req, res, { username: 'chef', role: 'admin' });
  if (!same(given, `Bearer ${TOKEN}`)) return void res.json(401, { error: 'unauthorized', message: 'sign in first' });
  await handler(req, res, { username: 'amina', role: 'caseworker' });
};

let base = '';
let close: () => Promise<void> = async () => undefined;
const client = new Redis(inject('redisUrl'));
const store = new RedisAppointmentStore(client, redisKeys(uniquePrefix('staff')));
const points = fixedOrientationPoints(testPoints());
const service = new AppointmentService({ store, points, now: () => APPT_NOW });
const notices: Array<{ contact: BookingContact; notice: AppointmentNotice }> = [];
const audits: string[] = [];
const refs: string[] = [];

beforeAll(async () => {
  const translator = await createTranslator('locales');
  const staff = new StaffBookings({ store, points, translator, now: () => APPT_NOW, notifier: { notify: async (contact, notice) => (notices.push({ contact, notice }), 'sent') } });
  const http = createHttpServer({ logger: pino({ level: 'silent' }), readiness: [] });
  registerAppointmentRoutes(http.server, { staff, guard, audit: async (actor, action, ref, detail) => void audits.push([actor, action, ref, detail].filter(Boolean).join(' ')), maxBodyBytes: 4096, logger: pino({ level: 'silent' }) });
  base = await listenOnLoopback(http.server);
  close = () => http.close();
  for (const [i, time] of ['09:00', '09:00', '10:00'].entries()) {
    const held = await service.hold(`p${i}`, 'casablanca', '2026-12-10', time);
    if (held.status !== 'held') throw new Error('not held');
    const r = await service.confirm(`p${i}`, held.seat, {
      firstName: `Awa${i}`, nationality: 'CI', phone: '+212612345678',
      contact: { channel: 'webchat', userId: `u${i}`, conversationId: `c${i}`, lang: 'en' },
      preRegistration: { adults: 2, urgentMedical: true },
    });
    if (r.status !== 'booked') throw new Error('not booked');
    refs.push(r.booking.ref);
  }
  await service.hold('p9', 'casablanca', '2026-12-10', '10:00');
});
afterAll(async () => {
  await close();
  await client.quit();
});

const get = (path: string, auth: boolean | string = true) =>
  fetch(`${base}${path}`, { headers: auth ? { authorization: `Bearer ${typeof auth === 'string' ? auth : TOKEN}` } : {} });
const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('appointment console routes', () => {
  it('refuse callers who are not signed in', async () => {
    for (const path of [
      '/console/api/bookings?point=casablanca&date=2026-12-10',
      '/console/api/slots?point=casablanca&date=2026-12-10',
      '/console/api/points',
      '/console/api/no-shows?from=2026-12-01&to=2026-12-31',
      '/console/api/bookings.csv?from=2026-12-01&to=2026-12-31',
    ]) {
      expect((await get(path, false)).status).toBe(401);
    }
    expect((await fetch(`${base}/console/api/bookings/${refs[0]}/status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"status":"attended"}' })).status).toBe(401);
  });

  it('list a day of a point with the pre-registration answers', async () => {
    const res = await get('/console/api/bookings?point=casablanca&date=2026-12-10');
    expect(res.status).toBe(200);
    const list = (await res.json()) as Array<Record<string, unknown>>;
    expect(list.map((b) => b.time)).toEqual(['09:00', '09:00', '10:00']);
    expect(list[0]).toMatchObject({ status: 'booked', firstName: expect.stringMatching(/^Awa/), start: '2026-12-10T09:00:00.000Z', preRegistration: { adults: 2, urgentMedical: true } });
    expect(await (await get('/console/api/bookings?point=rabat&date=2026-12-10')).json()).toEqual([]);
  });

  it('give the seats of each slot: start, seats, booked, held', async () => {
    const slots = (await (await get('/console/api/slots?point=casablanca&date=2026-12-10')).json()) as Array<Record<string, unknown>>;
    expect(slots[0]).toEqual({ start: '2026-12-10T09:00:00.000Z', time: '09:00', seats: 2, booked: 2, held: 0 });
    expect(slots[2]).toEqual({ start: '2026-12-10T10:00:00.000Z', time: '10:00', seats: 2, booked: 1, held: 1 });
    expect(slots).toHaveLength(10);
  });

  it('answer 400 for bad queries and 404 for unknown points and bookings', async () => {
    expect((await get('/console/api/slots?point=casablanca&date=10-12-2026')).status).toBe(400);
    expect((await get('/console/api/slots?point=tanger&date=2026-12-10')).status).toBe(404);
    expect((await post('/console/api/bookings/NOPE/status', { status: 'attended' })).status).toBe(404);
    expect((await post('/console/api/bookings/AAAAAA/status', { status: 'attended' })).status).toBe(404);
    expect((await post(`/console/api/bookings/${refs[0]}/status`, { status: 'lost' })).status).toBe(400);
  });

  it('mark attended and no-show, show the no-show rate per point and week, and cancel with a message to the person', async () => {
    expect(await (await post(`/console/api/bookings/${refs[0]}/status`, { status: 'attended' })).json()).toEqual({ ref: refs[0], status: 'attended', previous: 'booked' });
    expect((await post(`/console/api/bookings/${refs[1]}/status`, { status: 'no_show' })).status).toBe(200);
    const rates = await (await get('/console/api/no-shows?from=2026-12-01&to=2026-12-31')).json();
    expect(rates).toEqual([{ pointId: 'casablanca', week: '2026-W50', attended: 1, noShow: 1, rate: 0.5 }]);
    expect((await post(`/console/api/bookings/${refs[2]}/status`, { status: 'cancelled' })).status).toBe(200);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.contact).toMatchObject({ channel: 'webchat', userId: 'u2' });
    expect(notices[0]!.notice.text).toContain('The team had to cancel your appointment on Thursday 10 December at 10:00');
    expect((await post(`/console/api/bookings/${refs[2]}/status`, { status: 'attended' })).status).toBe(409);
    expect(audits.filter((a) => a.includes(' booking_'))).toEqual([`amina booking_attended ${refs[0]}`, `amina booking_no_show ${refs[1]}`, `amina booking_cancelled ${refs[2]}`]);
    // Outside WhatsApp's window the cancellation goes out as its own approved template, with the booking's facts.
    expect(notices[0]!.notice).toMatchObject({ templateKind: 'cancellation', templateParams: ['Thursday 10 December', '10:00', 'Casablanca', refs[2]] });
    const slots = (await (await get('/console/api/slots?point=casablanca&date=2026-12-10')).json()) as Array<{ booked: number }>;
    expect(slots[2]!.booked).toBe(0);
  });

  it('list the points for the staff page, and write every view to the audit log (ids and dates, no personal data)', async () => {
    const points = (await (await get('/console/api/points')).json()) as Array<{ id: string; name: Record<string, string> }>;
    expect(points.map((p) => p.id)).toEqual(['casablanca', 'rabat', 'oujda']);
    expect(points[0]!.name).toMatchObject({ fr: 'Casablanca', ar: 'الدار البيضاء' });
    audits.length = 0;
    await get('/console/api/bookings?point=rabat&date=2026-12-11');
    await get('/console/api/slots?point=rabat&date=2026-12-11');
    await get('/console/api/no-shows?from=2026-12-07&to=2026-12-13&point=rabat');
    expect(audits).toEqual(['amina view_bookings rabat 2026-12-11', 'amina view_slots rabat 2026-12-11', 'amina view_no_shows rabat 2026-12-07..2026-12-13']);
  });

  it('export CSV with the pre-registration answers for admins only, audited', async () => {
    expect((await get('/console/api/bookings.csv?from=2026-12-01&to=2026-12-31')).status).toBe(403);
    expect((await get('/console/api/bookings.csv?from=2026-12-31&to=2026-12-01', ADMIN_TOKEN)).status).toBe(400);
    expect((await get('/console/api/bookings.csv?from=2026-12-01&to=2026-12-31&point=tanger', ADMIN_TOKEN)).status).toBe(404);
    audits.length = 0;
    const res = await get('/console/api/bookings.csv?from=2026-12-01&to=2026-12-31&point=casablanca', ADMIN_TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('bookings-casablanca-2026-12-01-2026-12-31.csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^ref,point,date,time,/);
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([...refs].sort());
    expect(lines[1]).toContain(',2,');
    expect(audits).toEqual(['chef export_bookings casablanca 2026-12-01..2026-12-31']);
  });
});
