import type { EnqueueJob, JobQueue } from '../queue/port.js';
import type { RunRow } from '../store/port.js';

export const BACKFILL_CHUNK_JOB = 'backfill-chunk';

/**
 * A chunk's job carries its run's ids only; the chunk is found by its run id. The job id is the
 * run id, so the ordinary run sweep (which re-enqueues unfinished runs as 'sync-run' jobs with
 * priority 'backfill') and this job deduplicate each other.
 */
export function backfillChunkJob(run: RunRow): EnqueueJob {
  return {
    name: BACKFILL_CHUNK_JOB,
    payload: { runId: run.id, ruleId: run.ruleId },
    priority: 'backfill',
    jobId: run.id,
  };
}

/**
 * Enqueues the jobs of freshly started chunks. A failed enqueue is not an error for the caller:
 * the run rows exist and the sweep gives them a job again (DESIGN §4).
 */
export async function enqueueChunks(
  queue: JobQueue,
  runs: readonly RunRow[],
  onError: (error: unknown, run: RunRow) => void,
): Promise<void> {
  for (const run of runs) {
    await queue.enqueue(backfillChunkJob(run)).catch((error: unknown) => onError(error, run));
  }
}
