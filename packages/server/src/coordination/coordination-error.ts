import { SyncWellError } from '@syncwell/core';

/**
 * A request the coordination port can never satisfy (a cost larger than a bucket, a bucket that
 * never refills, a non-positive TTL). It is a programming or configuration mistake, so it fails
 * loudly instead of answering "retry later" forever.
 */
export class CoordinationRequestError extends SyncWellError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('SW_CONFIG_INVALID', message, details);
  }
}
