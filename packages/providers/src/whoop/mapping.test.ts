import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cycleLocalDate, whoopCycleToDaily } from './daily-mapping.js';
import { whoopWorkoutToWorkout } from './mapping.js';
import { readWhoopRateLimits, whoopRetryAfterMs } from './rate-limit-headers.js';
import { whoopCycle, whoopRecovery, whoopSleep, whoopWorkout } from './schemas.js';
import { whoopSleepToSession } from './sleep-mapping.js';
import { sportFromWhoop } from './sport-table.js';
import { offsetMinutes } from './whoop-time.js';

const raw = JSON.parse(readFileSync(new URL('./fixtures/records.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
const record = <T>(schema: { parse(v: unknown): T }, key: string): T => schema.parse(raw[key]);

describe('whoopWorkoutToWorkout', () => {
  it('converts kJ to kcal, keeps the HR summary and the "-05:00" offset, and has no GPS', () => {
    const result = whoopWorkoutToWorkout(record(whoopWorkout, 'workout'));
    if (result.kind !== 'record') throw new Error(result.kind);
    expect(result.record).toMatchObject({
      sport: 'running', // sport_name wins over the v1 sport_id 1 (cycling)
      startTime: '2026-11-20T02:25:44.774Z',
      utcOffsetMinutes: -300,
      energy: { value: 375.1, unit: 'kcal' },
      distance: { value: 1772.77035916, unit: 'm' },
      heartRate: { average: { value: 123, unit: '/min' }, maximum: { value: 146, unit: '/min' } },
      provenance: { provider: 'whoop', externalId: 'ecfc6a15-4661-442f-a9a4-f160dd7afae8' },
    });
    expect(result.record.track).toBeUndefined();
  });

  it('waits for PENDING_SCORE and keeps only times for UNSCORABLE', () => {
    expect(whoopWorkoutToWorkout(record(whoopWorkout, 'pendingWorkout'))).toEqual({ kind: 'pending' });
    const unscorable = whoopWorkoutToWorkout(record(whoopWorkout, 'unscorableWorkout'));
    if (unscorable.kind !== 'record') throw new Error(unscorable.kind);
    expect(unscorable.record).toMatchObject({ sport: 'other', utcOffsetMinutes: 330 });
    expect(unscorable.record.heartRate).toBeUndefined();
  });
});

describe('whoopSleepToSession', () => {
  it('lays stage totals out as blocks whose per-stage sums are exactly WHOOP’s', () => {
    const result = whoopSleepToSession(record(whoopSleep, 'sleep'));
    if (result.kind !== 'record') throw new Error(result.kind);
    const sums = new Map<string, number>();
    for (const s of result.record.stages)
      sums.set(s.stage, (sums.get(s.stage) ?? 0) + Date.parse(s.endTime) - Date.parse(s.startTime));
    expect(Object.fromEntries(sums)).toEqual({
      light: 14_400_000,
      deep: 6_000_000,
      rem: 6_000_000,
      awake: 1_800_000,
    });
    expect(result.record.stages[0]?.startTime).toBe('2026-11-19T22:25:44.774Z');
    // The 10 min of no data stay unstaged at the end of the session.
    expect(result.record.stages.at(-1)?.endTime).toBe('2026-11-20T06:15:44.774Z');
    expect(result.record.utcOffsetMinutes).toBe(60);
  });
});

describe('whoopCycleToDaily', () => {
  it('files the cycle under the day it mostly covers, with total energy and resting HR', () => {
    const result = whoopCycleToDaily(record(whoopCycle, 'cycle'), record(whoopRecovery, 'recovery'));
    if (result.kind !== 'record') throw new Error(result.kind);
    expect(result.record).toMatchObject({
      date: '2026-11-20',
      totalEnergy: { value: 1981, unit: 'kcal' },
      restingHeartRate: { value: 64, unit: '/min' },
    });
    expect(result.record.activeEnergy).toBeUndefined();
    expect(result.final).toBe(true);
  });

  it('emits a running cycle as not final, and late sleepers keep their day', () => {
    const running = whoopCycleToDaily({ ...record(whoopCycle, 'cycle'), end: null }, null);
    expect(running).toMatchObject({ kind: 'record', final: false });
    expect(cycleLocalDate('2026-11-20T00:30:00.000Z', 60)).toBe('2026-11-20');
  });
});

describe('units, sports and headers', () => {
  it('reads offsets and sports', () => {
    expect([
      offsetMinutes('+05:30'),
      offsetMinutes('-03:00'),
      offsetMinutes('Z'),
      offsetMinutes('bad'),
    ]).toEqual([330, -180, 0, undefined]);
    expect(sportFromWhoop('Hiking/Rucking', null)).toBe('hiking');
    expect(sportFromWhoop(null, 33)).toBe('swimming');
    expect(sportFromWhoop('paddle tennis', 0)).toBe('other');
  });

  it('attributes Remaining/Reset to the window they describe', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const headers = (remaining: string, reset: string) =>
      new Headers({
        'x-ratelimit-limit': '100;window=60, 10000;window=86400',
        'x-ratelimit-remaining': remaining,
        'x-ratelimit-reset': reset,
      });
    expect(readWhoopRateLimits(headers('97', '42'), now)).toEqual([
      {
        provider: 'whoop',
        name: 'app-minute',
        limit: 100,
        used: 3,
        resetAt: new Date('2026-11-25T10:00:42Z'),
      },
    ]);
    expect(readWhoopRateLimits(headers('12', '3600'), now)).toMatchObject([{ name: 'app-day', used: 9988 }]);
    expect(whoopRetryAfterMs(headers('0', '17'), now)).toBe(17_000);
  });
});
