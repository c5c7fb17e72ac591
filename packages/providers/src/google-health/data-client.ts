import { systemClock } from '@syncwell/core';
import {
  ProviderError,
  type DataProvider,
  type ProviderSession,
  type ReadPage,
  type ReadRequest,
  type WriteItem,
  type WriteResult,
} from '@syncwell/core';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { readBodyMeasurements } from './body-reader.js';
import { heartRateByDay, stepsToDailyActivity } from './daily-mapping.js';
import { DataPointLister, GOOGLE_DATA_TYPES } from './data-point-query.js';
import { googleHealthFacts } from './facts.js';
import { exerciseToWorkout, sleepToSession } from './mapping.js';
import { readDailySeries } from './sample-reader.js';
import { exercisePoint, heartRatePoint, sleepPoint, stepsPoint } from './schemas.js';
import { rawIntervalTime, readSessionPage, type SessionKind } from './session-reader.js';

export interface GoogleHealthDataOptions {
  readonly apiBaseUrl: string;
  /** Sessions per page; Google caps exercise and sleep lists at 25 [S]. */
  readonly sessionPageSize?: number;
  readonly now?: () => Date;
}

const EXERCISE: SessionKind<typeof exercisePoint> = {
  type: 'exercise',
  schema: exercisePoint,
  map: exerciseToWorkout,
  keyTime: rawIntervalTime('exercise', 'startTime'),
};
const SLEEP: SessionKind<typeof sleepPoint> = {
  type: 'sleep',
  schema: sleepPoint,
  map: sleepToSession,
  keyTime: rawIntervalTime('sleep', 'endTime'),
};

/**
 * Google Health data points through the documented `list` operation, one data type at a time.
 * Read-only: the reference documents no write endpoint, so `writable` is empty.
 */
export class GoogleHealthDataClient implements DataProvider {
  readonly facts = googleHealthFacts;
  private readonly lister: DataPointLister;

  constructor(
    http: ProviderHttpClient,
    private readonly options: GoogleHealthDataOptions,
  ) {
    this.lister = new DataPointLister(http, options.apiBaseUrl);
  }

  read(session: ProviderSession, request: ReadRequest): Promise<ReadPage> {
    const pageSize = this.options.sessionPageSize ?? GOOGLE_DATA_TYPES.exercise.maxPageSize;
    const now = (this.options.now ?? systemClock.now)();
    switch (request.dataType) {
      case 'workout':
        return readSessionPage(this.lister, session, request, EXERCISE, pageSize);
      case 'sleep':
        return readSessionPage(this.lister, session, request, SLEEP, pageSize);
      case 'daily_activity':
        return readDailySeries(this.lister, session, request, 'steps', stepsPoint, stepsToDailyActivity, now);
      case 'heart_rate':
        return readDailySeries(
          this.lister,
          session,
          request,
          'heart-rate',
          heartRatePoint,
          heartRateByDay,
          now,
        );
      case 'body_measurement':
        return readBodyMeasurements(this.lister, session, request);
      default:
        // HRV and SpO2 exist at Google but the canonical record union cannot carry them yet.
        return Promise.reject(
          new ProviderError(
            'SW_ITEM_UNSUPPORTED_TYPE',
            `Google Health ${request.dataType} is not read by SyncWell`,
          ),
        );
    }
  }

  /** No write endpoint is documented for the Google Health API. */
  write(_session: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]> {
    return Promise.resolve(
      items.map(() => ({
        status: 'failed' as const,
        code: 'SW_ITEM_UNSUPPORTED_TYPE' as const,
        message: 'The Google Health API offers no documented write',
      })),
    );
  }
}
