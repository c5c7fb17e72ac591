import { epochMs, systemClock } from '@syncwell/core';
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Clock, ProviderModule } from '@syncwell/core';
import type { DestinationStream, Logger } from 'pino';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { calibrateFromHeaders } from '../budgets/rate-limit-calibration.js';
import { createBackfillChunkHandler } from '../backfill/backfill-chunk-handler.js';
import { routeBackfillJobs } from '../backfill/backfill-job-router.js';
import { RefreshRegistry } from '../connections/connection-session.js';
import { createInboxNotifier } from '../notifications/inbox/inbox-notifier.js';
import { TokenKeepAlive } from '../tokens/token-keep-alive.js';
import { loadConfig } from '../config/load-config.js';
import { createProviderBundles } from '../config/provider-bundles.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/config-error.js';
import { createApiLogger } from '../http/api-logger.js';
import { buildApp } from '../http/build-app.js';
import { webAppBuilt } from '../http/web-app/web-app-routes.js';
import type { JobQueue } from '../queue/port.js';
import { RunDispatcher } from '../scheduler/run-dispatcher.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { WebhookSyncTrigger } from '../scheduler/webhook-sync-trigger.js';
import type { MetadataStore } from '../store/port.js';
import { deriveSubkey } from '../vault/derive-subkey.js';
import { createEnvelopeVault } from '../vault/envelope-vault.js';
import { loadMasterKey } from '../vault/master-key.js';
import { verifyMasterKey } from '../vault/master-key-check.js';
import type { SecretVault } from '../vault/port.js';
import { createSyncRunHandler } from '../worker/sync-run-handler.js';
import { startInsightsParts, type InsightsParts } from '../insights/insights-runtime.js';
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
  mkdirSync(config.dataDir, { recursive: true });

  const masterKey = loadMasterKey({ env: options.env, dataDir: config.dataDir, logger });
  const vault = createEnvelopeVault(masterKey);
  // The one place production reads the machine's clock: every part gets it from here.
  const clock = options.clock ?? systemClock;
  const nowMs = (): number => epochMs(clock);
  const infrastructure = await openInfrastructure(config, logger, clock);
  const { store, queue, coordination } = infrastructure;
  try {
    await verifyMasterKey(store, vault);
  } catch (error) {
    await infrastructure.close(0);
    throw error;
  }
  // Every response's rate-limit headers pull the shared budgets down to what the provider says is left.
  const providers = createProviderBundles(config, modules, {
    onRateLimitHeaders: (facts) => calibrateFromHeaders(coordination.rateLimiter, facts, logger),
  });
  const notifier = createInboxNotifier(store);
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
    throw error;
  }
  const dispatcher = new RunDispatcher(store, queue);
  const webhookTrigger = new WebhookSyncTrigger(store, dispatcher, logger, options.webhookDebounceMs);
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
      ledgerHash: createLedgerHash(deriveSubkey(masterKey, 'ledger-hmac')),
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
      now: () => clock.now(),
    });
    await api.listen({ port: config.port, host: config.host });
    app = api;
  }

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
    close: async (deadlineMs = config.shutdownDeadlineMs) => {
      // Order matters: stop taking requests and new work, drain jobs in flight, then let go of the stores.
      webhookTrigger.stop();
      await scheduler.stop();
      await keepAlive.stop();
      await app?.close();
      await infrastructure.close(deadlineMs);
      await insights?.close();
    },
  };
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
