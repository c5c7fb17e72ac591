import { SyncWellError } from '@syncwell/core';

/**
 * A TCX file could not be read as an activity: not well-formed XML, truncated, not a TCX v2
 * TrainingCenterDatabase, no activity (a course or workout-plan file), or required times
 * missing. Permanent for that file (`SW_ITEM_CORRUPT_FILE`, retry class `skip`).
 * `details` names the reason only, never values from the file.
 */
export class TcxDecodeError extends SyncWellError {
  constructor(reason: string, options?: ErrorOptions) {
    super('SW_ITEM_CORRUPT_FILE', `TCX file unreadable: ${reason}`, { reason }, options);
  }
}
