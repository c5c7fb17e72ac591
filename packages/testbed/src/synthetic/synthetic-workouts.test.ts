import { describe, expect, it } from 'vitest';
import { localDateOf, workout as workoutSchema, workoutElapsedSeconds } from '@syncwell/core';
import { pathLengthMetres } from './geo-math.js';
import { generateAthlete } from './synthetic-athlete.js';
import { SPORT_PROFILES, generateWorkouts } from './synthetic-workouts.js';

const END = new Date('2026-11-20T12:00:00Z');

describe('generateAthlete', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(generateAthlete(3)).toEqual(generateAthlete(3));
    const names = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((s) => JSON.stringify(generateAthlete(s))));
    expect(names.size).toBe(8);
    const a = generateAthlete(11);
    expect(a.maxHeartRate).toBeGreaterThan(a.restingHeartRate + 80);
    expect(Math.abs(a.home.lat)).toBeLessThan(70);
  });
});

describe('generateWorkouts', () => {
  const workouts = generateWorkouts({
    seed: 42,
    count: 12,
    provider: 'polar',
    endBefore: END,
    utcOffsetMinutes: 120,
  });
  const athlete = generateAthlete(42);

  it('is deterministic for a seed and differs for another', () => {
    expect(
      generateWorkouts({ seed: 42, count: 12, provider: 'polar', endBefore: END, utcOffsetMinutes: 120 }),
    ).toEqual(workouts);
    const other = generateWorkouts({
      seed: 43,
      count: 12,
      provider: 'polar',
      endBefore: END,
      utcOffsetMinutes: 120,
    });
    expect(other[0]?.startTime).not.toBe(workouts[0]?.startTime);
  });

  it('gives schema-valid workouts of the requested provider, oldest first', () => {
    expect(workouts).toHaveLength(12);
    for (const w of workouts) {
      expect(workoutSchema.safeParse(w).success).toBe(true);
      expect(w.provenance.provider).toBe('polar');
    }
    const starts = workouts.map((w) => Date.parse(w.startTime));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
  });

  it('puts workouts on different local days before endBefore at plausible local hours', () => {
    const days = workouts.map((w) => localDateOf(w.startTime, w.utcOffsetMinutes));
    expect(new Set(days).size).toBe(workouts.length);
    for (const w of workouts) {
      expect(Date.parse(w.endTime)).toBeLessThanOrEqual(END.getTime());
      expect(w.utcOffsetMinutes).toBe(120);
      const localHour = new Date(Date.parse(w.startTime) + 120 * 60_000).getUTCHours();
      expect(localHour).toBeGreaterThanOrEqual(6);
      expect(localHour).toBeLessThanOrEqual(20);
    }
  });

  it('has realistic pace, heart rate, laps and a track matching the distance within 2 %', () => {
    const sports = new Set(workouts.map((w) => w.sport));
    expect(sports.size).toBeGreaterThan(1);
    for (const w of workouts) {
      const profile = SPORT_PROFILES[w.sport as keyof typeof SPORT_PROFILES];
      const elapsed = workoutElapsedSeconds(w);
      const track = w.track ?? [];
      const distance = w.distance?.value ?? 0;
      const speed = distance / elapsed;
      expect(speed).toBeGreaterThan(profile.speedMps[0] * 0.9);
      expect(speed).toBeLessThan(profile.speedMps[1] * 1.1);
      expect(track.length).toBe(elapsed / 5 + 1);
      expect(Math.abs(pathLengthMetres(track) - distance) / distance).toBeLessThan(0.02);
      // Loops and out-and-backs both come home.
      const first = track[0]!;
      const last = track[track.length - 1]!;
      expect(pathLengthMetres([first, last])).toBeLessThan(50);

      const bpms = track.map((p) => p.heartRateBpm ?? 0);
      expect(Math.min(...bpms)).toBeGreaterThanOrEqual(athlete.restingHeartRate);
      expect(Math.max(...bpms)).toBeLessThanOrEqual(athlete.maxHeartRate);
      // Effort raises heart rate: the second half beats the first minute.
      const firstMinute = bpms.slice(0, 12);
      const secondHalf = bpms.slice(bpms.length / 2);
      expect(Math.min(...secondHalf)).toBeGreaterThan(Math.max(...firstMinute) - 5);
      expect(w.heartRate?.maximum.value).toBe(Math.max(...bpms));

      expect(w.laps.length).toBe(Math.ceil(distance / profile.lapMetres - 0.001));
      const lapSum = w.laps.reduce((s, l) => s + (l.distance?.value ?? 0), 0);
      expect(Math.abs(lapSum - distance)).toBeLessThan(0.1);
      expect(w.laps[0]?.startTime).toBe(w.startTime);
      expect(w.laps[w.laps.length - 1]?.endTime).toBe(w.endTime);
      expect(w.energy?.value).toBeGreaterThan(50);
    }
  });
});

describe('generateWorkouts across seeds and offsets', () => {
  it('stays valid, on distinct local days, before endBefore, for negative, zero, half-hour and default offsets', () => {
    for (const seed of [1, 2, 3, 99, 123456]) {
      for (const utcOffsetMinutes of [-300, 0, 330, undefined]) {
        const workouts = generateWorkouts({
          seed,
          count: 4,
          provider: 'strava',
          endBefore: END,
          ...(utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes }),
        });
        const days = workouts.map((w) => localDateOf(w.startTime, w.utcOffsetMinutes));
        expect(new Set(days).size).toBe(4);
        for (const w of workouts) {
          expect(workoutSchema.safeParse(w).success).toBe(true);
          expect(Date.parse(w.endTime)).toBeLessThanOrEqual(END.getTime());
          if (utcOffsetMinutes !== undefined) expect(w.utcOffsetMinutes).toBe(utcOffsetMinutes);
        }
      }
    }
  });
});
