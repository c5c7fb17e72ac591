import { describe, expect, it } from 'vitest';
import { benchManualSync } from './p1-manual-sync.js';
import { benchWorkerThroughput } from './p2-worker-throughput.js';
import { benchInFlight } from './p3-in-flight.js';
import type { BenchResult } from './support/bench-result.js';

/**
 * The benchmarks at their smallest: they must run end to end on PostgreSQL + Redis and produce
 * sane numbers. Goals are not asserted (a shared 2-core CI box cannot promise throughput).
 * Needs the servers of `npm test`; fails naming the one it cannot reach.
 */
function expectSane(result: BenchResult): void {
  expect(result.figure.value).toBeGreaterThan(0);
  expect(result.bare.value).toBeGreaterThan(0);
  expect(result.ratio).toBeCloseTo(result.figure.value / result.bare.value, 6);
  expect(result.goals.length).toBeGreaterThan(0);
}

describe('benchmarks (smoke)', () => {
  it('P1 measures the manual-sync trigger against bare Fastify', async () => {
    expectSane(await benchManualSync({ quick: true, durationS: 1, users: 2, connections: 8 }));
  }, 60_000);

  it('P2 measures worker jobs/s against bare BullMQ', async () => {
    expectSane(await benchWorkerThroughput({ quick: true, jobs: 60, concurrency: 20 }));
  }, 60_000);

  it('P3 measures jobs in flight and RSS against bare BullMQ', async () => {
    expectSane(await benchInFlight({ quick: true, concurrency: 50, latencyMs: 50 }));
  }, 60_000);
});
