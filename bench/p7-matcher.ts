import { createRecordMatcher, instantMs, type SportType, type Workout } from '@syncwell/core';
import { fmt, goal, type BenchResult } from './support/bench-result.js';
import { progress } from './support/progress.js';

export interface MatcherOptions {
  readonly quick?: boolean;
  /** Destination workouts indexed, and as many source workouts looked up; default 1M (quick: 100k). */
  readonly records?: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const SPORTS: readonly SportType[] = [
  'running',
  'cycling',
  'walking',
  'swimming',
  'strength_training',
  'other',
];
const OFFSETS = [0, 60, 120, -300, 330, 540] as const;
const ROUNDS = 3;

/**
 * P7: RecordMatcher lookups on one core (this thread). The destination holds N workouts of one
 * synthetic athlete, 2–14 h apart (a realistic density: the ±14 h clock-error reach sees a few
 * neighbours); the source holds N workouts in time order: 70 % copies (±2 min jitter, other
 * provider), 10 % conflicts (duration +30 %), 5 % local-time-as-UTC copies, 15 % new ones.
 * The figure includes parsing the source's ISO instants. The bare limit is a plain loop doing
 * one binary search per source start over the destination's sorted starts (numbers, pre-parsed).
 */
export async function benchMatcher(options: MatcherOptions = {}): Promise<BenchResult> {
  await Promise.resolve(); // same signature as the other benchmarks; all work is synchronous
  const quick = options.quick ?? false;
  const n = options.records ?? (quick ? 100_000 : 1_000_000);
  const line = progress('P7');
  line.update(`generating ${fmt(n)} destination and ${fmt(n)} source workouts`);
  const { destination, source, expectedMatches } = generate(n);

  line.update(`indexing ${fmt(n)} destination workouts`);
  const buildStarted = performance.now();
  const matcher = createRecordMatcher(destination);
  const buildS = (performance.now() - buildStarted) / 1_000;

  const sortedStarts = Float64Array.from(destination, (w) => instantMs(w.startTime)).sort();
  const sourceStarts = Float64Array.from(source, (w) => instantMs(w.startTime));
  // Warm-up (let the JIT settle), then rounds alternating matcher and bare loop, so that load
  // from other processes on a shared box hits both alike; the median of each is reported.
  matchAll(matcher, source.slice(0, Math.min(n, 50_000)));
  bareBinarySearch(sortedStarts, sourceStarts.subarray(0, Math.min(n, 50_000)));
  const rates: number[] = [];
  const bareRates: number[] = [];
  let verdicts = { same: 0, conflict: 0 };
  let bareChecksum = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    line.update(`matching, round ${round}/${ROUNDS}`);
    let started = performance.now();
    verdicts = matchAll(matcher, source);
    rates.push(n / ((performance.now() - started) / 1_000));
    started = performance.now();
    bareChecksum = bareBinarySearch(sortedStarts, sourceStarts);
    bareRates.push(n / ((performance.now() - started) / 1_000));
  }
  const rate = median(rates);
  const bareRate = median(bareRates);
  line.done(`done: ${fmt(rate)} records/s vs bare ${fmt(bareRate)} binary searches/s`);

  const ratio = rate / bareRate;
  const matched = verdicts.same + verdicts.conflict;
  return {
    id: 'P7',
    title: 'matcher: source workouts matched (1 core)',
    figure: { value: rate, unit: 'records/s' },
    bare: { value: bareRate, unit: 'lookups/s', what: 'binary search over sorted starts' },
    ratio,
    goals: [goal('≥ 1,000,000 records/s', rate >= 1_000_000)],
    details: [
      `${fmt(n)} source vs ${fmt(n)} indexed workouts: ${fmt(verdicts.same)} same, ${fmt(verdicts.conflict)} conflict, ${fmt(n - matched)} unmatched (${fmt(expectedMatches)} copies generated)`,
      `rounds (records/s): ${rates.map((r) => fmt(r)).join(', ')}; bare: ${bareRates.map((r) => fmt(r)).join(', ')}`,
      `index build ${buildS.toFixed(2)} s (${fmt(n / buildS)} records/s incl. parsing); bare checksum ${bareChecksum}`,
    ],
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function matchAll(matcher: ReturnType<typeof createRecordMatcher>, source: readonly Workout[]) {
  const verdicts = { same: 0, conflict: 0 };
  for (const record of source) {
    const found = matcher.find(record);
    if (found !== undefined) verdicts[found.result.verdict === 'same' ? 'same' : 'conflict']++;
  }
  return verdicts;
}

/** The floor any sorted-index lookup pays: one binary search per record, no objects touched. */
function bareBinarySearch(sorted: Float64Array, queries: Float64Array): number {
  let checksum = 0;
  for (let q = 0; q < queries.length; q++) {
    const key = queries[q]! - 3 * MIN;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    checksum = (checksum + lo) % 1_000_000_007;
  }
  return checksum;
}

/** A cheap deterministic generator (mulberry32), not the GPS athlete of the testbed. */
function generate(n: number) {
  let seed = 0x5eed;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const make = (
    id: number,
    provider: 'garmin' | 'strava',
    start: number,
    minutes: number,
    sport: SportType,
    distanceM: number | undefined,
    offset: number,
  ): Workout => ({
    type: 'workout',
    provenance: { provider, externalId: String(id) },
    sport,
    startTime: new Date(start).toISOString(),
    endTime: new Date(start + minutes * MIN).toISOString(),
    utcOffsetMinutes: offset,
    laps: [],
    ...(distanceM === undefined ? {} : { distance: { value: distanceM, unit: 'm' as const } }),
  });
  const destination: Workout[] = [];
  const source: Workout[] = [];
  let expectedMatches = 0;
  let t = Date.parse('2000-01-01T06:00:00Z');
  for (let i = 0; i < n; i++) {
    t += Math.round((2 + random() * 12) * HOUR);
    const minutes = 20 + Math.floor(random() * 100);
    const sport = SPORTS[Math.floor(random() * SPORTS.length)]!;
    const distance =
      sport === 'strength_training' || sport === 'other'
        ? undefined
        : Math.round(minutes * 150 * (0.5 + random()));
    const offset = OFFSETS[Math.floor(random() * OFFSETS.length)]!;
    destination.push(make(i, 'strava', t, minutes, sport, distance, offset));
    const kind = random();
    const jitter = Math.round((random() - 0.5) * 4 * MIN);
    if (kind < 0.7) {
      // The same workout from another provider: start jitter, distance within ±2 %.
      const d = distance === undefined ? undefined : Math.round(distance * (0.98 + random() * 0.04));
      source.push(make(i, 'garmin', t + jitter, minutes, sport, d, offset));
      expectedMatches++;
    } else if (kind < 0.8) {
      // Same slot, the other provider stopped the recording later: a duration conflict.
      source.push(make(i, 'garmin', t + jitter, Math.round(minutes * 1.3), sport, distance, offset));
      expectedMatches++;
    } else if (kind < 0.85 && offset !== 0) {
      // Local time labelled as UTC, offset lost.
      source.push(make(i, 'garmin', t + offset * MIN, minutes, sport, distance, 0));
      expectedMatches++;
    } else {
      // A new workout later that day, of another length: no counterpart at the destination.
      const later = t + Math.round(random() * HOUR + 20 * MIN);
      source.push(make(i, 'garmin', later, minutes * 2 + 10, sport, distance, offset));
    }
  }
  return { destination, source, expectedMatches };
}
