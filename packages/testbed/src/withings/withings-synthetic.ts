import type { SportType, Workout } from '@syncwell/core';
import type { SeededRandom } from '../synthetic/seeded-random.js';
import type { WithingsState, WithingsUser } from './withings-state.js';
import { addDays, atLocal, localParts } from './withings-zone.js';

/** Withings workout categories for the synthetic sports [U]; 36 is "other". */
const CATEGORY: Partial<Record<SportType, number>> = {
  walking: 1,
  running: 2,
  hiking: 3,
  cycling: 6,
  swimming: 7,
  yoga: 28,
  rowing: 187,
  indoor_cycling: 308,
};
const sec = (ms: number): number => Math.floor(ms / 1000);
/** A mantissa with three decimals, the way scales report (72310 × 10^-3 kg). */
const milli = (real: number) => ({ value: Math.round(real * 1000), unit: -3 });

/** One weigh-in: weight (1), fat-free mass (5), fat ratio (6), fat mass (8), one group. */
export function addWeighIn(
  state: WithingsState,
  user: WithingsUser,
  atMs: number,
  weightKg: number,
  fatPercent: number,
): number {
  const grpid = state.nextId++;
  const fatMass = (weightKg * fatPercent) / 100;
  const measure = (type: number, real: number) => ({ ...milli(real), type, algo: 0, fm: 3 });
  state.measureGroups.push({
    userid: user.userid,
    grpid,
    attrib: 0,
    date: sec(atMs),
    created: state.nowSeconds(),
    modified: state.nowSeconds(),
    category: 1,
    deviceid: 'sim-body-scale',
    measures: [
      measure(1, weightKg),
      measure(5, weightKg - fatMass),
      measure(6, fatPercent),
      measure(8, fatMass),
    ],
  });
  return grpid;
}

/** A blood-pressure reading (types 9, 10, 11): present in `getmeas`, not a body measurement. */
export function addBloodPressure(state: WithingsState, user: WithingsUser, atMs: number): void {
  state.measureGroups.push({
    userid: user.userid,
    grpid: state.nextId++,
    attrib: 0,
    date: sec(atMs),
    created: state.nowSeconds(),
    modified: state.nowSeconds(),
    category: 1,
    deviceid: 'sim-bpm',
    measures: [9, 10, 11].map((type, i) => ({ value: [82, 124, 64][i] ?? 0, type, unit: 0, algo: 0, fm: 3 })),
  });
}

export function addWorkout(state: WithingsState, user: WithingsUser, workout: Workout): number {
  const id = state.nextId++;
  const start = Date.parse(workout.startTime);
  const end = Date.parse(workout.endTime);
  state.workouts.push({
    userid: user.userid,
    id,
    category: CATEGORY[workout.sport] ?? 36,
    timezone: user.timezone,
    startdate: sec(start),
    enddate: sec(end),
    date: localParts(start, user.timezone).date,
    modified: state.nowSeconds(),
    deviceid: 'sim-scanwatch',
    data: {
      calories: Math.round(workout.energy?.value ?? 0),
      distance: Math.round(workout.distance?.value ?? 0),
      effduration: Math.round(workout.movingTime?.value ?? (end - start) / 1000),
      ...(workout.heartRate === undefined
        ? {}
        : {
            hr_average: Math.round(workout.heartRate.average.value),
            hr_max: Math.round(workout.heartRate.maximum.value),
            hr_min: 70,
          }),
      steps:
        workout.sport === 'running' || workout.sport === 'walking'
          ? Math.round((workout.distance?.value ?? 0) * 1.3)
          : 0,
    },
  });
  return id;
}

/** One night ending on local `date`: ~23:00 to ~07:00, in light/deep/REM cycles with wake-ups. */
export function addNight(
  state: WithingsState,
  user: WithingsUser,
  date: string,
  random: SeededRandom,
): number {
  const start = atLocal(addDays(date, -1), 23, user.timezone) + random.int(-40, 50) * 60_000;
  const end = start + random.int(390, 510) * 60_000;
  const states: { startdate: number; enddate: number; state: number }[] = [];
  const totals = [0, 0, 0, 0];
  for (let t = start; t < end;) {
    const state = random.weighted<number>([
      [1, 5],
      [2, 2],
      [3, 2],
      [0, 1],
    ]);
    const next = Math.min(end, t + random.int(8, 45) * 60_000);
    states.push({ startdate: sec(t), enddate: sec(next), state });
    totals[state] = (totals[state] ?? 0) + (next - t) / 1000;
    t = next;
  }
  const id = state.nextId++;
  state.sleeps.push({
    userid: user.userid,
    id,
    timezone: user.timezone,
    startdate: sec(start),
    enddate: sec(end),
    date,
    modified: Math.min(state.nowSeconds(), sec(end) + 1800),
    data: {
      wakeupduration: totals[0] ?? 0,
      lightsleepduration: totals[1] ?? 0,
      deepsleepduration: totals[2] ?? 0,
      remsleepduration: totals[3] ?? 0,
      wakeupcount: states.filter((s) => s.state === 0).length,
      hr_average: user.synthetic.restingHeartRate + 4,
      sleep_score: random.int(55, 95),
    },
    states,
  });
  return id;
}

/** A day's activity totals; `modified` is when the day was last synced (its end, or now). */
export function addActivityDay(
  state: WithingsState,
  user: WithingsUser,
  date: string,
  random: SeededRandom,
): void {
  const steps = random.int(3000, 14_000);
  const soft = random.int(1800, 7200);
  const moderate = random.int(300, 2400);
  const intense = random.int(0, 1500);
  const calories = Math.round(steps * 0.045 + intense / 20);
  const endOfDay = sec(atLocal(addDays(date, 1), 0, user.timezone));
  state.activities.push({
    userid: user.userid,
    date,
    timezone: user.timezone,
    modified: Math.min(state.nowSeconds(), endOfDay),
    deviceid: 'sim-scanwatch',
    fields: {
      steps,
      distance: Math.round(steps * 0.76),
      elevation: random.int(0, 60),
      soft,
      moderate,
      intense,
      active: moderate + intense,
      calories,
      totalcalories: calories + 1650,
      hr_average: user.synthetic.restingHeartRate + 18,
      hr_min: user.synthetic.restingHeartRate - 3,
      hr_max: user.synthetic.maxHeartRate - 20,
    },
  });
}

/** Seeds `days` of history for a user: mornings weigh-ins, nights, activity days. */
export function seedHistory(
  state: WithingsState,
  user: WithingsUser,
  days: number,
  random: SeededRandom,
): void {
  const today = localParts(state.config.nowMs(), user.timezone).date;
  for (let back = days; back >= 1; back -= 1) {
    const date = addDays(today, -back);
    addNight(state, user, date, random);
    addActivityDay(state, user, date, random);
    const weight = user.synthetic.weightKg + random.between(-0.6, 0.6);
    addWeighIn(
      state,
      user,
      atLocal(date, 7, user.timezone) + random.int(0, 50) * 60_000,
      Number(weight.toFixed(2)),
      Number(random.between(14, 24).toFixed(1)),
    );
    if (back % 3 === 0) addBloodPressure(state, user, atLocal(date, 8, user.timezone));
  }
}
