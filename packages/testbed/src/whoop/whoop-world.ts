import { generateWorkouts } from '../synthetic/synthetic-workouts.js';
import { SeededRandom, deriveSeed } from '../synthetic/seeded-random.js';
import type { Workout } from '@syncwell/core';
import { cycleJson, recoveryJson, seededUuid, sleepJson, workoutJson, type NightPlan } from './whoop-json.js';
import type { WhoopRecord, WhoopState, WhoopUser } from './whoop-state.js';

const HOUR_MS = 3_600_000;

/** The athlete's offset, guessed from the home longitude as the synthetic workouts do. */
export function offsetOf(user: WhoopUser): number {
  return Math.max(-720, Math.min(840, Math.round(user.synthetic.home.lon / 15) * 60));
}

/**
 * Seeds `days` nights for a user: each night a sleep, the cycle it opens (running until the
 * next sleep; the last one is still running), and that cycle's recovery.
 */
export function seedNights(
  state: WhoopState,
  user: WhoopUser,
  days: number,
  nowMs: number,
  random: SeededRandom,
): void {
  const offset = offsetOf(user);
  const localMidnight = Math.floor((nowMs + offset * 60_000) / 86_400_000) * 86_400_000 - offset * 60_000;
  const nights: NightPlan[] = [];
  for (let back = days; back >= 1; back--) {
    const startMs = localMidnight - back * 86_400_000 - 1.5 * HOUR_MS + random.int(-45, 45) * 60_000;
    const endMs = startMs + random.int(390, 510) * 60_000;
    if (endMs > nowMs) break;
    nights.push({
      sleepId: seededUuid(random),
      cycleId: random.int(90_000_000, 99_999_999),
      userId: user.id,
      startMs,
      endMs,
      offsetMinutes: offset,
    });
  }
  nights.forEach((night, index) => {
    const next = nights[index + 1];
    const put = (kind: WhoopRecord['kind'], key: string, json: Record<string, unknown>): void => {
      state.put({ kind, key, userId: user.id, startMs: night.startMs, json });
    };
    put('sleep', night.sleepId, sleepJson(night, random));
    put('cycle', String(night.cycleId), cycleJson(night, next === undefined ? null : next.startMs, random));
    put('recovery', String(night.cycleId), recoveryJson(night, user.synthetic.restingHeartRate, random));
  });
}

/** Stores a workout as WHOOP would (UUID id, no GPS) and returns its id. */
export function storeWorkout(
  state: WhoopState,
  user: WhoopUser,
  workout: Workout,
  random: SeededRandom,
): string {
  const id = seededUuid(random);
  state.put({
    kind: 'workout',
    key: id,
    userId: user.id,
    startMs: Date.parse(workout.startTime),
    json: workoutJson(id, user.id, workout, random),
  });
  return id;
}

export function syntheticWorkouts(user: WhoopUser, count: number, seed: number, endBefore: Date): Workout[] {
  return generateWorkouts({
    seed: deriveSeed(user.synthetic.seed, seed),
    count,
    provider: 'whoop',
    endBefore,
    athlete: user.synthetic,
  });
}

export { SeededRandom };
