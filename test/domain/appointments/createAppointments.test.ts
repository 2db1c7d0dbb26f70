import { describe, expect, it } from 'vitest';
import { createAppointments } from '../../../src/domain/appointments/createAppointments.js';
import { TimeZoneDataError } from '../../../src/domain/appointments/timeZones.js';
import { createLogger } from '../../../src/observability/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l) as Record<string, unknown>) }) };
}

describe('createAppointments', () => {
  it('logs the time-zone data version at start-up and serves the shipped points', () => {
    const { lines, logger } = capture();
    const appointments = createAppointments({ localesDir: 'locales', backend: {}, logger, watch: false });
    expect(lines.find((l) => l.event === 'appointments.tz_data')).toMatchObject({ tzData: '2026f', required: '2026c' });
    expect(appointments.service.points().map((p) => p.id)).toEqual(['casablanca', 'rabat', 'oujda']);
    appointments.close();
  });

  it('refuses to start on time-zone data older than 2026c', () => {
    const { lines, logger } = capture();
    expect(() => createAppointments({ localesDir: 'locales', backend: {}, logger, tzDataVersion: '2025c', watch: false })).toThrow(TimeZoneDataError);
    expect(lines.find((l) => l.event === 'appointments.tz_data_too_old')).toMatchObject({ tzData: '2025c', level: 'fatal' });
  });
});
