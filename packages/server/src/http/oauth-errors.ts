import { SyncWellError } from '@syncwell/core';

/** Unknown, used, expired state, or one issued for another provider. Never says which. */
export class OAuthStateInvalidError extends SyncWellError {
  constructor() {
    super('SW_OAUTH_STATE_INVALID');
  }
}

export class OAuthDeniedError extends SyncWellError {
  constructor(provider: string) {
    super('SW_OAUTH_DENIED', undefined, { provider });
  }
}

/** The provider refused the code, or its post-consent set-up (Polar registration) failed. */
export class OAuthExchangeFailedError extends SyncWellError {
  constructor(provider: string, stage: 'exchange' | 'after_connect', cause: unknown) {
    super('SW_OAUTH_EXCHANGE_FAILED', undefined, { provider, stage }, { cause });
  }
}
