import { epochMs, systemClock } from '@syncwell/core';
import type { ProviderBundle, ProviderId } from '@syncwell/core';
import type { Logger } from 'pino';
import { ConnectionSession, type RefreshRegistry } from '../connections/connection-session.js';
import type { Coordination } from '../coordination/port.js';
import type { Notifier } from '../notifications/port.js';
import type { MetadataStore } from '../store/port.js';
import type { SecretVault } from '../vault/port.js';

export interface TokenKeepAliveDeps {
  readonly store: MetadataStore;
  readonly vault: SecretVault;
  readonly coordination: Pick<Coordination, 'acquireLock'>;
  readonly providers: ReadonlyMap<ProviderId, ProviderBundle>;
  readonly refreshes: RefreshRegistry;
  readonly notifier: Notifier;
  readonly logger: Pick<Logger, 'info' | 'warn'>;
  /** How often to look for stale connections; default hourly. */
  readonly intervalMs?: number;
  /** Refresh connections whose tokens have not changed for this long; default one day. */
  readonly staleAfterMs?: number;
  /** Connections refreshed per tick; the rest wait for the next one. */
  readonly batchSize?: number;
  readonly now?: () => number;
}

export interface KeepAliveTick {
  readonly refreshed: number;
  readonly failed: number;
}

const DAY_MS = 86_400_000;

/**
 * The daily keep-alive refresh (issue 4 item 8): providers that rotate refresh tokens or expire
 * access tokens can let an unused grant die (Fitbit-style rotation, refresh tokens with an idle
 * limit), so every such connection is refreshed at least once a day even when no rule runs.
 * A scheduler task rather than a job type: it needs no payload and one copy at a time suffices
 * (leader by lock), while the refresh itself stays single-flight per connection everywhere.
 * A failure is tallied by the session, so a token endpoint failing on three days makes the
 * connection `exhausted` and the user is told.
 *
 * @example
 *   const keepAlive = new TokenKeepAlive({ store, vault, coordination, providers, refreshes, notifier, logger });
 *   keepAlive.start(); ... await keepAlive.stop();
 */
export class TokenKeepAlive {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: TokenKeepAliveDeps) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running = this.tick().catch((error: unknown) => {
        this.deps.logger.warn({ err: { message: (error as Error).message } }, 'token keep-alive failed');
      });
    }, this.deps.intervalMs ?? 3_600_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<KeepAliveTick> {
    const providers = [...this.deps.providers.entries()]
      .filter(([, bundle]) => needsKeepAlive(bundle))
      .map(([id]) => id);
    if (providers.length === 0) return { refreshed: 0, failed: 0 };
    const lock = await this.deps.coordination.acquireLock('token-keepalive', 10 * 60_000);
    if (!lock) return { refreshed: 0, failed: 0 }; // another scheduler copy is on it
    try {
      const now = (this.deps.now ?? (() => epochMs(systemClock)))();
      const due = await this.deps.store.listKeepAliveConnections({
        providers,
        untouchedSince: new Date(now - (this.deps.staleAfterMs ?? DAY_MS)),
        limit: this.deps.batchSize ?? 200,
      });
      let refreshed = 0;
      let failed = 0;
      // One at a time: a keep-alive is never urgent, and token endpoints have budgets too.
      for (const connection of due) {
        const bundle = this.deps.providers.get(connection.provider);
        if (bundle === undefined) continue;
        const session = new ConnectionSession(connection, {
          store: this.deps.store,
          vault: this.deps.vault,
          oauth: bundle.oauth,
          refreshMarginMs: 0,
          refreshes: this.deps.refreshes,
          locks: this.deps.coordination,
          notifier: this.deps.notifier,
          ...(this.deps.now === undefined ? {} : { now: this.deps.now }),
        });
        try {
          if (await session.keepAlive()) refreshed += 1;
        } catch (error) {
          failed += 1;
          this.deps.logger.warn(
            { connectionId: connection.id, code: (error as { code?: string }).code ?? 'SW_INTERNAL' },
            'keep-alive refresh failed',
          );
        }
      }
      if (due.length > 0) this.deps.logger.info({ refreshed, failed }, 'token keep-alive');
      return { refreshed, failed };
    } finally {
      await lock.release();
    }
  }
}

function needsKeepAlive(bundle: ProviderBundle): boolean {
  const auth = bundle.data.facts.auth;
  if (auth.refresh === 'none' || bundle.oauth.refresh === undefined) return false;
  return auth.refresh === 'rotating' || auth.accessTokenLifetimeSeconds !== null;
}
