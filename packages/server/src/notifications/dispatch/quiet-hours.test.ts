import { describe, expect, it } from 'vitest';
import { quietUntil } from './quiet-hours.js';

const night = { startMinute: 22 * 60, endMinute: 7 * 60, timeZone: 'America/New_York' };

describe('quietUntil', () => {
  it('holds until the local end of a window that spans midnight, on either side of midnight', () => {
    // 23:30 and 02:00 in New York (UTC-5 in January) → 07:00 local = 12:00 UTC.
    expect(quietUntil(new Date('2031-01-07T04:30:00Z'), night)?.toISOString()).toBe(
      '2031-01-07T12:00:00.000Z',
    );
    expect(quietUntil(new Date('2031-01-07T07:00:00Z'), night)?.toISOString()).toBe(
      '2031-01-07T12:00:00.000Z',
    );
    expect(quietUntil(new Date('2031-01-07T12:00:00Z'), night)).toBeNull();
    expect(quietUntil(new Date('2031-01-07T02:59:00Z'), night)).toBeNull(); // 21:59 local
  });

  it('follows the zone across a DST change and handles a same-day window', () => {
    // The night New York springs forward (2031-03-09): 07:00 EDT is 11:00 UTC.
    expect(quietUntil(new Date('2031-03-09T06:00:00Z'), night)?.toISOString()).toBe(
      '2031-03-09T11:00:00.000Z',
    );
    const lunch = { startMinute: 12 * 60, endMinute: 13 * 60, timeZone: 'UTC' };
    expect(quietUntil(new Date('2031-01-07T12:30:00Z'), lunch)?.toISOString()).toBe(
      '2031-01-07T13:00:00.000Z',
    );
    expect(quietUntil(new Date('2031-01-07T13:00:00Z'), lunch)).toBeNull();
    expect(quietUntil(new Date('2031-01-07T12:30:00Z'), null)).toBeNull();
  });
});
