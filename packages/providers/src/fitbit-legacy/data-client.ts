import type {
  DataProvider,
  ProviderSession,
  ReadPage,
  ReadRequest,
  WriteItem,
  WriteResult,
} from '@syncwell/core';
import { bearer, withAuthRetry } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { fitbitLegacyFacts } from './facts.js';
import { fitbitGoneError, translateGone } from './gone-error.js';

/** The legacy endpoint each data type used to be read from (Part B.3 of the reference). */
const LEGACY_PATHS: Readonly<Record<string, string>> = {
  workout: '/1/user/-/activities/list.json?afterDate=2026-01-01&sort=asc&limit=100&offset=0',
  sleep: '/1.2/user/-/sleep/list.json?afterDate=2026-01-01&sort=asc&limit=100&offset=0',
  daily_activity: '/1/user/-/activities/steps/date/today/7d.json',
  heart_rate: '/1/user/-/activities/heart/date/today/1d.json',
  body_measurement: '/1/user/-/body/log/weight/date/today/30d.json',
};

/**
 * A connection still on the legacy Fitbit Web API. It asks the real endpoint (so the answer, not
 * a date check, decides), and the answer since 2026-11-02 is 410 Gone: the read ends in
 * `SW_PROVIDER_GONE` carrying the reason and the successor. SyncWell no longer maps legacy
 * payloads, so even an unexpected 2xx ends the same way.
 */
export class FitbitLegacyDataClient implements DataProvider {
  readonly facts = fitbitLegacyFacts;

  constructor(
    private readonly http: ProviderHttpClient,
    private readonly apiBaseUrl: string,
  ) {}

  async read(session: ProviderSession, request: ReadRequest): Promise<ReadPage> {
    const path = LEGACY_PATHS[request.dataType] ?? '/1/user/-/profile.json';
    const where = `GET ${path.split('?')[0] ?? path}`;
    const reply = await translateGone(where, () =>
      withAuthRetry(session, (token) =>
        this.http.send({ method: 'GET', url: joinUrl(this.apiBaseUrl, path), headers: bearer(token) }),
      ),
    );
    throw fitbitGoneError(where, reply.status);
  }

  write(_session: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]> {
    return Promise.resolve(
      items.map(() => ({
        status: 'failed' as const,
        code: 'SW_PROVIDER_GONE' as const,
        message: fitbitLegacyFacts.retirement.userMessage,
      })),
    );
  }
}
