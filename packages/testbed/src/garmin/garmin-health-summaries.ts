import { SeededRandom, deriveSeed } from '../synthetic/seeded-random.js';
import type { SyntheticAthlete } from '../synthetic/synthetic-athlete.js';

type Summary = {
  readonly type: string;
  readonly startS: number;
  readonly endS: number;
  readonly body: Record<string, unknown>;
};
const DAY_S = 86_400;

/** Garmin-like summary ids: short user hex, start and duration in hex. */
const summaryId = (userId: string, startS: number, durationS: number) =>
  `x${userId.slice(0, 7)}-${startS.toString(16)}-${durationS.toString(16)}`;

/**
 * One local day of a synthetic user's health summaries as Garmin shapes them: `dailies` with
 * 15-minute `timeOffsetHeartRateSamples`, the night's `sleeps` with a `sleepLevelsMap`, `hrv`
 * and `pulseOx` readings across the night, and every other day a `bodyComps` in grams.
 * `localMidnightS` is the UTC instant of the local day's midnight.
 */
export function healthSummariesOfDay(
  userId: string,
  athlete: SyntheticAthlete,
  localMidnightS: number,
  offsetS: number,
  dayIndex: number,
): Summary[] {
  const random = new SeededRandom(deriveSeed(athlete.seed, 0x6a0 + dayIndex));
  const calendarDate = new Date((localMidnightS + offsetS) * 1000).toISOString().slice(0, 10);
  const base = { userId, calendarDate, startTimeOffsetInSeconds: offsetS };
  const heart: Record<string, number> = {};
  for (let t = 0; t < DAY_S; t += 900)
    heart[String(t)] = athlete.restingHeartRate + random.int(0, t > 25_200 ? 45 : 8);
  const steps = random.int(3500, 15_000);
  const summaries: Summary[] = [
    {
      type: 'dailies',
      startS: localMidnightS,
      endS: localMidnightS + DAY_S,
      body: {
        ...base,
        summaryId: summaryId(userId, localMidnightS, DAY_S),
        startTimeInSeconds: localMidnightS,
        durationInSeconds: DAY_S,
        steps,
        distanceInMeters: Math.round(steps * 0.76),
        activeKilocalories: random.int(250, 900),
        bmrKilocalories: random.int(1450, 1850),
        activeTimeInSeconds: random.int(1800, 7200),
        floorsClimbed: random.int(0, 20),
        minHeartRateInBeatsPerMinute: athlete.restingHeartRate - 3,
        maxHeartRateInBeatsPerMinute: athlete.restingHeartRate + 60,
        averageHeartRateInBeatsPerMinute: athlete.restingHeartRate + 18,
        restingHeartRateInBeatsPerMinute: athlete.restingHeartRate,
        timeOffsetHeartRateSamples: heart,
        averageStressLevel: random.int(20, 45),
      },
    },
  ];
  // The night ending this morning: starts around 23:00 the previous local evening.
  const sleepStartS = localMidnightS - 3600 + random.int(-1800, 1800);
  const levels: Record<
    'deep' | 'light' | 'rem' | 'awake',
    { startTimeInSeconds: number; endTimeInSeconds: number }[]
  > = { deep: [], light: [], rem: [], awake: [] };
  let t = sleepStartS;
  let asleepS = 0;
  for (let cycle = 0; cycle < 5; cycle++) {
    for (const [stage, minutes] of [
      ['light', 25],
      ['deep', cycle < 3 ? 40 : 15],
      ['rem', 15 + cycle * 5],
      ['awake', 3],
    ] as const) {
      const span = minutes * 60 + random.int(-120, 120);
      levels[stage].push({ startTimeInSeconds: t, endTimeInSeconds: t + span });
      if (stage !== 'awake') asleepS += span;
      t += span;
    }
  }
  const sleepId = summaryId(userId, sleepStartS, t - sleepStartS);
  const night = { ...base, startTimeInSeconds: sleepStartS, durationInSeconds: asleepS };
  const hrvValues: Record<string, number> = {};
  const spo2: Record<string, number> = {};
  for (let o = 0; o < t - sleepStartS; o += 300) hrvValues[String(o)] = random.int(28, 75);
  for (let o = 0; o < t - sleepStartS; o += 3600) spo2[String(o)] = random.int(92, 99);
  summaries.push(
    {
      type: 'sleeps',
      startS: sleepStartS,
      endS: t,
      body: {
        ...night,
        summaryId: sleepId,
        sleepLevelsMap: levels,
        validation: 'ENHANCED_FINAL',
        overallSleepScore: { value: random.int(55, 92), qualifierKey: 'GOOD' },
      },
    },
    {
      type: 'hrv',
      startS: sleepStartS,
      endS: t,
      body: { ...night, summaryId: `${sleepId}-hrv`, lastNightAvg: 48, hrvValues },
    },
    {
      type: 'pulseOx',
      startS: sleepStartS,
      endS: t,
      body: { ...night, summaryId: `${sleepId}-spo2`, timeOffsetSpo2Values: spo2, onDemand: false },
    },
  );
  if (dayIndex % 2 === 0) {
    const at = localMidnightS + 7 * 3600 + random.int(0, 1800);
    summaries.push({
      type: 'bodyComps',
      startS: at,
      endS: at,
      body: {
        userId,
        summaryId: summaryId(userId, at, 0),
        measurementTimeInSeconds: at,
        measurementTimeOffsetInSeconds: offsetS,
        weightInGrams: Math.round(athlete.weightKg * 1000 + random.int(-600, 600)),
        bodyFatInPercent: Math.round(random.between(14, 28) * 10) / 10,
        bodyMassIndex: 23.1,
        muscleMassInGrams: Math.round(athlete.weightKg * 420),
      },
    });
  }
  return summaries;
}
