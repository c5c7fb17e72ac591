import type { JobPriority, JobQueue } from '../queue/port.js';
import type { MetadataStore, RunRow, RunTrigger } from '../store/port.js';

const PRIORITY_OF: Record<RunTrigger, JobPriority> = {
  manual: 'manual',
  webhook: 'webhook',
  scheduled: 'scheduled',
  backfill: 'backfill',
};

/**
 * Creates runs and hands them to the queue, always in that order: the run row is written
 * before its job exists (DESIGN §4), so a lost job is found again by `requeueUnfinished`.
 */
export class RunDispatcher {
  constructor(
    private readonly store: MetadataStore,
    private readonly queue: JobQueue,
  ) {}

  async dispatch(ruleId: string, userId: string, trigger: RunTrigger): Promise<RunRow> {
    const run = await this.store.createRun({ ruleId, userId, trigger });
    await this.enqueue(run);
    return run;
  }

  async enqueue(run: RunRow): Promise<void> {
    await this.queue.enqueue({
      name: 'sync-run',
      payload: { runId: run.id, ruleId: run.ruleId },
      priority: PRIORITY_OF[run.trigger],
      jobId: run.id,
    });
  }

  /** Start-up sweep: every queued or running run gets a job again (duplicates are no-ops). */
  async requeueUnfinished(): Promise<number> {
    const runs = await this.store.listUnfinishedRuns();
    for (const run of runs) await this.enqueue(run);
    return runs.length;
  }
}
