import { SyncWellError } from '@syncwell/core';

/** An account with this (lower-cased) email already exists. */
export class EmailTakenError extends SyncWellError {
  constructor() {
    super('SW_EMAIL_TAKEN');
  }
}
