import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { bookingsCsv } from '../domain/appointments/bookingCsv.js';
import type { StaffBookings } from '../domain/appointments/staffBookings.js';
import { jsonBody } from '../http/createHttpServer.js';
import type { AppLogger } from '../observability/logger.js';
import { STAFF_STATUSES, type BookingRecord } from '../stores/appointmentStore.js';

/** Base path of the console API (shared with the handoff routes). */
export const APPOINTMENTS_API = '/console/api';

/** The signed-in staff member, as the console login gives it. */
export interface StaffMember {
  readonly username: string;
  readonly role: string;
}

/**
 * The console login's route guard: runs `handler` only for a signed-in staff member (401/403 otherwise, and the
 * login's CSRF checks on changes). It has the shape of the console's `StaffAuth.guard`, so it plugs in unchanged.
 */
export type StaffGuard = (handler: (req: Request, res: Response, staff: StaffMember) => Promise<void>) => (req: Request, res: Response) => Promise<void>;

/** Dependencies of {@link registerAppointmentRoutes}. */
export interface AppointmentRoutesDeps {
  readonly staff: StaffBookings;
  readonly guard: StaffGuard;
  /** Records who viewed or did what, to which booking (never personal data); optional. */
  readonly audit?: (actor: string, action: string, ref?: string, detail?: string) => Promise<void>;
  readonly maxBodyBytes: number;
  readonly logger: AppLogger;
}

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const DayQuery = z.object({ point: z.string().min(1).max(40), date });
const RangeQuery = z.object({ from: date, to: date, point: z.string().min(1).max(40).optional() });
const StatusBody = z.object({ status: z.enum(STAFF_STATUSES) });
const REF = /^[34679ACDEFGHJKMNPQRTWXY]{6}$/;

/** What staff see of a booking: everything needed for the appointment, including the pre-registration answers. */
function bookingView(b: BookingRecord) {
  return {
    ref: b.ref,
    point: b.pointId,
    date: b.date,
    time: b.time,
    start: new Date(b.startMs).toISOString(),
    status: b.status,
    firstName: b.firstName ?? null,
    nationality: b.nationality ?? null,
    phone: b.phone ?? null,
    channel: b.contact?.channel ?? null,
    preRegistration: b.preRegistration ?? null,
    movedTo: b.movedTo ?? null,
    anonymised: b.anonymised ?? false,
  };
}

/** Longest range of one CSV export, in days. */
const MAX_EXPORT_DAYS = 366;

/**
 * Staff API for appointments, every route behind the console login and each view or action written to the audit
 * log: `GET /points`, `GET /bookings?point=&date=`, `GET /slots?point=&date=` → `[{start, seats, booked, held}]`,
 * `POST /bookings/:ref/status {status}` (cancelling tells the person), `GET /no-shows?from=&to=[&point=]` (rate per
 * point and ISO week), `GET /bookings.csv?from=&to=[&point=]` (admins only). Errors carry codes only.
 */
export function registerAppointmentRoutes(server: Server, deps: AppointmentRoutesDeps): void {
  const { staff, guard } = deps;
  const api = APPOINTMENTS_API;
  const query = (req: Request) => (req.query ?? {}) as Record<string, unknown>;
  const bad = (res: Response, error: z.ZodError) =>
    void res.json(400, { error: 'bad_request', message: error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
  const unknownPoint = (res: Response) => void res.json(404, { error: 'unknown_point', message: 'no such orientation point' });
  // Audit failures never block the staff member (staffAuth logs them); what was viewed is ids and dates only.
  const audit = (actor: string, action: string, ref?: string, detail?: string) => deps.audit?.(actor, action, ref, detail).catch(() => undefined);

  server.get(`${api}/points`, guard(async (_req, res) => {
    res.json(200, staff.pointList());
  }));

  server.get(`${api}/bookings`, guard(async (req, res, member) => {
    const q = DayQuery.safeParse(query(req));
    if (!q.success) return bad(res, q.error);
    if (!staff.hasPoint(q.data.point)) return unknownPoint(res);
    const list = await staff.list(q.data.point, q.data.date);
    await audit(member.username, 'view_bookings', undefined, `${q.data.point} ${q.data.date}`);
    res.json(200, list.map(bookingView));
  }));

  server.get(`${api}/slots`, guard(async (req, res, member) => {
    const q = DayQuery.safeParse(query(req));
    if (!q.success) return bad(res, q.error);
    if (!staff.hasPoint(q.data.point)) return unknownPoint(res);
    const slots = await staff.slots(q.data.point, q.data.date);
    await audit(member.username, 'view_slots', undefined, `${q.data.point} ${q.data.date}`);
    res.json(200, slots);
  }));

  server.get(`${api}/no-shows`, guard(async (req, res, member) => {
    const q = RangeQuery.safeParse(query(req));
    if (!q.success) return bad(res, q.error);
    if (q.data.point && !staff.hasPoint(q.data.point)) return unknownPoint(res);
    const rates = await staff.noShowRates(q.data.from, q.data.to, q.data.point);
    await audit(member.username, 'view_no_shows', undefined, `${q.data.point ?? 'all'} ${q.data.from}..${q.data.to}`);
    res.json(200, rates);
  }));

  server.get(`${api}/bookings.csv`, guard(async (req, res, member) => {
    // A bulk copy of personal details: admins only, like `npm run bookings -- export`.
    if (member.role !== 'admin') return void res.json(403, { error: 'forbidden', message: 'only admins export bookings' });
    const q = RangeQuery.safeParse(query(req));
    if (!q.success) return bad(res, q.error);
    if (q.data.point && !staff.hasPoint(q.data.point)) return unknownPoint(res);
    const days = (Date.parse(q.data.to) - Date.parse(q.data.from)) / 86_400_000;
    if (!(days >= 0 && days <= MAX_EXPORT_DAYS)) return void res.json(400, { error: 'bad_request', message: `from must be before to, at most ${MAX_EXPORT_DAYS} days apart` });
    const csv = bookingsCsv(await staff.between(q.data.from, q.data.to, q.data.point));
    await audit(member.username, 'export_bookings', undefined, `${q.data.point ?? 'all'} ${q.data.from}..${q.data.to}`);
    res.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="bookings-${q.data.point ?? 'all'}-${q.data.from}-${q.data.to}.csv"`,
      'Cache-Control': 'no-store',
    });
    res.end(csv);
  }));

  server.post(`${api}/bookings/:ref/status`, jsonBody(deps.maxBodyBytes), guard(async (req, res, member) => {
    const ref = String(req.params?.ref ?? '');
    if (!REF.test(ref)) return void res.json(404, { error: 'not_found', message: 'no such booking' });
    const body = StatusBody.safeParse(req.body);
    if (!body.success) return bad(res, body.error);
    const previous = await staff.setStatus(ref, body.data.status);
    if (!previous) return void res.json(404, { error: 'not_found', message: 'no such booking' });
    if (previous === 'cancelled' || previous === 'moved') {
      return void res.json(409, { error: 'not_active', message: `the booking is ${previous}; its status cannot change` });
    }
    await audit(member.username, `booking_${body.data.status}`, ref);
    deps.logger.info({ event: 'appointments.staff_status', ref, status: body.data.status, previous, staff: member.username }, 'booking status set by staff');
    res.json(200, { ref, status: body.data.status, previous });
  }));
}
