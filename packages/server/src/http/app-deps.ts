import type { ScryptCost } from '../auth/password-hasher.js';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { ProviderBundle, ProviderId, WebhookEvent } from '@syncwell/core';
import type { SessionService } from '../auth/session-service.js';
import type { AppConfig } from '../config/app-config.js';
import type { RefreshRegistry } from '../connections/connection-session.js';
import type { CoordinationAdapter } from '../coordination/port.js';
import type { JobQueue } from '../queue/port.js';
import type { MetadataStore } from '../store/port.js';
import type { SecretVault } from '../vault/port.js';
import type { InsightsRouteDeps } from '../insights/insights-route-deps.js';
import type { SyncWellMetrics } from '../observability/sync-metrics.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { ApiRateLimitPolicy } from './api-rate-limits.js';

/** One dependency `/ready` asks about; throws (or rejects) when the dependency is unusable. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/**
 * Everything the HTTP API needs, injected so tests and the single-process `syncwell start`
 * wire the same `buildApp` with different adapters.
 */
export interface AppDeps {
  readonly config: AppConfig;
  readonly store: MetadataStore;
  readonly vault: SecretVault;
  readonly queue: JobQueue;
  /** Only configured providers; anything else answers SW_PROVIDER_NOT_CONFIGURED. */
  readonly providers: ReadonlyMap<ProviderId, ProviderBundle>;
  /** HS256 key for access tokens, at least 32 bytes; the server derives it from the master key. */
  readonly jwtSecret: Uint8Array;
  /** A pino logger, ideally from `createApiLogger` so redaction is in place. */
  readonly logger: FastifyBaseLogger;
  readonly readiness: readonly ReadinessCheck[];
  /**
   * Called once per verified webhook event with the connections it concerns (possibly none are
   * skipped: only called when at least one matches). The caller debounces targeted syncs.
   */
  readonly onWebhookEvents: (connectionIds: readonly string[], event: WebhookEvent) => Promise<void>;
  /** Injected clock for tests. */
  readonly now?: () => Date;
  /**
   * Shared by every api process: the session cache (revoked tokens stop everywhere at once) and
   * the API's own rate limits. In-process when absent, which only suits one api process.
   */
  readonly coordination?: CoordinationAdapter;
  /** Per-client and per-user request budgets; `DEFAULT_API_RATE_LIMITS` when absent, 'off' for benchmarks. */
  readonly apiRateLimits?: ApiRateLimitPolicy | 'off';
  /**
   * scrypt cost of new password hashes and of the login decoy. Default DEFAULT_SCRYPT_COST;
   * only tests that make thousands of logins (the route fuzz) lower it.
   */
  readonly passwordCost?: ScryptCost;
  /** The insights service's client; without it /v1/insights is absent (tests of other routes). */
  readonly insights?: InsightsRouteDeps;
  /**
   * For reads the API makes at a provider itself (a conflict's two versions): the worker's
   * coordination (refresh locks, shared rate budgets) and refresh registry, so the api never
   * refreshes a rotating token behind the worker's back. Without it: in-process only, unbudgeted.
   */
  readonly liveReads?: { readonly coordination: CoordinationAdapter; readonly refreshes: RefreshRegistry };
  /**
   * Request metrics and spans, and `GET /metrics` (outside the OpenAPI document); without it the
   * API is not observed (route tests). `token`: the bearer `/metrics` wants, when set.
   */
  readonly observability?: { readonly metrics: SyncWellMetrics; readonly token: string | undefined };
}

/** What route modules receive: the deps plus what `buildApp` derives from them once. */
export interface RouteContext extends AppDeps {
  readonly now: () => Date;
  /** onRequest hook that admits only a valid bearer access token (see `callerId`). */
  readonly requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  readonly sessions: SessionService;
  /** The coordination the API uses: `deps.coordination` or an in-process one. */
  readonly apiCoordination: CoordinationAdapter;
  /** Brute-force protection for every password check (log-in, password change). */
  readonly loginThrottle: LoginThrottle;
}
