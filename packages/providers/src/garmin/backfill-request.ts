import type { ProviderSession, ReadFailure } from '@syncwell/core';
import { bearer, withAuthRetry } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';

/**
 * `GET /wellness-api/rest/backfill/{type}?summaryStartTimeInSeconds=&summaryEndTimeInSeconds=`.
 * 202: accepted, the data comes later by PUSH/PING. 409: the same span was already requested
 * [U], which is as good. 403: the user has not granted historical data (off by default), which
 * the run reports as a per-item failure instead of failing the recent data it can still read.
 * Returns that failure, or null.
 */
export async function requestGarminBackfill(
  http: ProviderHttpClient,
  apiBaseUrl: string,
  session: ProviderSession,
  summaryType: string,
  span: { readonly fromS: number; readonly toS: number },
): Promise<ReadFailure | null> {
  const url = joinUrl(apiBaseUrl, `/wellness-api/rest/backfill/${summaryType}`);
  url.searchParams.set('summaryStartTimeInSeconds', String(span.fromS));
  url.searchParams.set('summaryEndTimeInSeconds', String(span.toS));
  const reply = await withAuthRetry(session, (token) =>
    http.send({ method: 'GET', url: url.toString(), headers: bearer(token), allowStatuses: [403, 409] }),
  );
  if (reply.status !== 403) return null;
  return {
    ok: false,
    externalId: `backfill:${summaryType}:${span.fromS}-${span.toS}`,
    code: 'SW_PROVIDER_FORBIDDEN',
    message: 'Garmin refused the backfill: the user has not granted historical data (HISTORICAL_DATA_EXPORT)',
    permission: 'HISTORICAL_DATA_EXPORT',
  };
}
