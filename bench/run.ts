import { cpus, totalmem } from 'node:os';
import { benchManualSync } from './p1-manual-sync.js';
import { benchWorkerThroughput } from './p2-worker-throughput.js';
import { benchInFlight } from './p3-in-flight.js';
import { benchBackfill } from './p4-backfill.js';
import { benchMatcher } from './p7-matcher.js';
import { benchConflictInference } from './p8-conflict-inference.js';
import { resultTable, type BenchResult } from './support/bench-result.js';

/**
 * `npm run bench [-- P1 P3]`: the issue-3 benchmarks on PostgreSQL + Redis, each against its
 * bare limit measured in the same run. BENCH_QUICK=1 for a smoke-sized run.
 */
const quick = process.env.BENCH_QUICK === '1';
const selected = new Set(process.argv.slice(2).map((a) => a.toUpperCase()));
const wanted = (id: string) => selected.size === 0 || selected.has(id);
const benchmarks: [string, () => Promise<BenchResult>][] = [
  ['P1', () => benchManualSync({ quick })],
  ['P2', () => benchWorkerThroughput({ quick })],
  ['P3', () => benchInFlight({ quick })],
  ['P4', () => benchBackfill({ quick })],
  ['P7', () => benchMatcher({ quick })],
  ['P8', () => benchConflictInference({ quick })],
];

console.log(
  `SyncWell benchmarks${quick ? ' (BENCH_QUICK=1)' : ''}: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ` +
    `${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`,
);
const results: BenchResult[] = [];
for (const [id, run] of benchmarks) {
  if (wanted(id)) results.push(await run());
}
console.log(`\n${resultTable(results)}`);
