import { ProviderError } from '@syncwell/core';
import { FITBIT_RETIREMENT } from './facts.js';

/**
 * The one way a legacy Fitbit call ends: `SW_PROVIDER_GONE` (retry class `auth`, so the worker
 * stops retrying and marks the connection `needs_reauth`), with the reason and the successor in
 * `details` for the server to show the user.
 */
export function fitbitGoneError(where: string, status: number | undefined): ProviderError {
  return new ProviderError('SW_PROVIDER_GONE', `Fitbit Web API is turned down (${where})`, {
    ...(status === undefined ? {} : { status }),
    details: {
      reconnectWith: FITBIT_RETIREMENT.successor,
      turnedDownOn: FITBIT_RETIREMENT.turnedDownOn,
      userMessage: FITBIT_RETIREMENT.userMessage,
    },
  });
}

/** Runs a legacy call; a 410 (or any answer at all, see the data client) becomes the gone error. */
export async function translateGone<T>(where: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProviderError && error.code === 'SW_PROVIDER_GONE')
      throw fitbitGoneError(where, error.status);
    throw error;
  }
}
