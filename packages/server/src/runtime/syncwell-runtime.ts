import { epochMs, systemClock } from '@syncwell/core';
import type { FastifyInstance } from 'fastify';
import type { Clock, ProviderModule } from '@syncwell/core';
import type { DestinationStream, Logger } from 'pino';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { calibrateFromHeaders } from '../budgets/rate-limit-calibration.js';
import { createBackfillChunkHandler } from '../backfill/backfill-chunk-handler.js';
import { routeBackfillJobs } from '../backfill/backfill-job-router.js';
import { ConnectionCheck } from '../connections/connection-check.js';
import { RefreshRegistry } from '../connections/connection-session.js';
import type { DeliveryCounter } from '../notifications/delivery/delivery-counter.js';
import { createNotificationParts, type NotificationParts } from '../notifications/notification-wiring.js';
import { TokenKeepAlive } from '../tokens/token-keep-alive.js';
import { loadConfig } from '../config/load-config.js';
import { createProviderBundles } from '../config/provider-bundles.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/config-error.js';
import { createApiLogger } from '../http/api-logger.js';
import { secureDataDir } from './data-dir.js';
import { buildApp } from '../http/build-app.js';
import { webAppBuilt } from '../http/web-app/web-app-routes.js';
import type { JobQueue } from '../queue/port.js';
import { RunDispatcher } from '../scheduler/run-dispatcher.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { WebhookSyncTrigger } from '../scheduler/webhook-sync-trigger.js';
import type { MetadataStore } from '../store/port.js';
import { deriveSubkey } from '../vault/derive-subkey.js';
import { createEnvelopeVault } from '../vault/envelope-vault.js';
import { loadLedgerKey } from '../vault/ledger-key.js';
import { loadMasterKeys } from '../vault/master-keys.js';
import { verifyMasterKey } from '../vault/master-key-check.js';
import type { SecretVault } from '../vault/port.js';
import { createSyncRunHandler } from '../worker/sync-run-handler.js';
import { startInsightsParts, type InsightsParts } from '../insights/insights-runtime.js';
import { instrumentQueue, observeQueueDepth } from '../observability/instrumented-queue.js';
import { instrumentStore } from '../observability/instrumented-store.js';
import { startObservability, type Observability } from '../observability/observability-runtime.js';
import {
  instrumentBundle,
  instrumentedFetch,
  recordRateLimit,
} from '../observability/provider-instrumentation.js';
import { openInfrastructure } from './infrastructure.js';
import { createLedgerHash } from './ledger-hash.js';

export interface SyncWellRuntimeOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Which roles this process runs; all by default (`syncwell start`). */
  readonly roles?: {
    readonly api?: boolean;
    readonly worker?: boolean;
    readonly scheduler?: boolean;
    /** `syncwell insights`: serve the insights service over HTTP (never part of `start`). */
    readonly insights?: boolean;
  };
  readonly schedulerTickMs?: number;
  /** How old a queued/running run must be before the sweep gives it a job again. */
  readonly staleRunMs?: number;
  readonly webhookDebounceMs?: number;
  /** After a provider confirmed a grant, lifecycle events for it wait this long for a re-check. */
  readonly lifecycleCheckCooldownMs?: number;
  readonly logger?: Logger;
  /** Where the default logger (level from LOG_LEVEL) writes, when no `logger` is given; stdout by default. */
  readonly logDestination?: DestinationStream;
  /** Provider modules to offer; every shipped one by default (benchmarks pass in-process fakes). */
  readonly modules?: readonly ProviderModule[];
  /**
   * The clock of every part that decides on time (store stamps, scheduler, token keep-alive, API,
   * in-process locks and budgets, insights): the system clock unless a test pins it.
   */
  readonly clock?: Clock;
  /** The clock of the insights parts only (summaries, troubleshooter), when it differs from `clock`. */
  readonly now?: () => Date;
  /** How often the weekly-summary schedule is looked at (scheduler role). */
  readonly summaryTickMs?: number;
  /** Counts notification deliveries by channel and result (a metrics registry binds it); in memory by default. */
  readonly deliveryCounter?: DeliveryCounter;
  /** How often the worker drains the notification outbox. */
  readonly notificationTickMs?: number;
}

export interface SyncWellRuntime {
  /** The API's base URL (PUBLIC_URL). */
  readonly url: string;
  /** Where a person opens SyncWell: the web app at `/`, when this process serves it (api role, app built). */
  readonly appUrl: string | undefined;
  readonly config: AppConfig;
  readonly store: MetadataStore;
  readonly queue: JobQueue;
  readonly app: FastifyInstance | undefined;
  readonly scheduler: Scheduler;
  readonly vault: SecretVault;
  /**
   * The insights client of this process (availability counters) and the role's URL when served;
   * undefined when no role here talks to the service (`syncwell migrate`).
   */
  readonly insights: InsightsParts | undefined;
  /** This process's metrics and tracing (docs/observability.md). */
  readonly observability: Observability;
  /** The notifier, the outbox deliverer (running in the worker role) and its counter. */
  readonly notifications: NotificationParts;
  /** Stops taking work, drains in-flight jobs up to `deadlineMs`, closes everything. */
  close(deadlineMs?: number): Promise<void>;
}

