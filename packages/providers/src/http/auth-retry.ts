import { ProviderError, type ProviderSession } from '@syncwell/core';

/**
 * Runs `call` with the session's token; on a 401 it asks the session for a fresh token once and
 * retries once. A second 401 propagates: the connection needs re-authorisation, and looping
 * would burn the shared rate budget.
 */
export async function withAuthRetry<T>(
  session: ProviderSession,
  call: (accessToken: string) => Promise<T>,
): Promise<T> {
  const token = await session.accessToken();
  try {
    return await call(token);
  } catch (error) {
    if (!(error instanceof ProviderError) || error.status !== 401) throw error;
    const fresh = await session.refreshAccessToken();
    return call(fresh);
  }
}

export function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}
