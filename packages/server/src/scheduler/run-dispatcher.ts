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

  /**
   * A live run of the rule, enqueued: a new one, or the queued or running one it already has
   * (`created` false, nothing enqueued): runs coalesce, race-safe in the store.
   */
  async dispatch(
    ruleId: string,
    userId: string,
    trigger: Exclude<RunTrigger, 'backfill'>,
  ): Promise<{ run: RunRow; created: boolean }> {
    const opened = await this.store.openRun({ ruleId, userId, trigger });
    if (opened.created) await this.enqueue(opened.run);
    return opened;
  }

  async enqueue(run: RunRow): Promise<void> {
    await this.queue.enqueue({
      name: 'sync-run',
      payload: { runId: run.id, ruleId: run.ruleId },
      priority: PRIORITY_OF[run.trigger],
      jobId: run.id,
    });
  }

  /**
   * The sweep: queued or running runs created before `olderThan` get a job again. A job lost
   * with a dead process or a failed enqueue comes back; one still alive is deduplicated by its
   * job id, and a duplicate that slips through finds the run finished or the rule locked.
   */
  async requeueUnfinished(olderThan: Date = new Date(8.64e15)): Promise<number> {
    const runs = (await this.store.listUnfinishedRuns()).filter((run) => run.createdAt < olderThan);
    for (const run of runs) await this.enqueue(run);
    return runs.length;
  }
}