/**
 * Wires SyncWell: the adapters chosen by configuration (embedded default or PostgreSQL + Redis),
 * the envelope vault, and whichever of the api/worker/scheduler roles this process runs.
 */
export async function startSyncWell(options: SyncWellRuntimeOptions): Promise<SyncWellRuntime> {
  const modules = options.modules ?? [...PROVIDER_MODULES.values()];
  const config = loadConfig(
    options.env,
    modules.map((m) => m.facts),
  );
  const logger =
    options.logger ??
    createApiLogger({
      level: config.logLevel,
      ...(options.logDestination === undefined ? {} : { destination: options.logDestination }),
    });
  const roles = { api: true, worker: true, scheduler: true, insights: false, ...options.roles };
  requireSharedInfrastructure(config, roles);
  secureDataDir(config.dataDir, logger);

  const masterKeys = loadMasterKeys({ env: options.env, dataDir: config.dataDir, logger });
  const masterKey = masterKeys.current;
  const vault = createEnvelopeVault(masterKeys.current, masterKeys.previous);
  // The one place production reads the machine's clock: every part gets it from here.
  const clock = options.clock ?? systemClock;
  const nowMs = (): number => epochMs(clock);
  const observability = await startObservability(options.env, serviceName(roles));
  const { metrics } = observability;
  const infrastructure = await openInfrastructure(config, logger, clock).catch(async (error: unknown) => {
    await observability.close();
    throw error;
  });
  const { coordination } = infrastructure;
  // Metrics and spans observe the ports at their seams; the adapters know nothing of them.
  const store = instrumentStore(infrastructure.store, metrics, nowMs);
  const queue = instrumentQueue(infrastructure.queue, metrics);
  let ledgerKey: Buffer;
  try {
    const vaultCheck = await verifyMasterKey(store, vault);
    if (!vault.isCurrent(vaultCheck)) {
      logger.warn({}, 'A master key rotation is unfinished: run syncwell rotate-key');
    }
    ledgerKey = await loadLedgerKey(store, vault, masterKeys, vaultCheck);
  } catch (error) {
    await infrastructure.close(0);
    await observability.close();
    throw error;
  }
  // Every response's rate-limit headers pull the shared budgets down to what the provider says is left.
  const providers = createProviderBundles(config, modules, {
    onRateLimitHeaders: (facts) => {
      const calibrate = calibrateFromHeaders(coordination.rateLimiter, facts, logger);
      return (snapshot) => {
        recordRateLimit(metrics, snapshot);
        calibrate(snapshot);
      };
    },
    instrument: {
      fetch: (facts, base) => instrumentedFetch(facts.id, metrics, base),
      bundle: (facts, bundle) => instrumentBundle(facts, bundle, metrics),
    },
  });
  const notifications = createNotificationParts({
    config: config.notifications,
    store,
    modules,
    appUrl: config.publicUrl,
    logger,
    now: () => clock.now(),
    counter: options.deliveryCounter ?? {
      count: (channel, result) => metrics.notificationDeliveries.inc({ channel, result }),
    },
    ...(options.notificationTickMs === undefined ? {} : { tickMs: options.notificationTickMs }),
  });
  const { notifier } = notifications;
  const refreshes = new RefreshRegistry();
  const keepAlive = new TokenKeepAlive({
    store,
    vault,
    coordination,
    providers,
    refreshes,
    notifier,
    logger,
    now: nowMs,
  });
  let insights: InsightsParts | undefined;
  try {
    const needsInsights = roles.api || roles.worker || roles.scheduler || roles.insights;
    insights = !needsInsights
      ? undefined
      : await startInsightsParts({
          env: options.env,
          roles,
          config,
          masterKey,
          store,
          queue,
          coordination,
          vault,
          providers,
          refreshes,
          notifier,
          logger,
          now: options.now ?? (() => clock.now()),
          ...(options.summaryTickMs === undefined ? {} : { summaryTickMs: options.summaryTickMs }),
        });
  } catch (error) {
    await infrastructure.close(0);
    await observability.close();
    throw error;
  }
  if (insights !== undefined) observability.observeInsights(() => insights.client.availability());
  if (roles.worker || roles.scheduler) observeQueueDepth(queue, metrics);
  if (roles.scheduler && infrastructure.evictedKeys !== undefined) {
    observability.observeEvictions(infrastructure.evictedKeys);
  }
  const dispatcher = new RunDispatcher(store, queue);
  const connectionCheck = new ConnectionCheck({
    store,
    vault,
    providers,
    notifier,
    refreshes,
    coordination,
    logger,
    ...(options.lifecycleCheckCooldownMs === undefined
      ? {}
      : { cooldownMs: options.lifecycleCheckCooldownMs }),
  });
  const webhookTrigger = new WebhookSyncTrigger(
    store,
    dispatcher,
    logger,
    options.webhookDebounceMs,
    connectionCheck,
  );
  const scheduler = new Scheduler({
    store,
    dispatcher,
    logger,
    now: nowMs,
    ...(options.schedulerTickMs === undefined ? {} : { tickMs: options.schedulerTickMs }),
    ...(options.staleRunMs === undefined ? {} : { staleRunMs: options.staleRunMs }),
  });

  if (roles.worker) {
    const workerDeps = {
      store,
      vault,
      coordination,
      providers,
      ledgerHash: createLedgerHash(ledgerKey),
      refreshes,
      logger,
      rateLimiter: coordination.rateLimiter,
      notifier,
      lockTtlMs: config.ruleLockMs,
      now: nowMs,
      ...(insights === undefined ? {} : { conflictAdvisor: insights.conflictAdvisor }),
    };
    // Backfill chunks are sync runs seen through a chunk lens (server/src/backfill/).
    const handler = routeBackfillJobs(
      createSyncRunHandler(workerDeps),
      createBackfillChunkHandler({ ...workerDeps, queue }),
    );
    queue.process(insights?.wrapHandler(handler) ?? handler, { concurrency: config.workerConcurrency });
    // Notifications leave from the outbox here, off the request and job paths.
    notifications.deliverer.start();
  }
  if (roles.scheduler) {
    // The store is the truth about work: runs left queued or running by a dead process go back on the queue.
    const requeued = await dispatcher.requeueUnfinished();
    if (requeued > 0) logger.info({ requeued }, 'requeued unfinished runs');
    scheduler.start();
    keepAlive.start();
  }

  let app: FastifyInstance | undefined;
  if (roles.api) {
    const api = await buildApp({
      config,
      store,
      vault,
      queue,
      providers,
      jwtSecret: deriveSubkey(masterKey, 'jwt-hs256'),
      logger,
      readiness: infrastructure.readiness,
      onWebhookEvents: async (connectionIds, event) => {
        await insights?.noteWebhook(connectionIds);
        await webhookTrigger.onEvents(connectionIds, event);
      },
      ...(insights === undefined ? {} : { insights: insights.routeDeps }),
      liveReads: { coordination, refreshes },
      observability: { metrics, token: observability.settings.metricsToken },
      coordination,
      ...(config.apiRateLimits === 'off' ? { apiRateLimits: 'off' as const } : {}),
      now: () => clock.now(),
    });
    await api.listen({ port: config.port, host: config.host });
    app = api;
  }
  await observability.serveMetrics(roles.api);

  return {
    url: config.publicUrl,
    appUrl: app !== undefined && webAppBuilt(config.webDir) ? `${config.publicUrl}/` : undefined,
    config,
    store,
    queue,
    app,
    scheduler,
    vault,
    insights,
    observability,
    notifications,
    close: async (deadlineMs = config.shutdownDeadlineMs) => {
      // Order matters: stop taking requests and new work, drain jobs in flight, then let go of the stores.
      webhookTrigger.stop();
      connectionCheck.stop();
      await scheduler.stop();
      await keepAlive.stop();
      await notifications.close();
      await app?.close();
      await infrastructure.close(deadlineMs);
      await insights?.close();
      await observability.close();
    },
  };
}

/** `service` label and trace resource: `syncwell-<role>`, or `syncwell` for several roles in one process. */
function serviceName(roles: {
  api: boolean;
  worker: boolean;
  scheduler: boolean;
  insights: boolean;
}): string {
  const on = (['api', 'worker', 'scheduler', 'insights'] as const).filter((role) => roles[role]);
  return on.length === 1 ? `syncwell-${on[0] ?? ''}` : on.length === 0 ? 'syncwell-migrate' : 'syncwell';
}

/**
 * A role running alone shares its work through PostgreSQL and Redis; an in-process queue or a
 * SQLite file cannot be shared, so refuse at boot rather than silently lose jobs.
 */
function requireSharedInfrastructure(
  config: AppConfig,
  roles: { api: boolean; worker: boolean; scheduler: boolean; insights: boolean },
): void {
  const anyRole = roles.api || roles.worker || roles.scheduler || roles.insights;
  if (!anyRole || (roles.api && roles.worker && roles.scheduler && !roles.insights)) return;
  const why = 'is required when roles run in separate processes (syncwell start runs every role in one)';
  if (config.databaseUrl === undefined) throw new ConfigError('DATABASE_URL', why);
  if (config.redisUrl === undefined) throw new ConfigError('REDIS_URL', why);
}
