import { ProviderError, type ProviderBundle, type ProviderId } from '@syncwell/core';
import type { Logger } from 'pino';
import { budgetProvider } from '../budgets/budgeted-provider.js';
import type { CoordinationAdapter } from '../coordination/port.js';
import type { Notifier } from '../notifications/port.js';
import type { MetadataStore } from '../store/port.js';
import type { SecretVault } from '../vault/port.js';
import { guardConnection } from '../worker/connection-guard.js';
import { ConnectionSession, type RefreshRegistry } from './connection-session.js';

export interface ConnectionCheckDeps {
  readonly store: MetadataStore;
  readonly vault: SecretVault;
  readonly providers: ReadonlyMap<ProviderId, ProviderBundle>;
  readonly notifier: Notifier;
  readonly refreshes: RefreshRegistry;
  /** Refresh locks, the provider's shared rate budgets, and the cool-down after a confirmed grant. */
  readonly coordination: CoordinationAdapter;
  readonly logger: Logger;
  /** After the provider confirmed a grant, events for it are not checked again this long; default 1 min. */
  readonly cooldownMs?: number;
}

/**
 * What a check concluded: `refused` is the only outcome that changed anything (the connection
 * is `needs_reauth` and its owner has a notice); `unchecked` means the provider could not be
 * asked (no check call, outage, budget spent), and the next sync will find out on its own.
 */
export type ConnectionCheckOutcome = 'granted' | 'refused' | 'unchecked' | 'skipped';

const DEFAULT_COOLDOWN_MS = 60_000;

/**
 * Confirms a lifecycle notification ("the user revoked us") with the provider itself before
 * anything changes (DESIGN §6.5): Strava events and Withings notifications carry no signature,
 * so anyone can claim any user left. One cheap authenticated call with the user's token decides;
 * only the provider refusing the grant moves the connection, and `guardConnection` then tells the
 * user. The cool-down keeps a flood of forged events from spending the app's shared budget.
 *
 * @example
 *   const outcome = await check.check(connectionId); // 'refused' → needs_reauth + one notice
 */
export class ConnectionCheck {
  constructor(private readonly deps: ConnectionCheckDeps) {}

  private readonly inflight = new Map<string, Promise<ConnectionCheckOutcome>>();
  private readonly deferred = new Map<string, NodeJS.Timeout>();

  /** Concurrent checks of one connection share one call to the provider. */
  check(connectionId: string): Promise<ConnectionCheckOutcome> {
    const running = this.inflight.get(connectionId);
    if (running !== undefined) return running;
    const started = this.checkOnce(connectionId).finally(() => this.inflight.delete(connectionId));
    this.inflight.set(connectionId, started);
    return started;
  }

  private async checkOnce(connectionId: string): Promise<ConnectionCheckOutcome> {
    const { store, logger } = this.deps;
    const connection = await store.getConnection(connectionId);
    if (connection === null || connection.status !== 'active') return 'skipped';
    const bundle = this.deps.providers.get(connection.provider);
    if (bundle?.data.checkAccess === undefined) {
      logger.info({ provider: connection.provider }, 'lifecycle event left to the next sync: no check call');
      return 'unchecked';
    }
    // A grant the provider just confirmed is not asked about again within the cool-down, so a
    // flood of forged events costs one call per window. A genuine event inside the window is
    // not lost: one check per connection is deferred to the window's end.
    const cooldownKey = `lifecycle-check:${connectionId}`;
    const cache = this.deps.coordination.cache;
    if ((await cache.get(cooldownKey)) !== null) {
      this.deferCheck(connectionId);
      return 'skipped';
    }

    const alarms = { store, notifier: this.deps.notifier };
    const session = new ConnectionSession(connection, {
      store,
      vault: this.deps.vault,
      oauth: bundle.oauth,
      refreshMarginMs: 5 * 60_000,
      refreshes: this.deps.refreshes,
      locks: this.deps.coordination,
      notifier: this.deps.notifier,
    });
    const provider = guardConnection(
      budgetProvider(bundle.data, { rateLimiter: this.deps.coordination.rateLimiter, account: connectionId }),
      connection,
      alarms,
    );
    try {
      await provider.checkAccess?.(session);
      await cache.set(cooldownKey, '1', this.cooldownMs);
      return 'granted';
    } catch (error) {
      if (error instanceof ProviderError && error.retryClass === 'auth') return 'refused';
      logger.warn(
        { provider: connection.provider, err: error },
        'lifecycle check could not ask the provider',
      );
      return 'unchecked';
    }
  }

  private deferCheck(connectionId: string): void {
    if (this.deferred.has(connectionId)) return;
    const timer = setTimeout(() => {
      this.deferred.delete(connectionId);
      void this.check(connectionId).catch((error: unknown) => {
        this.deps.logger.error({ err: error }, 'deferred lifecycle check failed');
      });
    }, this.cooldownMs);
    timer.unref();
    this.deferred.set(connectionId, timer);
  }

  private get cooldownMs(): number {
    return this.deps.cooldownMs ?? DEFAULT_COOLDOWN_MS;
  }

  /** Drops deferred checks (shutdown); the next sync of each connection finds out instead. */
  stop(): void {
    for (const timer of this.deferred.values()) clearTimeout(timer);
    this.deferred.clear();
  }
}
