import type { SeededRandom } from '../synthetic/seeded-random.js';
import type { SyntheticAthlete } from '../synthetic/synthetic-athlete.js';
import type { OuraDocument } from './oura-state.js';
import { localDayStartMs, ouraDateTime } from './oura-time.js';

const EPOCH_S = 300;

export interface OuraDayDocuments {
  readonly sleep: OuraDocument;
  readonly dailyActivity: OuraDocument;
  readonly dailySpo2: OuraDocument;
  readonly heartRate: OuraDocument[];
}

/**
 * One synthetic local day as Oura reports it: the night that ends that morning (hypnogram with
 * 90-minute cycles, 5-minute HRV and heart-rate series), the day's activity totals, the nightly
 * SpO2 average and 5-minute heart-rate samples. Oura's `day` of a night is the morning's date.
 */
export function ouraDayDocuments(
  athlete: SyntheticAthlete,
  day: string,
  offsetMinutes: number,
  random: SeededRandom,
): OuraDayDocuments {
  const dayStart = localDayStartMs(day, offsetMinutes);
  const bedStart = dayStart - random.int(60, 150) * 60_000;
  const epochs = random.int(78, 102);
  const bedEnd = bedStart + epochs * EPOCH_S * 1000 + random.int(0, 299) * 1000;
  const phases = hypnogram(epochs, random);
  const count = (c: string): number => (phases.split(c).length - 1) * EPOCH_S;
  const hrv = Array.from({ length: epochs }, () => (random.next() < 0.08 ? null : random.int(25, 85)));
  const sleepHr = Array.from({ length: epochs }, () =>
    random.next() < 0.05 ? null : athlete.restingHeartRate + random.int(-4, 8),
  );
  const steps = random.int(3500, 15500);
  const active = Math.round(steps * 0.045 + random.int(0, 120));
  const sleep: OuraDocument = {
    id: random.hexId(8) + '-' + random.hexId(4) + '-' + random.hexId(12),
    day,
    type: 'long_sleep',
    period: 0,
    bedtime_start: ouraDateTime(bedStart, offsetMinutes),
    bedtime_end: ouraDateTime(bedEnd, offsetMinutes),
    time_in_bed: Math.round((bedEnd - bedStart) / 1000),
    total_sleep_duration: count('1') + count('2') + count('3'),
    deep_sleep_duration: count('1'),
    light_sleep_duration: count('2'),
    rem_sleep_duration: count('3'),
    awake_time: count('4'),
    efficiency: Math.round((100 * (epochs * EPOCH_S - count('4'))) / (epochs * EPOCH_S)),
    latency: random.int(3, 25) * 60,
    average_heart_rate: athlete.restingHeartRate + 2,
    lowest_heart_rate: athlete.restingHeartRate - 3,
    average_hrv: Math.round(hrv.reduce<number>((a, b) => a + (b ?? 0), 0) / epochs),
    average_breath: 14 + random.int(0, 40) / 10,
    sleep_phase_5_min: phases,
    hrv: { interval: EPOCH_S, items: hrv, timestamp: ouraDateTime(bedStart, offsetMinutes) },
    heart_rate: { interval: EPOCH_S, items: sleepHr, timestamp: ouraDateTime(bedStart, offsetMinutes) },
  };
  const dailyActivity: OuraDocument = {
    id: random.hexId(8) + '-' + random.hexId(4) + '-' + random.hexId(12),
    day,
    score: random.int(55, 98),
    steps,
    active_calories: active,
    total_calories: active + Math.round(athlete.weightKg * 24),
    equivalent_walking_distance: Math.round(steps * 0.76),
    high_activity_time: random.int(0, 40) * 60,
    medium_activity_time: random.int(10, 90) * 60,
    low_activity_time: random.int(120, 300) * 60,
    sedentary_time: random.int(400, 600) * 60,
    resting_time: random.int(420, 540) * 60,
    non_wear_time: random.int(0, 60) * 60,
    average_met_minutes: 1.5 + random.int(0, 10) / 10,
    met: { interval: 60, items: [], timestamp: ouraDateTime(dayStart + 4 * 3_600_000, offsetMinutes) },
    contributors: { meet_daily_targets: random.int(40, 100), move_every_hour: random.int(40, 100) },
    // Oura's activity day is stamped 04:00 local ([U]); clients should read only its offset.
    timestamp: ouraDateTime(dayStart + 4 * 3_600_000, offsetMinutes),
  };
  const dailySpo2: OuraDocument = {
    id: random.hexId(8) + '-' + random.hexId(4) + '-' + random.hexId(12),
    day,
    spo2_percentage: { average: 94 + random.int(0, 45) / 10 },
    breathing_disturbance_index: random.int(0, 12),
  };
  // Heart-rate samples carry UTC (`+00:00`) timestamps ([U]), every 5 minutes, awake or asleep.
  const heartRate: OuraDocument[] = [];
  for (let at = dayStart; at < dayStart + 86_400_000; at += EPOCH_S * 1000) {
    const asleep = at < bedEnd;
    heartRate.push({
      bpm: asleep
        ? athlete.restingHeartRate + random.int(-3, 6)
        : athlete.restingHeartRate + random.int(8, 45),
      source: asleep ? 'sleep' : 'awake',
      timestamp: ouraDateTime(at, 0),
    });
  }
  return { sleep, dailyActivity, dailySpo2, heartRate };
}

/** Awake at the start, then ~90-minute cycles of light → deep → light → REM, deep fading late. */
function hypnogram(epochs: number, random: SeededRandom): string {
  let phases = '4'.repeat(random.int(1, 4));
  let cycle = 0;
  while (phases.length < epochs) {
    const deep = Math.max(0, 6 - cycle * 2) + random.int(0, 2);
    phases +=
      '2'.repeat(random.int(3, 6)) +
      '1'.repeat(deep) +
      '2'.repeat(random.int(2, 5)) +
      '3'.repeat(2 + cycle * 2);
    if (random.next() < 0.4) phases += '4';
    cycle += 1;
  }
  return phases.slice(0, epochs - 1) + '4';
}
