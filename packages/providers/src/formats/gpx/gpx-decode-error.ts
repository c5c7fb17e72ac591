import { SyncWellError } from '@syncwell/core';

/**
 * A GPX file could not be read as an activity: not well-formed XML, truncated, not a GPX 1.1
 * (or 1.0) document, or a route/waypoint file without a timed track. Permanent for that file
 * (`SW_ITEM_CORRUPT_FILE`, retry class `skip`). `details` names the reason only.
 */
export class GpxDecodeError extends SyncWellError {
  constructor(reason: string, options?: ErrorOptions) {
    super('SW_ITEM_CORRUPT_FILE', `GPX file unreadable: ${reason}`, { reason }, options);
  }
}
