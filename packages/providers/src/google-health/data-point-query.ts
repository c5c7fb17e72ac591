import { ProviderError, type ProviderSession } from '@syncwell/core';
import { bearer, withAuthRetry } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import { readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { dataPointsPage } from './schemas.js';

/** Google's kebab-case data types SyncWell reads, with the snake_case field their filters use. */
export const GOOGLE_DATA_TYPES = {
  exercise: { filterField: 'exercise.interval.start_time', maxPageSize: 25 },
  // Sleep is filtered on its end: a night belongs to the morning it ends [S].
  sleep: { filterField: 'sleep.interval.end_time', maxPageSize: 25 },
  steps: { filterField: 'steps.interval.start_time', maxPageSize: 10_000 },
  'heart-rate': { filterField: 'heart_rate.sample_time.physical_time', maxPageSize: 10_000 },
  weight: { filterField: 'weight.sample_time.physical_time', maxPageSize: 10_000 },
  'body-fat': { filterField: 'body_fat.sample_time.physical_time', maxPageSize: 10_000 },
} as const;
export type GoogleDataType = keyof typeof GOOGLE_DATA_TYPES;

/** Reading more pages than this in one call means something loops; better to fail loudly. */
const MAX_PAGES_PER_READ = 100;

export interface Window {
  /** Exclusive lower bound (incremental reads) or inclusive (ranges). */
  readonly after?: { readonly iso: string; readonly inclusive: boolean };
  readonly before?: string;
}

/** An AIP-160 filter on the type's time field, e.g. `exercise.interval.start_time >= "…"`. */
export function timeFilter(type: GoogleDataType, window: Window): string | undefined {
  const field = GOOGLE_DATA_TYPES[type].filterField;
  const parts: string[] = [];
  if (window.after !== undefined)
    parts.push(`${field} ${window.after.inclusive ? '>=' : '>'} "${window.after.iso}"`);
  if (window.before !== undefined) parts.push(`${field} < "${window.before}"`);
  return parts.length === 0 ? undefined : parts.join(' AND ');
}

export class DataPointLister {
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly apiBaseUrl: string,
  ) {}

  /** One page of `GET /v4/users/me/dataTypes/{type}/dataPoints`. */
  async page(
    session: ProviderSession,
    type: GoogleDataType,
    params: { filter?: string | undefined; pageSize: number; pageToken?: string | undefined },
  ): Promise<{ points: unknown[]; nextPageToken: string | undefined }> {
    const url = joinUrl(this.apiBaseUrl, `/v4/users/me/dataTypes/${type}/dataPoints`);
    url.searchParams.set('pageSize', String(Math.min(params.pageSize, GOOGLE_DATA_TYPES[type].maxPageSize)));
    if (params.filter !== undefined) url.searchParams.set('filter', params.filter);
    if (params.pageToken !== undefined) url.searchParams.set('pageToken', params.pageToken);
    const reply = await withAuthRetry(session, (token) =>
      this.http.send({ method: 'GET', url, headers: bearer(token) }),
    );
    const body = readJsonAs(reply, dataPointsPage, `Google Health ${type} list`);
    return { points: body.dataPoints, nextPageToken: body.nextPageToken };
  }

  /** Every page of a window, for sample types whose records (a whole day) need all of it. */
  async all(session: ProviderSession, type: GoogleDataType, window: Window): Promise<unknown[]> {
    const points: unknown[] = [];
    let pageToken: string | undefined;
    for (let pages = 0; pages < MAX_PAGES_PER_READ; pages += 1) {
      const page = await this.page(session, type, {
        filter: timeFilter(type, window),
        pageSize: GOOGLE_DATA_TYPES[type].maxPageSize,
        pageToken,
      });
      points.push(...page.points);
      if (page.nextPageToken === undefined || page.nextPageToken === '') return points;
      pageToken = page.nextPageToken;
    }
    throw new ProviderError(
      'SW_PROVIDER_BAD_RESPONSE',
      `Google Health ${type}: more than ${MAX_PAGES_PER_READ} pages`,
    );
  }
}
