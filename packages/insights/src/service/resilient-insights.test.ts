import { SyncWellError } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { ruleBasedMergeAdvisor } from '../merge/rule-based-merge-advisor.js';
import type { InsightsApi } from './insights-api.js';
import { InsightsUnavailableError } from './resilient-call.js';
import { resilientInsights } from './resilient-insights.js';

const pair = {
  dataType: 'daily_activity' as const,
  source: {
    type: 'daily_activity' as const,
    provenance: { provider: 'garmin' as const, externalId: 'g-1' },
    date: '2026-11-20',
    utcOffsetMinutes: 60,
    steps: { value: 9000, unit: '{steps}' as const },
  },
  destination: {
    type: 'daily_activity' as const,
    provenance: { provider: 'oura' as const, externalId: 'o-1' },
    date: '2026-11-20',
    utcOffsetMinutes: 60,
    steps: { value: 7000, unit: '{steps}' as const },
  },
};

/** A service whose behaviour the test switches: up, slow (never answers), or failing. */
function service(mode: { current: 'up' | 'slow' | 'down' | 'not_found' }): InsightsApi {
  const never = new Promise<never>(() => undefined);
  const answer = <T>(value: () => T): Promise<T> => {
    if (mode.current === 'slow') return never;
    if (mode.current === 'down') return Promise.reject(new Error('connect ECONNREFUSED'));
    if (mode.current === 'not_found') return Promise.reject(new SyncWellError('SW_NOT_FOUND'));
    return Promise.resolve(value());
  };
  return {
    suggestMerge: (p) => answer(() => ruleBasedMergeAdvisor.suggest(p)),
    startConversation: () => answer(() => ({}) as never),
    answerConversation: () => answer(() => ({}) as never),
    readConversation: () => answer(() => null),
    weeklySummary: () => answer(() => ({}) as never),
  };
}

describe('resilient insights client: timeout, circuit breaker, AI_Service_Availability', () => {
  it('counts successes, timeouts and failures, opens the breaker, and closes it after a good trial', async () => {
    const mode = { current: 'up' as 'up' | 'slow' | 'down' | 'not_found' };
    const client = resilientInsights(service(mode), {
      timeoutMs: 50,
      failuresToOpen: 3,
      halfOpenAfterMs: 200,
    });
    await expect(client.suggestMerge(pair)).resolves.toMatchObject({ preferred: 'source' });

    mode.current = 'slow';
    const started = Date.now();
    await expect(client.suggestMerge(pair)).rejects.toMatchObject({
      code: 'SW_INSIGHTS_UNAVAILABLE',
      reason: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    mode.current = 'down';
    await expect(client.suggestMerge(pair)).rejects.toMatchObject({ reason: 'failure' });
    await expect(client.suggestMerge(pair)).rejects.toMatchObject({ reason: 'failure' });
    expect(client.availability().breaker).toBe('open');
    // Open: refused at once, the service is not even called.
    mode.current = 'up';
    await expect(client.suggestMerge(pair)).rejects.toBeInstanceOf(InsightsUnavailableError);
    expect(client.availability()).toMatchObject({
      calls: 5,
      successes: 1,
      timeouts: 1,
      failures: 2,
      shortCircuited: 1,
      availability: 0.2,
    });
    await new Promise((r) => setTimeout(r, 250));
    await expect(client.suggestMerge(pair)).resolves.toBeDefined();
    expect(client.availability()).toMatchObject({ breaker: 'closed', successes: 2 });
  });

  it('an answer on purpose (not found) is the service working: it passes through and keeps the breaker closed', async () => {
    const mode = { current: 'not_found' as 'up' | 'slow' | 'down' | 'not_found' };
    const client = resilientInsights(service(mode), { failuresToOpen: 1 });
    await expect(client.startConversation({ userId: 'u', message: 'm' })).rejects.toMatchObject({
      code: 'SW_NOT_FOUND',
    });
    expect(client.availability()).toMatchObject({ breaker: 'closed', successes: 1, failures: 0 });
  });
});
