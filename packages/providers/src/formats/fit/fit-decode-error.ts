import { SyncWellError } from '@syncwell/core';

/**
 * A FIT file could not be read as an activity. Permanent for that file (retry class `skip`):
 * - `SW_ITEM_CORRUPT_FILE`: truncated, bad CRC, garbage, another FIT file type, or content that
 *   does not form a workout;
 * - `SW_ITEM_UNSUPPORTED_FILE` (`unsupported: true`): the file is intact (its CRC checks) but uses
 *   a feature the FIT SDK cannot read, such as compressed-timestamp record headers, or makes it fail.
 * `details` names the reason only, never values from the file.
 */
export class FitDecodeError extends SyncWellError {
  constructor(reason: string, options?: ErrorOptions & { readonly unsupported?: boolean }) {
    super(
      options?.unsupported === true ? 'SW_ITEM_UNSUPPORTED_FILE' : 'SW_ITEM_CORRUPT_FILE',
      `FIT file unreadable: ${reason}`,
      { reason },
      options,
    );
  }
}
