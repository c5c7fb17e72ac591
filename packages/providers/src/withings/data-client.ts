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
import { WITHINGS_PATHS, withingsFacts } from './facts.js';
import { readHeartRatePage } from './heart-rate-reader.js';
import { readListPage, type PageMapper } from './list-reader.js';
import { activitySpec, measureSpec, sleepSummarySpec, workoutSpec, type ListSpec } from './list-specs.js';
import { sleepPageMapper } from './sleep-stages.js';
import { withWithingsAuth, type WithingsApi } from './withings-api.js';

/**
 * Withings reads: weigh-ins (`getmeas`), activity days, workouts and sleep summaries through
 * `lastupdate` + `offset`, intraday heart rate one local day at a time. Read-only: no public
 * write endpoint is known.
 */
export class WithingsDataClient implements DataProvider {
  readonly facts = withingsFacts;

  constructor(
    private readonly api: WithingsApi,
    private readonly now: () => Date = systemClock.now,
  ) {}

  read(session: ProviderSession, request: ReadRequest): Promise<ReadPage> {
    switch (request.dataType) {
      case 'body_measurement':
        return readListPage(this.api, session, measureSpec, request, syncMapper(measureSpec));
      case 'daily_activity':
        return readListPage(this.api, session, activitySpec, request, syncMapper(activitySpec));
      case 'workout':
        return readListPage(this.api, session, workoutSpec, request, syncMapper(workoutSpec));
      case 'sleep':
        return readListPage(this.api, session, sleepSummarySpec, request, sleepPageMapper(this.api));
      case 'heart_rate':
        return readHeartRatePage(this.api, session, request, this.now);
      default:
        return Promise.reject(
          new ProviderError(
            'SW_ITEM_UNSUPPORTED_TYPE',
            `Withings ${request.dataType} is not read by SyncWell`,
          ),
        );
    }
  }

  /**
   * `notify list` with the user's token (scope `user.info`): Withings has no "who am I" call in
   * the sources, and this one reads no health data. An unlinked user's token gets status 401.
   */
  async checkAccess(session: ProviderSession): Promise<void> {
    await withWithingsAuth(session, (token) => this.api.call(WITHINGS_PATHS.notify, 'list', {}, token));
  }

  write(_session: ProviderSession, items: readonly WriteItem[]): Promise<WriteResult[]> {
    return Promise.resolve(
      items.map(() => ({
        status: 'failed' as const,
        code: 'SW_ITEM_UNSUPPORTED_TYPE' as const,
        message: 'Withings has no public write endpoint',
      })),
    );
  }
}

function syncMapper<T>(spec: ListSpec<T>): PageMapper<T> {
  return (_session, items, body) => Promise.resolve(items.map((item) => spec.map(item, body)));
}
