import { SyncWellError } from '@syncwell/core';

/** Missing, malformed, expired or forged access token; also an unusable refresh token. */
export class UnauthenticatedError extends SyncWellError {
  constructor(message = 'Missing or invalid access token.') {
    super('SW_UNAUTHENTICATED', message);
  }
}

/** Wrong email or password; deliberately never says which. */
export class InvalidCredentialsError extends SyncWellError {
  constructor() {
    super('SW_INVALID_CREDENTIALS');
  }
}
