import type { SportType } from '@syncwell/core';

/** The truth generator's time step: a 2 s sample is finer than any device records. */
export const SAMPLE_MS = 2_000;

/** One instant of a true activity. */
export interface Sample {
  readonly t: number;
  /** `t` as ISO-8601, formatted once and shared by the truth and every device's track. */
  readonly iso: string;
  /** Absent indoors. */
  readonly lat?: number;
  readonly lon?: number;
  readonly hr: number;
  /** Metres travelled since the previous sample. */
  readonly stepM: number;
  readonly moving: boolean;
  /** Energy spent since the previous sample. */
  readonly kcal: number;
}

/** What happened, second by second: the source of a workout's truth and of what each device saw. */
export interface Activity {
  readonly sport: SportType;
  readonly outdoor: boolean;
  /** The wearer's real UTC offset at the time. */
  readonly offset: number;
  readonly samples: readonly Sample[];
}

export interface ActivityTotals {
  readonly startMs: number;
  readonly endMs: number;
  readonly distanceM: number;
  readonly movingS: number;
  readonly kcal: number;
  readonly avgHr: number;
  readonly maxHr: number;
}

const computed = new WeakMap<Activity, ActivityTotals>();

/** The activity's sums (kept per activity: modes and renderers ask for them repeatedly). */
export function totals(activity: Activity): ActivityTotals {
  const cached = computed.get(activity);
  if (cached !== undefined) return cached;
  const result = sum(activity.samples);
  computed.set(activity, result);
  return result;
}

function sum(s: readonly Sample[]): ActivityTotals {
  let distanceM = 0;
  let movingMs = 0;
  let kcal = 0;
  let hrSum = 0;
  let maxHr = 0;
  for (let i = 0; i < s.length; i++) {
    const sample = s[i] as Sample;
    hrSum += sample.hr;
    maxHr = Math.max(maxHr, sample.hr);
    if (i === 0) continue;
    distanceM += sample.stepM;
    kcal += sample.kcal;
    if (sample.moving) movingMs += sample.t - (s[i - 1] as Sample).t;
  }
  return {
    startMs: (s[0] as Sample).t,
    endMs: (s[s.length - 1] as Sample).t,
    distanceM,
    movingS: movingMs / 1000,
    kcal,
    avgHr: hrSum / s.length,
    maxHr,
  };
}

/** The part of the activity between two instants: what a device saw that started late or stopped early. */
export function restrict(activity: Activity, fromMs: number, toMs: number): Activity {
  const samples = activity.samples.filter((s) => s.t >= fromMs && s.t <= toMs);
  if (samples.length < 2) throw new RangeError('restricted activity is empty');
  return { ...activity, samples };
}

/** The activity with extra samples after its end: a device that kept recording. */
export function extend(activity: Activity, tail: readonly Sample[]): Activity {
  return { ...activity, samples: [...activity.samples, ...tail] };
}
