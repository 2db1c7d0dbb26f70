import { describe, expect, it } from 'vitest';
import { isOpenAt, nextOpening, OfficeHoursError, parseOfficeHours } from '../../../src/domain/handoff/officeHours.js';

const hours = parseOfficeHours('mon-thu 09:00-16:30; fri 09:00-12:00,14:00-16:00', '2026-12-25');

describe('officeHours', () => {
  it('uses Morocco time from the pinned tz data (UTC+0 since 2026-09-20, not UTC+1)', () => {
    // Monday 2026-11-30 08:30 UTC is 08:30 in Casablanca: still closed; 09:00 UTC opens.
    expect(isOpenAt(hours, Date.parse('2026-11-30T08:30:00Z'))).toBe(false);
    expect(isOpenAt(hours, Date.parse('2026-11-30T09:00:00Z'))).toBe(true);
    // Before the change (UTC+1): 08:30 UTC was 09:30 local, open.
    expect(isOpenAt(hours, Date.parse('2026-09-14T08:30:00Z'))).toBe(true);
  });

  it('knows split days, weekends and closed dates', () => {
    expect(isOpenAt(hours, Date.parse('2026-12-04T13:00:00Z'))).toBe(false); // Friday lunch
    expect(isOpenAt(hours, Date.parse('2026-12-04T15:00:00Z'))).toBe(true);
    expect(isOpenAt(hours, Date.parse('2026-12-05T10:00:00Z'))).toBe(false); // Saturday
    expect(isOpenAt(hours, Date.parse('2026-12-25T10:00:00Z'))).toBe(false); // closed date (a Friday)
  });

  it('finds the next opening', () => {
    expect(nextOpening(hours, Date.parse('2026-12-04T13:00:00Z'))).toBe(Date.parse('2026-12-04T14:00:00Z'));
    expect(nextOpening(hours, Date.parse('2026-12-05T10:00:00Z'))).toBe(Date.parse('2026-12-07T09:00:00Z'));
    expect(nextOpening(hours, Date.parse('2026-12-24T17:00:00Z'))).toBe(Date.parse('2026-12-28T09:00:00Z'));
    expect(nextOpening(parseOfficeHours(''), 0)).toBeUndefined();
  });

  it('explains a bad value', () => {
    expect(() => parseOfficeHours('monday 9-5')).toThrow(OfficeHoursError);
    expect(() => parseOfficeHours('mon 17:00-09:00')).toThrow(/must end after/);
    expect(() => parseOfficeHours('mon 09:00-17:00', '25/12/2026')).toThrow(/YYYY-MM-DD/);
  });
});
