import { cpus, loadavg } from 'node:os';
import { readConflictMergeModel } from '@syncwell/insights';
import {
  MERGE_FIELDS,
  suggestMerge,
  type ConflictMergeModel,
  type ConflictPair,
} from '@syncwell/insights/conflict-merge';
import {
  heldOutConflicts,
  pairFeatures,
  predictProbabilities,
  readModelCardSync,
} from '@syncwell/insights/conflict-merge/testing';
import { fmt, goal, type BenchResult } from './support/bench-result.js';
import { percentile } from './support/percentiles.js';
import { progress } from './support/progress.js';

export interface ConflictInferenceOptions {
  readonly quick?: boolean;
  /** Held-out conflicts suggested per round; default 300 (quick: 100). */
  readonly conflicts?: number;
  /** Rounds over them after the warm-up; default 10. */
  readonly rounds?: number;
}

/**
 * P8: conflict-merge suggestions in-process, one at a time on one core (the worker's and api's
 * call), over held-out generated conflicts of every type (workouts carry both GPS tracks). Each
 * call's wall time is recorded; p50/p99 are over all rounds after a warm-up. The bare limit is the
 * model's own cost: both orders of every field's trees walked on feature vectors computed
 * beforehand, so the gap is feature extraction, the agreement checks and building the record.
 * On a shared box the wall-clock p99 measures the scheduler (a call preempted for a time slice
 * takes milliseconds), so the process's CPU time per call is reported beside it.
 */
export async function benchConflictInference(options: ConflictInferenceOptions = {}): Promise<BenchResult> {
  const line = progress('P8');
  // A few hundred conflicts held in memory, like a busy worker: thousands of workouts with two
  // tracks each would make the benchmark's heap, and the GC pauses inside the calls, its own.
  const count = options.conflicts ?? (options.quick === true ? 100 : 300);
  const rounds = options.rounds ?? 10;
  const loadStarted = performance.now();
  const model = await readConflictMergeModel();
  const loadMs = performance.now() - loadStarted;
  const card = readModelCardSync();
  line.update(`generating ${fmt(count)} held-out conflicts`);
  // Pairs only (the truths' 2-second tracks would triple the heap, and the GC pauses with it).
  const conflicts = Array.from(
    heldOutConflicts({ seed: card.generator.seed, epoch: card.generator.epoch }, count),
    (c) => c.pair,
  );
  const vectors = conflicts.map((pair) => {
    const f = pairFeatures(pair);
    return {
      dataType: pair.dataType,
      forward: Float32Array.from(f.forward),
      backward: Float32Array.from(f.backward),
    };
  });

  suggestAll(model, conflicts, []); // warm-up: let the JIT settle
  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  const byType = new Map<string, number[]>();
  const rates: number[] = [];
  const bareRates: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    line.update(`round ${round}/${rounds}`);
    const measuredMs = suggestAll(model, conflicts, latencies, byType, cpuLatencies);
    rates.push(count / (measuredMs / 1000));
    const bareStarted = performance.now();
    walkTrees(model, vectors);
    bareRates.push(count / ((performance.now() - bareStarted) / 1000));
  }
  const rate = median(rates);
  const bareRate = median(bareRates);
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  cpuLatencies.sort((a, b) => a - b);
  const cpuP50 = percentile(cpuLatencies, 50);
  const cpuP99 = percentile(cpuLatencies, 99);
  line.done(`done: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms per suggestion`);
  const workouts = conflicts.filter((pair) => pair.dataType === 'workout');
  const points = workouts.flatMap((pair) => [
    pair.source.record.track?.length ?? 0,
    pair.destination.record.track?.length ?? 0,
  ]);
  return {
    id: 'P8',
    title: 'conflict-merge suggestions in-process (1 core)',
    figure: { value: rate, unit: 'suggestions/s' },
    bare: { value: bareRate, unit: 'suggestions/s', what: 'tree walks on precomputed features' },
    ratio: rate / bareRate,
    goals: [
      goal('p99 ≤ 1 ms per suggestion (wall)', p99 <= 1),
      goal('p99 ≤ 1 ms per suggestion (CPU)', cpuP99 <= 1),
    ],
    details: [
      `per suggestion: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${latencies.at(-1)!.toFixed(2)} ms over ${fmt(latencies.length)} calls`,
      `CPU time per suggestion (the process's, so preemption by other processes is left out): p50 ${cpuP50.toFixed(3)} ms, p99 ${cpuP99.toFixed(3)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
      [...byType]
        .map(([type, values]) => {
          values.sort((a, b) => a - b);
          return `${type} p50 ${percentile(values, 50).toFixed(3)} / p99 ${percentile(values, 99).toFixed(3)} ms`;
        })
        .join('; '),
      `${fmt(conflicts.length)} conflicts (${fmt(workouts.length)} workouts, ${fmt(mean(points))} track points per side on average); model ${card.version} loaded in ${loadMs.toFixed(0)} ms`,
    ],
  };
}

/**
 * Each workout's tracks are copied before its call (untimed): a suggestion must parse its tracks
 * afresh, as in production, rather than find them in the per-track caches of an earlier round. Returns the
 * summed time of the calls.
 */
function suggestAll(
  model: ConflictMergeModel,
  conflicts: readonly ConflictPair[],
  latencies: number[],
  byType?: Map<string, number[]>,
  cpuLatencies?: number[],
): number {
  let totalMs = 0;
  for (const original of conflicts) {
    const pair = withFreshTracks(original);
    const cpu = process.cpuUsage();
    const started = performance.now();
    suggestMerge(pair, model);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    cpuLatencies?.push((used.user + used.system) / 1000);
    latencies.push(ms);
    totalMs += ms;
    if (byType !== undefined) {
      const list = byType.get(pair.dataType) ?? [];
      list.push(ms);
      byType.set(pair.dataType, list);
    }
  }
  return totalMs;
}

function walkTrees(
  model: ConflictMergeModel,
  vectors: readonly { dataType: keyof typeof MERGE_FIELDS; forward: Float32Array; backward: Float32Array }[],
): void {
  const out = new Float64Array(3);
  for (const v of vectors) {
    for (const field of MERGE_FIELDS[v.dataType] as readonly string[]) {
      const trees = model.types[v.dataType].fields[field]!;
      predictProbabilities(trees, v.forward, out);
      predictProbabilities(trees, v.backward, out);
    }
  }
}

/** The pair with copies of its tracks: new arrays, so nothing parsed from them before is reused. */
function withFreshTracks(pair: ConflictPair): ConflictPair {
  if (pair.dataType !== 'workout') return pair;
  const fresh = (side: typeof pair.source) => ({
    ...side,
    record: {
      ...side.record,
      ...(side.record.track === undefined ? {} : { track: side.record.track.map((p) => ({ ...p })) }),
    },
  });
  return { ...pair, source: fresh(pair.source), destination: fresh(pair.destination) };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
