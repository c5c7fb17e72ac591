import { describe, expect, it } from 'vitest';
import { SPORT_TYPES } from '@syncwell/core';
import { gpxTypeOf, sportTypeOfGpx } from './gpx-sport-table.js';

describe('GPX sport table', () => {
  it('writes every canonical sport as its own type and reads it back as itself', () => {
    for (const sport of SPORT_TYPES) expect(sportTypeOfGpx(gpxTypeOf(sport))).toBe(sport);
    expect(new Set(SPORT_TYPES.map(gpxTypeOf)).size).toBe(SPORT_TYPES.length);
  });

  it('reads Strava and Garmin spellings, any case, and unknown types as other', () => {
    expect(sportTypeOfGpx('9')).toBe('running');
    expect(sportTypeOfGpx('1')).toBe('cycling');
    expect(sportTypeOfGpx(' Ride ')).toBe('cycling');
    expect(sportTypeOfGpx('VirtualRide')).toBe('indoor_cycling');
    expect(sportTypeOfGpx('lap_swimming')).toBe('swimming');
    expect(sportTypeOfGpx('Running')).toBe('running');
    expect(sportTypeOfGpx('kitesurfing')).toBe('other');
    expect(sportTypeOfGpx(undefined)).toBe('other');
  });
});
