import { SyncWellError } from '@syncwell/core';

/**
 * A FIT file could not be read as an activity: truncated, bad CRC, garbage, or another FIT
 * file type. Permanent for that file (`SW_ITEM_CORRUPT_FILE`, retry class `skip`).
 * `details` names the reason only, never values from the file.
 */
export class FitDecodeError extends SyncWellError {
  constructor(reason: string, options?: ErrorOptions) {
    super('SW_ITEM_CORRUPT_FILE', `FIT file unreadable: ${reason}`, { reason }, options);
  }
}
