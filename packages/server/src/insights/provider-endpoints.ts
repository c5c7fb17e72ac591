import {
  readWindow,
  type CanonicalRecord,
  type DataType,
  type ProviderBundle,
  type ProviderId,
  type SyncEndpoint,
  type TimeRange,
} from '@syncwell/core';
import { budgetProvider } from '../budgets/budgeted-provider.js';
import { ConnectionSession, type RefreshRegistry } from '../connections/connection-session.js';
import type { Coordination, CoordinationAdapter, RateLimiter } from '../coordination/port.js';
import type { Notifier } from '../notifications/port.js';
import { DelayJobError } from '../queue/port.js';
import type { ConnectionRow, MetadataStore } from '../store/port.js';
import type { SecretVault } from '../vault/port.js';

export interface EndpointDeps {
  readonly store: MetadataStore;
  readonly vault: SecretVault;
  readonly providers: ReadonlyMap<ProviderId, ProviderBundle>;
  readonly refreshes: RefreshRegistry;
  readonly coordination: Coordination;
  readonly rateLimiter: RateLimiter;
  readonly notifier: Notifier;
}

/** The endpoint deps out of a process's wiring (the rate limiter is the coordination's own). */
export function endpointDepsOf(
  deps: Omit<EndpointDeps, 'rateLimiter' | 'coordination'> & { readonly coordination: CoordinationAdapter },
): EndpointDeps {
  return {
    store: deps.store,
    vault: deps.vault,
    providers: deps.providers,
    refreshes: deps.refreshes,
    coordination: deps.coordination,
    rateLimiter: deps.coordination.rateLimiter,
    notifier: deps.notifier,
  };
}

/** Live reads for insights (summaries, a conflict's two versions) share the live lanes' budgets. */
const INSIGHTS_SHARE = 0.5;

/**
 * A connection as something to read from outside a sync run: its session (refresh, rotation,
 * alarms as in the worker) and its provider client, charged to the shared budgets in a lane of
 * its own so insights can never starve syncs. Null when the connection is not usable.
 */
export function openEndpoint(deps: EndpointDeps, connection: ConnectionRow): SyncEndpoint | null {
  const bundle = deps.providers.get(connection.provider);
  if (bundle === undefined || connection.status !== 'active') return null;
  const session = new ConnectionSession(connection, {
    store: deps.store,
    vault: deps.vault,
    oauth: bundle.oauth,
    refreshMarginMs: 5 * 60_000,
    refreshes: deps.refreshes,
    locks: deps.coordination,
    notifier: deps.notifier,
  });
  const provider = budgetProvider(bundle.data, {
    rateLimiter: deps.rateLimiter,
    account: connection.id,
    share: INSIGHTS_SHARE,
    lane: 'insights',
  });
  return { connectionId: connection.id, provider, session };
}

/**
 * Every record of a window, waiting out the shared budgets: a live read for a person is worth a
 * few seconds, and the budget refuses rather than waits (budgeted-provider.ts). Gives up, with
 * the budget's error, once the waits would pass `maxWaitMs`.
 */
export async function readWindowPatiently(
  endpoint: SyncEndpoint,
  dataType: DataType,
  range: TimeRange,
  maxWaitMs = 15_000,
): Promise<CanonicalRecord[]> {
  let waited = 0;
  for (;;) {
    try {
      return await readWindow(endpoint, dataType, range);
    } catch (error) {
      if (!(error instanceof DelayJobError) || waited + error.delayMs > maxWaitMs) throw error;
      waited += error.delayMs;
      await new Promise((resolve) => setTimeout(resolve, error.delayMs));
    }
  }
}
