import { describe, expect, it } from 'vitest';
import { derivedExternalId } from './derived-external-id.js';
import { sampleTriathlon } from './multisport-test-support.js';
import { legIndexAt, splitMultisportWorkout } from './multisport-split.js';

describe('splitMultisportWorkout', () => {
  it('gives one workout per leg with its sport, times, totals, laps and track, grouped by partOf', () => {
    const tri = sampleTriathlon();
    const legs = splitMultisportWorkout(tri);
    expect(legs.map((w) => [w.provenance.externalId, w.sport, w.startTime, w.endTime])).toEqual([
      ['tri-1#leg1', 'open_water_swimming', '2026-06-14T07:00:00.000Z', '2026-06-14T07:20:00.000Z'],
      ['tri-1#leg2', 'other', '2026-06-14T07:20:00.000Z', '2026-06-14T07:23:00.000Z'],
      ['tri-1#leg3', 'cycling', '2026-06-14T07:23:00.000Z', '2026-06-14T08:03:00.000Z'],
      ['tri-1#leg4', 'other', '2026-06-14T08:03:00.000Z', '2026-06-14T08:05:00.000Z'],
      ['tri-1#leg5', 'running', '2026-06-14T08:05:00.000Z', '2026-06-14T08:30:00.000Z'],
    ]);
    expect(legs.map((w) => w.partOf)).toEqual([
      { activityExternalId: 'tri-1', leg: 1, legs: 5 },
      { activityExternalId: 'tri-1', leg: 2, legs: 5, transition: true },
      { activityExternalId: 'tri-1', leg: 3, legs: 5 },
      { activityExternalId: 'tri-1', leg: 4, legs: 5, transition: true },
      { activityExternalId: 'tri-1', leg: 5, legs: 5 },
    ]);
    // Each leg keeps its own totals only: T1 has no distance, and nobody inherits the whole's.
    expect(legs.map((w) => w.distance?.value)).toEqual([750, undefined, 20_000, undefined, 5500]);
    expect(legs.map((w) => w.energy?.value)).toEqual([200, 20, 550, 10, 320]);
    expect(legs.map((w) => w.heartRate?.maximum.value)).toEqual([
      undefined,
      undefined,
      170,
      undefined,
      undefined,
    ]);
    expect(legs.map((w) => w.laps.length)).toEqual([0, 0, 2, 0, 0]);
    expect(legs.map((w) => w.track?.length ?? 0)).toEqual([2, 1, 2, 1, 2]);
    // The bike keeps its GPS gap; no leg starts its track with a segment marker.
    expect(legs[2]?.track?.[1]?.newSegment).toBe(true);
    expect(legs.every((w) => w.track?.[0]?.newSegment === undefined)).toBe(true);
    expect(legs.every((w) => w.legs === undefined && w.name === 'Sprint tri')).toBe(true);
  });

  it('returns a workout without legs unchanged', () => {
    const { legs: _legs, ...plain } = sampleTriathlon();
    const run = { ...plain, sport: 'running' as const };
    expect(splitMultisportWorkout(run)).toEqual([run]);
  });

  it('places moments before every leg in the first leg, and each other moment in the last leg started', () => {
    const legs = sampleTriathlon().legs ?? [];
    expect(legIndexAt(legs, Date.parse('2026-06-14T06:00:00Z'))).toBe(0);
    expect(legIndexAt(legs, Date.parse('2026-06-14T07:23:00Z'))).toBe(2);
    expect(legIndexAt(legs, Date.parse('2026-06-14T09:00:00Z'))).toBe(4);
  });
});

describe('derivedExternalId', () => {
  it('appends the part, and shortens a long parent while keeping its ids apart', () => {
    expect(derivedExternalId('12345', 'leg2')).toBe('12345#leg2');
    const a = derivedExternalId(`${'x'.repeat(199)}a`, 'leg1');
    const b = derivedExternalId(`${'x'.repeat(199)}b`, 'leg1');
    expect(a).toHaveLength(200);
    expect(b).toHaveLength(200);
    expect(a).not.toBe(b);
    expect(a.endsWith('#leg1')).toBe(true);
  });
});
