import { systemClock } from '@syncwell/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ProviderId, WebhookEvent } from '@syncwell/core';
import { loadConfig } from '../config/load-config.js';
import { providerDouble, type ProviderDouble } from './provider-test-double.js';
import { jobPayloadSchema, type EnqueueJob, type JobQueue } from '../queue/port.js';
import type { MetadataStore } from '../store/port.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createEnvelopeVault } from '../vault/envelope-vault.js';
import { deriveSubkey } from '../vault/derive-subkey.js';
import { createApiLogger } from './api-logger.js';
import type { AppDeps, ReadinessCheck } from './app-deps.js';
import { buildApp } from './build-app.js';
import type { ScryptCost } from '../auth/password-hasher.js';
import { MemoryCache } from '../coordination/memory/memory-cache.js';
import { createDiagnosticsSource } from '../insights/diagnostics-adapter.js';
import type { InsightsRouteDeps } from '../insights/insights-route-deps.js';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { resilientInsights } from '@syncwell/insights';

/*
 * Test support for the HTTP suites: a real SQLite store in a temp dir, the real envelope vault,
 * and small doubles for the queue and two providers. The doubles keep the ports' documented behaviour (AAD
 * binding, ids-only payloads) because the routes rely on it; the real adapters and provider
 * clients are tested by their own suites.
 */

export class QueueDouble implements JobQueue {
  readonly jobs: EnqueueJob[] = [];
  failNext = false;
  enqueue(job: EnqueueJob): Promise<{ id: string; deduplicated: boolean }> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('queue down'));
    }
    jobPayloadSchema.parse(job.payload);
    this.jobs.push(job);
    return Promise.resolve({ id: job.jobId ?? String(this.jobs.length), deduplicated: false });
  }
  process(): void {
    throw new Error('not used by the API');
  }
  counts() {
    return Promise.resolve({ waiting: this.jobs.length, delayed: 0, active: 0, deadLettered: 0 });
  }
  deadLetters() {
    return Promise.resolve([]);
  }
  close() {
    return Promise.resolve(true);
  }
}

export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly store: MetadataStore;
  readonly queue: QueueDouble;
  readonly polar: ProviderDouble;
  readonly strava: ProviderDouble;
  readonly webhookCalls: { connectionIds: readonly string[]; event: WebhookEvent }[];
  readonly logLines: string[];
  readonly readiness: { failing: boolean };
  /** The SQLite file behind `store` (and the insights checkpointer, when wired). */
  readonly databaseFile: string;
  close(): Promise<void>;
}

export interface ApiHarnessOptions {
  /**
   * Serve /v1/insights with the real in-process service, its conversations checkpointed in the
   * store's SQLite file as in the embedded default (loads LangGraph: only the suites that need it).
   */
  readonly insights?: boolean;
  /** A cheap scrypt cost for suites that log in thousands of times (never below it elsewhere). */
  readonly passwordCost?: ScryptCost;
}

/**
 * `env` adds or overrides settings (e.g. SYNCWELL_WEB_DIR for the web app's routes); `options`
 * pins a clock, shares a coordination adapter or sets rate limits (off unless set: login
 * throttling stays on either way), and more below.
 */
