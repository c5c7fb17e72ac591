import { formatOffset, type Workout } from '@syncwell/core';
import type { SeededRandom } from '../synthetic/seeded-random.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** A v4-shaped UUID from the seeded stream (v2 ids for sleep and workouts are UUIDs). */
export function seededUuid(random: SeededRandom): string {
  const hex = random.hexId(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

// WHOOP v2 `sport_name` / v1 `sport_id` for the canonical sports the testbed generates.
const SPORTS: Readonly<Record<string, readonly [string, number]>> = {
  running: ['running', 0],
  cycling: ['cycling', 1],
  walking: ['walking', 63],
};

/** A canonical workout as WHOOP v2 serves it: kJ, ms zone durations, no GPS. */
export function workoutJson(
  id: string,
  userId: number,
  w: Workout,
  random: SeededRandom,
): Record<string, unknown> {
  const [sportName, sportId] = SPORTS[w.sport] ?? ['activity', -1];
  const durationMs = Date.parse(w.endTime) - Date.parse(w.startTime);
  const zoneShares = [0.05, 0.15, 0.35, 0.3, 0.12, 0.03];
  const zones = zoneShares.map((share) => Math.round(durationMs * share));
  return {
    id,
    v1_id: random.int(100_000_000, 999_999_999),
    user_id: userId,
    created_at: iso(Date.parse(w.endTime) + 60_000),
    updated_at: iso(Date.parse(w.endTime) + 120_000),
    start: w.startTime,
    end: w.endTime,
    timezone_offset: formatOffset(w.utcOffsetMinutes),
    sport_name: sportName,
    score_state: 'SCORED',
    score: {
      strain: Math.round(random.between(6, 17) * 1000) / 1000,
      average_heart_rate: w.heartRate?.average.value ?? 120,
      max_heart_rate: w.heartRate?.maximum.value ?? 160,
      kilojoule: Math.round((w.energy?.value ?? 300) * 4.184 * 100) / 100,
      percent_recorded: 100,
      ...(w.distance === undefined ? {} : { distance_meter: w.distance.value }),
      altitude_gain_meter: Math.round(random.between(5, 120) * 10) / 10,
      altitude_change_meter: Math.round(random.between(-5, 5) * 10) / 10,
      zone_durations: {
        zone_zero_milli: zones[0],
        zone_one_milli: zones[1],
        zone_two_milli: zones[2],
        zone_three_milli: zones[3],
        zone_four_milli: zones[4],
        zone_five_milli: zones[5],
      },
    },
    sport_id: sportId,
  };
}

export interface NightPlan {
  readonly sleepId: string;
  readonly cycleId: number;
  readonly userId: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly offsetMinutes: number;
}

/** A scored night: in-bed time split into awake / light / slow wave / REM, all in ms. */
export function sleepJson(n: NightPlan, random: SeededRandom): Record<string, unknown> {
  const inBed = n.endMs - n.startMs;
  const awake = Math.round(inBed * random.between(0.05, 0.12));
  const noData = random.next() < 0.3 ? 60_000 * random.int(1, 6) : 0;
  const asleep = inBed - awake - noData;
  const deep = Math.round(asleep * random.between(0.18, 0.25));
  const rem = Math.round(asleep * random.between(0.2, 0.27));
  return {
    id: n.sleepId,
    cycle_id: n.cycleId,
    v1_id: random.int(10_000_000, 99_999_999),
    user_id: n.userId,
    created_at: iso(n.endMs + 5 * 60_000),
    updated_at: iso(n.endMs + 10 * 60_000),
    start: iso(n.startMs),
    end: iso(n.endMs),
    timezone_offset: formatOffset(n.offsetMinutes),
    nap: false,
    score_state: 'SCORED',
    score: {
      stage_summary: {
        total_in_bed_time_milli: inBed,
        total_awake_time_milli: awake,
        total_no_data_time_milli: noData,
        total_light_sleep_time_milli: asleep - deep - rem,
        total_slow_wave_sleep_time_milli: deep,
        total_rem_sleep_time_milli: rem,
        sleep_cycle_count: random.int(3, 6),
        disturbance_count: random.int(2, 14),
      },
      sleep_needed: {
        baseline_milli: 27_000_000,
        need_from_sleep_debt_milli: 0,
        need_from_recent_strain_milli: 0,
        need_from_recent_nap_milli: 0,
      },
      respiratory_rate: Math.round(random.between(13, 17) * 100) / 100,
      sleep_performance_percentage: random.int(70, 100),
      sleep_consistency_percentage: random.int(60, 95),
      sleep_efficiency_percentage: Math.round(((inBed - awake) / inBed) * 1000) / 10,
    },
  };
}

/** A physiological day from sleep onset to the next; `endMs` null while it runs. */
export function cycleJson(n: NightPlan, endMs: number | null, random: SeededRandom): Record<string, unknown> {
  return {
    id: n.cycleId,
    user_id: n.userId,
    created_at: iso(n.startMs + 60_000),
    updated_at: iso((endMs ?? n.endMs) + 60_000),
    start: iso(n.startMs),
    end: endMs === null ? null : iso(endMs),
    timezone_offset: formatOffset(n.offsetMinutes),
    score_state: 'SCORED',
    score: {
      strain: Math.round(random.between(5, 18) * 1000) / 1000,
      kilojoule: Math.round(random.between(7_500, 13_000) * 10) / 10,
      average_heart_rate: random.int(58, 78),
      max_heart_rate: random.int(140, 185),
    },
  };
}

export function recoveryJson(
  n: NightPlan,
  restingHeartRate: number,
  random: SeededRandom,
): Record<string, unknown> {
  return {
    cycle_id: n.cycleId,
    sleep_id: n.sleepId,
    user_id: n.userId,
    created_at: iso(n.endMs + 5 * 60_000),
    updated_at: iso(n.endMs + 10 * 60_000),
    score_state: 'SCORED',
    score: {
      user_calibrating: false,
      recovery_score: random.int(20, 99),
      resting_heart_rate: restingHeartRate + random.int(-3, 3),
      hrv_rmssd_milli: Math.round(random.between(28, 95) * 1000) / 1000,
      spo2_percentage: Math.round(random.between(94, 99) * 100) / 100,
      skin_temp_celsius: Math.round(random.between(32.5, 34.5) * 100) / 100,
    },
  };
}
