import type { ProviderClientConfig, ProviderId } from '@syncwell/core';
import type { NotificationChannelsConfig } from './notification-config.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One provider with credentials in the environment; its URLs fall back to the facts' defaults. */
export type ConfiguredProvider = ProviderClientConfig & { readonly id: ProviderId };

/**
 * The server's settings, parsed once at boot (see `loadConfig`) and frozen. Adapters receive
 * the slice they need; nothing reads `process.env` after boot.
 */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Origin the browser sees, without a trailing slash; OAuth redirect URIs hang off it. */
  readonly publicUrl: string;
  /** Absolute path. */
  readonly dataDir: string;
  /** Raw master key as given; the vault decodes and checks it. */
  readonly masterKey: string | undefined;
  readonly logLevel: LogLevel;
  /** Only providers that have both a client id and a client secret. */
  readonly providers: ReadonlyMap<ProviderId, ConfiguredProvider>;
  /** PostgreSQL (production) when set; otherwise SQLite in the data directory (embedded default). */
  readonly databaseUrl: string | undefined;
  /** Redis (BullMQ queue, shared locks and rate limits) when set; otherwise in-process. */
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key, so several deployments can share one Redis. */
  readonly redisPrefix: string;
  /** Jobs one worker process runs at once; workers are I/O-bound, so hundreds is normal. */
  readonly workerConcurrency: number;
  /** How long SIGTERM waits for in-flight jobs before the process exits anyway. */
  readonly shutdownDeadlineMs: number;
  /** TTL of a rule's run lock (renewed while running); a dead worker's lock frees after this. */
  readonly ruleLockMs: number;
  /** How long a worker's claim on a job lasts before another worker takes it over (BullMQ lock). */
  readonly jobLockMs: number;
  /** `off` lifts the API's per-client and per-user request budgets (benchmarks); login throttling stays. */
  readonly apiRateLimits: 'on' | 'off';
  /** Absolute path of the built web app (packages/web's `vite build` output) the api serves at `/`. */
  readonly webDir: string;
  /** Links the web app shows in demo mode (the simulators' pages); empty outside a demo. */
  readonly demoLinks: readonly DemoLink[];
  /** Outbound notification channels with credentials (Web Push, APNs, FCM, SMTP, webhook). */
  readonly notifications: NotificationChannelsConfig;
}

export interface DemoLink {
  readonly label: string;
  readonly url: string;
}

/** The redirect URI registered at the provider: `${PUBLIC_URL}/v1/oauth/{provider}/callback`. */
export function oauthRedirectUri(config: Pick<AppConfig, 'publicUrl'>, provider: ProviderId): string {
  return `${config.publicUrl}/v1/oauth/${provider}/callback`;
}
