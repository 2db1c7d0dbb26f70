import { describe, expect, it } from 'vitest';
import { assertTzData, localToUtc, TimeZoneDataError, tzDataVersion, tzVersionAtLeast, utcToLocal } from '../../../src/domain/appointments/timeZones.js';

describe('timeZones', () => {
  it('puts a 09:00 slot on 2026-12-10 in Casablanca at 09:00Z (UTC+0 all year since 2026-09-20)', () => {
    expect(new Date(localToUtc('2026-12-10', '09:00', 'Africa/Casablanca')).toISOString()).toBe('2026-12-10T09:00:00.000Z');
  });

  it('puts a 09:00 slot on 2026-09-19 in Casablanca at 08:00Z (still UTC+1 then)', () => {
    expect(new Date(localToUtc('2026-09-19', '09:00', 'Africa/Casablanca')).toISOString()).toBe('2026-09-19T08:00:00.000Z');
  });

  it('reads instants back as local date and time', () => {
    expect(utcToLocal(Date.UTC(2026, 11, 10, 9), 'Africa/Casablanca')).toEqual({ date: '2026-12-10', time: '09:00', isoWeekday: 4 });
    expect(utcToLocal(Date.UTC(2026, 11, 9, 23, 30), 'Africa/Casablanca').date).toBe('2026-12-09');
  });

  it('uses data at least as new as 2026c, and refuses older data', () => {
    expect(tzVersionAtLeast(tzDataVersion(), '2026c')).toBe(true);
    expect(assertTzData()).toBe(tzDataVersion());
    expect(() => assertTzData('2025c')).toThrow(TimeZoneDataError);
    expect(() => assertTzData('2026b')).toThrow(/2026b is older than 2026c/);
    expect(tzVersionAtLeast('2027a', '2026c')).toBe(true);
    expect(tzVersionAtLeast('garbage', '2026c')).toBe(false);
  });
});
