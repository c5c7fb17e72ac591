import { instantMs, type SleepStage } from '@syncwell/core';
import type { MergeableRecord, MergeableType } from './conflict-pair.js';
import type { MergeField } from './merge-fields.js';
import { trackAgrees } from './track/track-agreement.js';

/**
 * When a field's value counts as the same as another's: the tolerance a user would not notice or
 * two good devices differ by (a 60 s start, 3 % of a distance, 8 % of an energy estimate). The
 * evaluation scores a suggestion against the truth with these, and a suggestion marks a field
 * `agreed` when both sides are within them of each other.
 */
type Comparator = (candidate: MergeableRecord, reference: MergeableRecord) => boolean;

const MINUTE_MS = 60_000;

function read(record: MergeableRecord, field: string): unknown {
  return (record as unknown as Record<string, unknown>)[field];
}

function instant(field: string, toleranceMs: number): Comparator {
  return (c, r) =>
    Math.abs(instantMs(read(c, field) as string) - instantMs(read(r, field) as string)) <= toleranceMs;
}

function exact(field: string): Comparator {
  return (c, r) => read(c, field) === read(r, field);
}

/** |candidate − reference| ≤ max(relative × reference, absolute); both missing agree. */
function amount(field: string, relative: number, absolute: number): Comparator {
  return (c, r) => {
    const a = (read(c, field) as { value: number } | undefined)?.value;
    const b = (read(r, field) as { value: number } | undefined)?.value;
    if (a === undefined || b === undefined) return a === b;
    return Math.abs(a - b) <= Math.max(relative * b, absolute);
  };
}

function heartRate(averageBpm: number, maximumBpm: number): Comparator {
  return (c, r) => {
    const a = read(c, 'heartRate') as { average: { value: number }; maximum: { value: number } } | undefined;
    const b = read(r, 'heartRate') as typeof a;
    if (a === undefined || b === undefined) return a === b;
    return (
      Math.abs(a.average.value - b.average.value) <= averageBpm &&
      Math.abs(a.maximum.value - b.maximum.value) <= maximumBpm
    );
  };
}

const STAGE_KINDS = ['awake', 'light', 'deep', 'rem', 'asleep_unspecified'] as const;

/** Minutes per stage kind. */
export function stageMinutes(stages: readonly SleepStage[]): Record<(typeof STAGE_KINDS)[number], number> {
  const minutes = { awake: 0, light: 0, deep: 0, rem: 0, asleep_unspecified: 0 };
  for (const s of stages) minutes[s.stage] += (instantMs(s.endTime) - instantMs(s.startTime)) / MINUTE_MS;
  return minutes;
}

/** Each stage's total within max(10 min, 10 %) of the reference's. */
const stages: Comparator = (c, r) => {
  const a = read(c, 'stages') as SleepStage[];
  const b = read(r, 'stages') as SleepStage[];
  if (a.length === 0 || b.length === 0) return a.length === b.length;
  const ma = stageMinutes(a);
  const mb = stageMinutes(b);
  return STAGE_KINDS.every((k) => Math.abs(ma[k] - mb[k]) <= Math.max(10, 0.1 * mb[k]));
};

const track: Comparator = (c, r) =>
  trackAgrees(
    (c as Extract<MergeableRecord, { type: 'workout' }>).track,
    (r as Extract<MergeableRecord, { type: 'workout' }>).track,
  );

export const FIELD_TOLERANCES: {
  readonly [T in MergeableType]: Readonly<Record<MergeField<T>, Comparator>>;
} = {
  workout: {
    sport: exact('sport'),
    startTime: instant('startTime', MINUTE_MS),
    endTime: instant('endTime', MINUTE_MS),
    utcOffsetMinutes: exact('utcOffsetMinutes'),
    movingTime: amount('movingTime', 0.03, 60),
    distance: amount('distance', 0.03, 50),
    energy: amount('energy', 0.08, 10),
    heartRate: heartRate(3, 5),
    track,
  },
  daily_activity: {
    utcOffsetMinutes: exact('utcOffsetMinutes'),
    steps: amount('steps', 0.03, 50),
    distance: amount('distance', 0.03, 50),
    activeEnergy: amount('activeEnergy', 0.08, 20),
    totalEnergy: amount('totalEnergy', 0.05, 30),
    activeTime: amount('activeTime', 0.05, 300),
    restingHeartRate: amount('restingHeartRate', 0, 2),
  },
  sleep: {
    startTime: instant('startTime', 5 * MINUTE_MS),
    endTime: instant('endTime', 5 * MINUTE_MS),
    utcOffsetMinutes: exact('utcOffsetMinutes'),
    stages,
  },
  body_measurement: {
    time: instant('time', MINUTE_MS),
    utcOffsetMinutes: exact('utcOffsetMinutes'),
    weight: amount('weight', 0, 0.2),
    bodyFat: amount('bodyFat', 0, 0.5),
  },
};

/** Whether `candidate`'s value of `field` is the reference's (the truth, or the other side). */
export function fieldMatches(
  dataType: MergeableType,
  field: string,
  candidate: MergeableRecord,
  reference: MergeableRecord,
): boolean {
  const compare = (FIELD_TOLERANCES[dataType] as Readonly<Record<string, Comparator>>)[field];
  if (compare === undefined) throw new TypeError(`no tolerance for ${dataType}.${field}`);
  return compare(candidate, reference);
}

/** Both sides hold the same value within tolerance: the choice does not matter. */
export function sidesAgree(
  dataType: MergeableType,
  field: string,
  a: MergeableRecord,
  b: MergeableRecord,
): boolean {
  return fieldMatches(dataType, field, a, b) && fieldMatches(dataType, field, b, a);
}
