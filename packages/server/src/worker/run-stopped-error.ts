import { SyncWellError } from '@syncwell/core';

/**
 * Thrown inside a run when its owner stopped it (a backfill cancelled, or its rule disabled):
 * the sync-run handler ends the run `cancelled` at once, without a retry or a dead letter.
 * What the run committed before stays committed.
 */
export class RunStoppedError extends SyncWellError {
  constructor(reason: string) {
    super('SW_RUN_CANCELLED', `The run was stopped: ${reason}`);
  }
}
