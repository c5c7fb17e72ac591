import type { JobHandler } from '../queue/port.js';
import { BACKFILL_CHUNK_JOB } from './backfill-chunk-job.js';

/**
 * The worker has one handler per queue. Chunk jobs, and the 'sync-run' jobs the run sweep makes
 * for unfinished backfill runs (priority 'backfill'), go to the chunk handler; the rest to the
 * sync-run handler, untouched and without an extra store read.
 *
 * @example
 *   queue.process(routeBackfillJobs(createSyncRunHandler(deps), createBackfillChunkHandler({ ...deps, queue })), opts);
 */
export function routeBackfillJobs(syncRun: JobHandler, backfillChunk: JobHandler): JobHandler {
  return (job) =>
    job.name === BACKFILL_CHUNK_JOB || job.priority === 'backfill' ? backfillChunk(job) : syncRun(job);
}
