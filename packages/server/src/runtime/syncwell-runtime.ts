import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { RefreshRegistry } from '../connections/connection-session.js';
import { loadConfig } from '../config/load-config.js';
import { createProviderBundles } from '../config/provider-bundles.js';
import type { AppConfig } from '../config/app-config.js';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import { createApiLogger } from '../http/api-logger.js';
import { buildApp } from '../http/build-app.js';
import { createMemoryQueue } from '../queue/memory/memory-queue.js';
import type { JobQueue } from '../queue/port.js';
import { RunDispatcher } from '../scheduler/run-dispatcher.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { WebhookSyncTrigger } from '../scheduler/webhook-sync-trigger.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { MetadataStore } from '../store/port.js';
import { deriveSubkey } from '../vault/derive-subkey.js';
import { createEnvelopeVault } from '../vault/envelope-vault.js';
import { loadMasterKey } from '../vault/master-key.js';
import { createSyncRunHandler } from '../worker/sync-run-handler.js';
import { createLedgerHash } from './ledger-hash.js';

export interface SyncWellRuntimeOptions {
  readonly env: NodeJS.ProcessEnv;
  /** Which roles this process runs; all by default (`syncwell start`). */
  readonly roles?: { readonly api?: boolean; readonly worker?: boolean; readonly scheduler?: boolean };
  readonly workerConcurrency?: number;
  readonly schedulerTickMs?: number;
  readonly webhookDebounceMs?: number;
  readonly logger?: Logger;
}

export interface SyncWellRuntime {
  /** The API's base URL (PUBLIC_URL). */
  readonly url: string;
  readonly config: AppConfig;
  readonly store: MetadataStore;
  readonly queue: JobQueue;
  readonly app: FastifyInstance | undefined;
  readonly scheduler: Scheduler;
  /** Stops taking work, drains in-flight jobs up to `deadlineMs`, closes everything. */
  close(deadlineMs?: number): Promise<void>;
}

/**
 * Wires SyncWell on the embedded default: SQLite store, in-process queue and locks, envelope
 * vault, and the api/worker/scheduler roles in one process. Issue 3 adds the PostgreSQL/Redis
 * adapters behind the same ports.
 */
export async function startSyncWell(options: SyncWellRuntimeOptions): Promise<SyncWellRuntime> {
  const config = loadConfig(
    options.env,
    [...PROVIDER_MODULES.values()].map((m) => m.facts),
  );
  const logger = options.logger ?? createApiLogger({ level: config.logLevel });
  const roles = { api: true, worker: true, scheduler: true, ...options.roles };
  mkdirSync(config.dataDir, { recursive: true });

  const masterKey = loadMasterKey({ env: options.env, dataDir: config.dataDir, logger });
  const vault = createEnvelopeVault(masterKey);
  const store = await createSqliteStore({ filename: join(config.dataDir, 'syncwell.db') });
  const queue = createMemoryQueue({ retry: { attempts: 5, baseMs: 1_000, capMs: 60_000 } });
  const coordination = new MemoryCoordination();
  const providers = createProviderBundles(config, [...PROVIDER_MODULES.values()]);
  const dispatcher = new RunDispatcher(store, queue);
  const webhookTrigger = new WebhookSyncTrigger(store, dispatcher, logger, options.webhookDebounceMs);
  const scheduler = new Scheduler({
    store,
    dispatcher,
    logger,
    ...(options.schedulerTickMs === undefined ? {} : { tickMs: options.schedulerTickMs }),
  });

  if (roles.worker) {
    const handler = createSyncRunHandler({
      store,
      vault,
      coordination,
      providers,
      ledgerHash: createLedgerHash(deriveSubkey(masterKey, 'ledger-hmac')),
      refreshes: new RefreshRegistry(),
      logger,
    });
    queue.process(handler, { concurrency: options.workerConcurrency ?? 16 });
  }
  if (roles.scheduler) {
    // The store is the truth about work: runs left queued or running by a dead process go back on the queue.
    const requeued = await dispatcher.requeueUnfinished();
    if (requeued > 0) logger.info({ requeued }, 'requeued unfinished runs');
    scheduler.start();
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
      readiness: [{ name: 'store', check: () => store.ping() }],
      onWebhookEvents: (connectionIds, event) => webhookTrigger.onEvents(connectionIds, event),
    });
    await api.listen({ port: config.port, host: config.host });
    app = api;
  }

  return {
    url: config.publicUrl,
    config,
    store,
    queue,
    app,
    scheduler,
    close: async (deadlineMs = 10_000) => {
      webhookTrigger.stop();
      await scheduler.stop();
      await app?.close();
      await queue.close(deadlineMs);
      await coordination.close();
      await store.close();
    },
  };
}
