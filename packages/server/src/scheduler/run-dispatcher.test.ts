import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  fakeConnection,
  openTestBed,
  ruleInput,
  type TestBed,
} from '../connections/connection-test-support.js';
import { createMemoryQueue } from '../queue/memory/memory-queue.js';
import type { EnqueueJob, JobQueue } from '../queue/port.js';
import type { RuleRow } from '../store/port.js';
import { RunDispatcher } from './run-dispatcher.js';

describe('RunDispatcher', () => {
  let bed: TestBed;
  let queue: JobQueue;
  let rule: RuleRow;

  beforeEach(async () => {
    bed = await openTestBed();
    queue = createMemoryQueue();
    const source = await fakeConnection(bed, 'polar', 'p-1');
    const destination = await fakeConnection(bed, 'strava', 's-1');
    rule = await bed.store.createRule(ruleInput(bed, source, destination));
  });
  afterEach(async () => {
    await queue.close();
    await bed.cleanup();
  });

  it('writes the run row before the job exists, and the job carries ids only', async () => {
    const seen: { job: EnqueueJob; rowExisted: boolean }[] = [];
    const spy: JobQueue = {
      ...queue,
      enqueue: async (job) => {
        const runId = job.payload.runId;
        seen.push({ job, rowExisted: runId !== undefined && (await bed.store.getRun(runId)) !== null });
        return queue.enqueue(job);
      },
    };
    const { run, created } = await new RunDispatcher(bed.store, spy).dispatch(rule.id, bed.user.id, 'manual');
    expect(created).toBe(true);
    expect(run).toMatchObject({ ruleId: rule.id, status: 'queued', trigger: 'manual' });
    expect(seen).toEqual([
      {
        job: {
          name: 'sync-run',
          payload: { runId: run.id, ruleId: rule.id },
          priority: 'manual',
          jobId: run.id,
        },
        rowExisted: true,
      },
    ]);
  });

  it('leaves a queued run row behind when the queue refuses, for the sweep to find', async () => {
    await queue.close();
    const dispatcher = new RunDispatcher(bed.store, queue);
    await expect(dispatcher.dispatch(rule.id, bed.user.id, 'webhook')).rejects.toMatchObject({
      code: 'SW_NOT_READY',
    });
    expect(await bed.store.listUnfinishedRuns()).toHaveLength(1);
  });

  it('joins the queued or running run instead of stacking a second, and enqueues nothing for it', async () => {
    const dispatcher = new RunDispatcher(bed.store, queue);
    const first = await dispatcher.dispatch(rule.id, bed.user.id, 'scheduled');
    const second = await dispatcher.dispatch(rule.id, bed.user.id, 'manual');
    expect(second).toEqual({ run: first.run, created: false });
    expect((await queue.counts()).waiting).toBe(1);
    await bed.store.finishRun(first.run.id, 'succeeded');
    expect((await dispatcher.dispatch(rule.id, bed.user.id, 'manual')).created).toBe(true);
  });

  it('requeues queued and running runs once each, and skips finished ones', async () => {
    // One live run per rule may be unfinished: three rules.
    const rules = [rule, ...(await Promise.all([1, 2].map(() => bed.store.createRule({ ...rule }))))];
    let next = 0;
    const make = () =>
      bed.store.createRun({ ruleId: rules[next++]!.id, userId: bed.user.id, trigger: 'scheduled' });
    const queued = await make();
    const running = await make();
    await bed.store.markRunRunning(running.id);
    const done = await make();
    await bed.store.finishRun(done.id, 'succeeded');

    const dispatcher = new RunDispatcher(bed.store, queue);
    expect(await dispatcher.requeueUnfinished()).toBe(2);
    // A second sweep (or a job still waiting from before) adds nothing: jobId is the run id.
    await dispatcher.requeueUnfinished();
    await dispatcher.enqueue(queued);
    expect((await queue.counts()).waiting).toBe(2);

    const taken: string[] = [];
    queue.process(
      (job) => {
        taken.push(job.id);
        return Promise.resolve();
      },
      { concurrency: 1 },
    );
    await vi.waitFor(() => expect(taken).toHaveLength(2));
    expect(taken.sort()).toEqual([queued.id, running.id].sort());
  });
});
