import { SyncWellError, type ErrorCode } from '@syncwell/core';

/**
 * Thrown by a handler to run the job again later without spending an attempt: a rate-limit
 * bucket is empty or the rule's lock is held elsewhere. Waiting is not failing.
 */
export class DelayJobError extends SyncWellError {
  readonly delayMs: number;

  constructor(delayMs: number, code: ErrorCode = 'SW_PROVIDER_RATE_LIMITED', message?: string) {
    super(code, message ?? `Job delayed by ${delayMs} ms`, { delayMs });
    this.delayMs = Math.max(0, Math.round(delayMs));
  }
}

/**
 * Thrown by a handler when retrying cannot help (revoked grant, deleted rule): the job goes
 * straight to the dead-letter list with this code.
 */
export class UnrecoverableJobError extends SyncWellError {
  constructor(code: ErrorCode, message?: string, options?: ErrorOptions) {
    super(code, message, undefined, options);
  }
}

/** An enqueue with a payload that is not ids only, or options out of range. */
export class InvalidJobError extends SyncWellError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('SW_VALIDATION_FAILED', message, details);
  }
}

/** enqueue after close(): the process is shutting down; the store's run row will be re-enqueued. */
export class QueueClosedError extends SyncWellError {
  constructor() {
    super('SW_NOT_READY', 'The job queue is closed');
  }
}
