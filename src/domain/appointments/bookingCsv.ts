import type { BookingRecord } from '../../stores/appointmentStore.js';

/** CSV columns of the staff export, in order. */
export const BOOKING_CSV_COLUMNS = [
  'ref', 'point', 'date', 'time', 'start_utc', 'status', 'first_name', 'nationality', 'phone', 'channel',
  'adults', 'children', 'document', 'urgent_medical', 'booked_at_utc',
] as const;

/** One CSV field: quoted when needed, and spreadsheet formulas neutralised (OWASP CSV injection). */
function field(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Bookings as CSV (RFC 4180, CRLF line ends, header first), one row per booking. */
export function bookingsCsv(bookings: readonly BookingRecord[]): string {
  const rows = bookings.map((b) => [
    b.ref, b.pointId, b.date, b.time, new Date(b.startMs).toISOString(), b.status, b.firstName, b.nationality, b.phone, b.contact?.channel,
    b.preRegistration?.adults, b.preRegistration?.children, b.preRegistration?.document,
    b.preRegistration?.urgentMedical === undefined ? undefined : b.preRegistration.urgentMedical ? 'yes' : 'no',
    new Date(b.createdAt).toISOString(),
  ]);
  return [BOOKING_CSV_COLUMNS.join(','), ...rows.map((r) => r.map(field).join(','))].join('\r\n') + '\r\n';
}
