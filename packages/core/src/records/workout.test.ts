import { describe, expect, it } from 'vitest';
import { sampleTriathlon } from './multisport-test-support.js';
import { sleepSession } from './sleep.js';
import { workout } from './workout.js';

const issuesOf = (candidate: unknown): string[] => {
  const parsed = workout.safeParse(candidate);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe('workout schema: multisport legs', () => {
  it('accepts a triathlon with its legs and transitions, and a plain workout without legs', () => {
    const tri = sampleTriathlon();
    expect(tri.legs?.map((leg) => (leg.kind === 'sport' ? leg.sport : 'T'))).toEqual([
      'open_water_swimming',
      'T',
      'cycling',
      'T',
      'running',
    ]);
    const { legs: _legs, ...plain } = tri;
    expect(issuesOf({ ...plain, sport: 'running' })).toEqual([]);
  });

  it('refuses legs that overlap, leave the workout, run backwards, or come with another sport', () => {
    const tri = sampleTriathlon();
    const legs = tri.legs ?? [];
    const moved = (i: number, change: object) =>
      legs.map((leg, j) => (j === i ? { ...leg, ...change } : leg));
    expect(issuesOf({ ...tri, legs: moved(2, { startTime: '2026-06-14T07:22:00.000Z' }) })).toContain(
      'legs overlap or start before the workout',
    );
    expect(issuesOf({ ...tri, legs: moved(4, { endTime: '2026-06-14T08:31:00.000Z' }) })).toContain(
      'a leg ends after the workout',
    );
    expect(issuesOf({ ...tri, legs: moved(1, { endTime: '2026-06-14T07:19:00.000Z' }) })).toContain(
      'leg endTime is before its startTime',
    );
    expect(issuesOf({ ...tri, sport: 'running' })).toContain('a workout with legs has sport multisport');
    expect(issuesOf({ ...tri, legs: legs.slice(0, 1) })).not.toEqual([]);
    const transitionsOnly = [legs[1], { ...legs[3], startTime: '2026-06-14T07:23:00.000Z' }];
    expect(issuesOf({ ...tri, legs: transitionsOnly })).toContain('a multisport workout has a sport leg');
    expect(issuesOf({ ...tri, legs: [{ ...legs[1], sport: 'running' }, legs[2]] })).not.toEqual([]);
  });

  it('refuses a segment marker on the first track point', () => {
    const tri = sampleTriathlon();
    const track = (tri.track ?? []).map((p, i) => (i === 0 ? { ...p, newSegment: true } : p));
    expect(issuesOf({ ...tri, track })).toContain('the first track point cannot start a segment');
  });
});

describe('sleep schema', () => {
  const night = {
    type: 'sleep',
    provenance: { provider: 'oura', externalId: 's-1' },
    startTime: '2026-06-14T22:00:00.000Z',
    endTime: '2026-06-15T06:00:00.000Z',
    utcOffsetMinutes: 120,
    stages: [{ stage: 'deep', startTime: '2026-06-14T23:00:00.000Z', endTime: '2026-06-14T23:40:00.000Z' }],
  };

  it('refuses a session that ends before it starts, as a workout does', () => {
    expect(sleepSession.safeParse(night).success).toBe(true);
    const parsed = sleepSession.safeParse({ ...night, endTime: '2026-06-14T21:00:00.000Z' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endTime', 'endTime is before startTime'],
    ]);
  });
});
