import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcessStack, type ProcessStack } from './process-stack.js';

/**
 * SIGTERM drains: a worker told to stop while a run is in flight finishes that run, releases the
 * rule lock and exits 0; the next worker takes the rule at once.
 */
describe('worker SIGTERM drain (PostgreSQL + Redis)', () => {
  let stack: ProcessStack;

  beforeAll(async () => {
    // Slow upload processing keeps the run in flight long enough to stop the worker mid-run.
    stack = await startProcessStack({
      seed: 41,
      polarWorkouts: 3,
      uploadProcessingMs: 700,
      env: { SYNCWELL_SHUTDOWN_DEADLINE_MS: '20000' },
    });
    await stack.start('api');
  }, 60_000);
  afterAll(async () => stack.stop(), 30_000);

  it('finishes the run in flight, exits 0, and leaves the rule free for the next worker', async () => {
    const { client, ruleId } = await stack.polarToStravaRule('drain@example.org');
    const worker = await stack.start('worker');
    const run = await client.triggerSync(ruleId);
    for (let i = 0; i < 200 && (await client.getRun(run.id)).status !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await client.getRun(run.id)).status).toBe('running');

    const exitCode = await worker.stop(30_000);
    expect(exitCode, worker.output()).toBe(0);
    const drained = await client.getRun(run.id);
    expect(drained.status).toBe('succeeded');
    expect(drained.counts.written).toBe(3);

    await stack.start('worker');
    const started = Date.now();
    const second = await client.syncAndWait(ruleId, 20_000);
    expect(second.status).toBe('succeeded');
    expect(second.counts.written).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000); // not waiting out a stale 60 s lock
  }, 90_000);
});
