import type { ProviderSession } from '@syncwell/core';
import { mapWithConcurrency } from '../http/concurrency.js';
import { WITHINGS_PATHS } from './facts.js';
import { sleepToSession, type Mapped } from './mapping.js';
import { withingsSleepBody, type WithingsSleepSummary } from './schemas.js';
import { withWithingsAuth, type WithingsApi } from './withings-api.js';

/**
 * Summaries carry durations, not stages: each night's stages come from `sleep get` over the
 * night's own window (well inside its ~24 h range limit). Two nights at a time, to stay gentle
 * with the 120/min app budget.
 */
export function sleepPageMapper(api: WithingsApi) {
  return (session: ProviderSession, nights: readonly WithingsSleepSummary[]): Promise<Mapped[]> =>
    mapWithConcurrency(nights, 2, async (night) => {
      const raw = await withWithingsAuth(session, (token) =>
        api.call(
          WITHINGS_PATHS.sleep,
          'get',
          { startdate: String(night.startdate), enddate: String(night.enddate) },
          token,
        ),
      );
      const parsed = withingsSleepBody.safeParse(raw);
      if (!parsed.success) return { ok: false, message: 'sleep states failed validation' };
      return sleepToSession(night, parsed.data.series);
    });
}
