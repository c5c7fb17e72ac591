import { describe, expect, it } from 'vitest';
import { nextSummaryDue } from './weekly-summary-scheduler.js';

/*
 * The weekly summary goes out Monday 08:00 in the user's zone: the UTC instant moves with DST and
 * the calendar (leap day, year end), never with the zone of the machine or the day the suite runs.
 */
describe('nextSummaryDue', () => {
  it.each([
    [
      'Berlin before spring forward (CET)',
      '2027-03-21T12:00:00Z',
      'Europe/Berlin',
      '2027-03-22T07:00:00.000Z',
    ],
    [
      'Berlin the Sunday DST begins (CEST)',
      '2027-03-28T12:00:00Z',
      'Europe/Berlin',
      '2027-03-29T06:00:00.000Z',
    ],
    [
      'New York the Saturday before fall back',
      '2027-11-06T12:00:00Z',
      'America/New_York',
      '2027-11-08T13:00:00.000Z',
    ],
    [
      'Auckland, whose DST begins in September',
      '2027-09-25T12:00:00Z',
      'Pacific/Auckland',
      '2027-09-26T19:00:00.000Z',
    ],
    [
      'UTC on a leap-year Monday at 08:00 exactly: the next Monday',
      '2028-02-28T08:00:00Z',
      'UTC',
      '2028-03-06T08:00:00.000Z',
    ],
    ['Tokyo across the year end', '2031-12-31T23:59:00Z', 'Asia/Tokyo', '2032-01-04T23:00:00.000Z'],
  ])('%s', (_case, now, zone, due) => {
    expect(nextSummaryDue(new Date(now), zone).toISOString()).toBe(due);
  });
});
