import { ERROR_CODES, type ErrorCode, type RetryClass } from './error-codes.js';

/**
 * Base of every error SyncWell raises on purpose. `code` is stable (see error-codes.ts);
 * `details` must never carry health values or tokens, because it reaches logs and API bodies.
 */
export class SyncWellError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(message ?? ERROR_CODES[code].text, options);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  get retryClass(): RetryClass {
    return ERROR_CODES[this.code].retry;
  }
}

export class ValidationError extends SyncWellError {
  constructor(message: string, details?: Record<string, unknown>) {
    super('SW_VALIDATION_FAILED', message, details);
  }
}

export class NotFoundError extends SyncWellError {
  constructor(resource: string, id?: string) {
    super('SW_NOT_FOUND', `${resource} not found`, id === undefined ? { resource } : { resource, id });
  }
}