export async function createApiHarness(
  env: Record<string, string> = {},
  options: ApiHarnessOptions & Partial<Pick<AppDeps, 'now' | 'coordination' | 'apiRateLimits'>> = {},
): Promise<ApiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'syncwell-http-'));
  const databaseFile = join(dir, 'syncwell.db');
  const store = await createSqliteStore({ filename: databaseFile });
  const queue = new QueueDouble();
  const polar = providerDouble('polar', {
    pkce: 'none',
    readable: ['workout', 'sleep', 'daily_activity'],
    writable: [],
  });
  const strava = providerDouble('strava', { pkce: 'S256', readable: ['workout'], writable: ['workout'] });
  const webhookCalls: ApiHarness['webhookCalls'] = [];
  const logLines: string[] = [];
  const readinessState = { failing: false };
  const readiness: ReadinessCheck[] = [
    { name: 'store', check: () => store.ping() },
    {
      name: 'queue',
      check: () => (readinessState.failing ? Promise.reject(new Error('down')) : Promise.resolve()),
    },
  ];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(chunk.toString('utf8'));
      callback();
    },
  });
  const masterKey = randomBytes(32);
  const insights =
    options.insights === true ? await inProcessInsights(store, queue, databaseFile) : undefined;
  const app = await buildApp({
    ...(insights === undefined ? {} : { insights: insights.deps }),
    ...(options.passwordCost === undefined ? {} : { passwordCost: options.passwordCost }),
    // No web app here (whatever the checkout has built): OAuth callbacks answer with their own pages.
    config: loadConfig(
      { PUBLIC_URL: 'https://sync.test', SYNCWELL_WEB_DIR: join(dir, 'no-web-app'), ...env },
      [],
    ),
    store,
    vault: createEnvelopeVault(masterKey),
    queue,
    providers: new Map([
      ['polar', polar.bundle],
      ['strava', strava.bundle],
    ]),
    jwtSecret: deriveSubkey(masterKey, 'jwt-access-tokens'),
    logger: createApiLogger({ level: 'debug', destination }),
    readiness,
    onWebhookEvents: (connectionIds, event) => {
      webhookCalls.push({ connectionIds, event });
      return Promise.resolve();
    },
    // Route tests send hundreds of requests from one address on the real clock: the API-wide
    // budgets would refuse them at random speeds. rate-limits.test.ts pins a clock and sets them.
    apiRateLimits: options.apiRateLimits ?? 'off',
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.coordination === undefined ? {} : { coordination: options.coordination }),
  });
  return {
    app,
    store,
    queue,
    polar,
    strava,
    webhookCalls,
    logLines,
    readiness: readinessState,
    databaseFile,
    async close() {
      await app.close();
      await insights?.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function inProcessInsights(
  store: MetadataStore,
  queue: JobQueue,
  databaseFile: string,
): Promise<{ deps: InsightsRouteDeps; close: () => Promise<void> }> {
  const { createInsightsService, openCheckpointer } = await import('@syncwell/insights/service');
  const checkpointer = await openCheckpointer({ kind: 'sqlite', filename: databaseFile });
  const service = createInsightsService({
    diagnostics: createDiagnosticsSource({
      store,
      queue,
      cache: new MemoryCache(),
      facts: new Map([...PROVIDER_MODULES.values()].map((m) => [m.facts.id, m.facts])),
    }),
    // No provider reads here: a summary over no sources.
    summaries: { timeZoneOf: () => Promise.resolve('UTC'), readRecords: () => Promise.resolve([]) },
    checkpointer: checkpointer.saver,
    now: systemClock.now,
  });
  return { deps: { client: resilientInsights(service) }, close: () => checkpointer.close() };
}

export interface SignedInUser {
  readonly userId: string;
  readonly email: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly auth: { authorization: string };
}

export async function signUpAndLogIn(
  app: FastifyInstance,
  email: string,
  password = 'a very long password',
): Promise<SignedInUser> {
  const created = await app.inject({ method: 'POST', url: '/v1/users', payload: { email, password } });
  if (created.statusCode !== 201) throw new Error(`sign-up failed: ${created.body}`);
  const login = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password } });
  const tokens = login.json<{ accessToken: string; refreshToken: string }>();
  return {
    userId: created.json<{ user: { id: string } }>().user.id,
    email,
    ...tokens,
    auth: { authorization: `Bearer ${tokens.accessToken}` },
  };
}

/** Runs the whole OAuth flow with the provider double; returns the connection id. */
export async function connect(
  app: FastifyInstance,
  user: SignedInUser,
  provider: ProviderId,
  externalUserId: string,
): Promise<string> {
  const started = await app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: user.auth,
    payload: { provider },
  });
  const { state } = started.json<{ state: string }>();
  const callback = await app.inject({
    method: 'GET',
    url: `/v1/oauth/${provider}/callback?code=ok-${externalUserId}&state=${state}`,
    headers: { accept: 'application/json' },
  });
  if (callback.statusCode !== 200) throw new Error(`callback failed: ${callback.body}`);
  return callback.json<{ connection: { id: string } }>().connection.id;
}
