import { heartRateSamples, hrvSamples, spo2Samples } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import dailyFixture from './fixtures/daily-activity.json' with { type: 'json' };
import sleepFixture from './fixtures/sleep-long.json' with { type: 'json' };
import workoutFixture from './fixtures/workout-walk.json' with { type: 'json' };
import { ouraDailyActivityToCanonical, ouraSleepToCanonical, ouraWorkoutToCanonical } from './mapping.js';
import { ouraDailyActivity, ouraSleep, ouraWorkout } from './schemas.js';
import { sportFromOura } from './sport-table.js';
import { ouraHeartRateDays, ouraHrvDays, ouraSpo2Day } from './vitals-mapping.js';

const sleep = ouraSleep.parse(sleepFixture);
const ok = <T>(m: { ok: true; record: T } | { ok: false; message: string }): T => {
  if (!m.ok) throw new Error(m.message);
  return m.record;
};

describe('Oura mapping', () => {
  it('maps a workout that crosses local midnight: UTC instants, the +05:30 offset, no GPS', () => {
    const w = ok(ouraWorkoutToCanonical(ouraWorkout.parse(workoutFixture)));
    expect(w).toMatchObject({
      sport: 'walking',
      startTime: '2026-11-20T18:15:00.000Z',
      endTime: '2026-11-20T19:11:10.000Z',
      utcOffsetMinutes: 330,
      distance: { value: 4120.6, unit: 'm' },
      energy: { value: 214.5, unit: 'kcal' },
      laps: [],
      provenance: { provider: 'oura', externalId: workoutFixture.id },
    });
    expect(w.track).toBeUndefined();
    expect(w.heartRate).toBeUndefined();
  });

  it('refuses a time without an offset instead of guessing the zone', () => {
    const raw = ouraWorkout.parse({ ...workoutFixture, start_datetime: '2026-11-20T23:45:00' });
    expect(ouraWorkoutToCanonical(raw)).toMatchObject({ ok: false });
  });

  it('maps daily activity by local day, with the offset of its timestamp and summed activity time', () => {
    const d = ok(ouraDailyActivityToCanonical(ouraDailyActivity.parse(dailyFixture)));
    expect(d).toMatchObject({
      date: '2026-11-20',
      utcOffsetMinutes: -300,
      steps: { value: 11873, unit: '{steps}' },
      distance: { value: 9240, unit: 'm' },
      activeEnergy: { value: 512, unit: 'kcal' },
      totalEnergy: { value: 2694, unit: 'kcal' },
      activeTime: { value: 600 + 2460 + 14520, unit: 's' },
    });
  });

  it('turns the 5-minute hypnogram into merged stages, clipping the last epoch at bedtime_end', () => {
    const s = ok(ouraSleepToCanonical(sleep));
    expect(s.startTime).toBe('2026-11-19T21:12:30.000Z');
    expect(s.utcOffsetMinutes).toBe(120);
    expect(s.stages.map((x) => x.stage)).toEqual(['awake', 'light', 'deep', 'rem', 'light', 'awake']);
    expect(s.stages[0]).toEqual({
      stage: 'awake',
      startTime: '2026-11-19T21:12:30.000Z',
      endTime: '2026-11-19T21:22:30.000Z',
    });
    // 12 epochs would end at 22:12:30Z; the period ends at 22:10:00Z.
    expect(s.stages.at(-1)?.endTime).toBe('2026-11-19T22:10:00.000Z');
  });

  it('refuses an unknown stage character', () => {
    expect(ouraSleepToCanonical({ ...sleep, sleep_phase_5_min: '12x4' })).toMatchObject({ ok: false });
  });

  it('reads HRV as RMSSD samples of the sleep day, skipping null epochs', () => {
    const [day] = ouraHrvDays([sleep, { ...sleep, id: 'rest-1', type: 'rest' }]).map(ok);
    expect(hrvSamples.safeParse(day).success).toBe(true);
    expect(day?.date).toBe('2026-11-20');
    expect(day?.samples).toHaveLength(9);
    expect(day?.samples[0]).toEqual({ time: '2026-11-19T21:17:30.000Z', ms: 38, statistic: 'rmssd' });
  });

  it('places the nightly SpO2 average at the middle of the main sleep; none when Oura has none', () => {
    const raw = {
      id: 'spo2-1',
      day: '2026-11-20',
      spo2_percentage: { average: 96.42 },
      breathing_disturbance_index: 3,
    };
    const day = ok(ouraSpo2Day(raw, [sleep])!);
    expect(spo2Samples.safeParse(day).success).toBe(true);
    expect(day).toMatchObject({
      utcOffsetMinutes: 120,
      samples: [{ time: '2026-11-19T21:41:15.000Z', percent: 96.42 }],
    });
    expect(ok(ouraSpo2Day(raw, [])!).samples[0]?.time).toBe('2026-11-20T12:00:00.000Z');
    expect(ouraSpo2Day({ ...raw, spo2_percentage: null }, [sleep])).toBeNull();
  });

  it('groups heart rate by the local day of each timestamp and drops impossible readings', () => {
    const days = ouraHeartRateDays([
      { bpm: 58, source: 'sleep', timestamp: '2026-11-20T23:55:00+01:00' },
      { bpm: 61, source: 'awake', timestamp: '2026-11-21T00:05:00+01:00' },
      { bpm: 7, source: 'awake', timestamp: '2026-11-21T00:10:00+01:00' },
      { bpm: 63, source: 'awake', timestamp: '2026-11-20T23:20:00+00:00' },
    ]).map(ok);
    expect(days.map((d) => [d.date, d.samples.length])).toEqual([
      ['2026-11-20', 2],
      ['2026-11-21', 1],
    ]);
    for (const d of days) expect(heartRateSamples.safeParse(d).success).toBe(true);
  });

  it('maps Oura activity names, camel-cased or not, and leaves unknown ones as other', () => {
    expect(sportFromOura('cycling')).toBe('cycling');
    expect(sportFromOura('strengthTraining')).toBe('strength_training');
    expect(sportFromOura('Cross-Country Skiing')).toBe('cross_country_skiing');
    expect(sportFromOura('housework')).toBe('other');
  });
});
