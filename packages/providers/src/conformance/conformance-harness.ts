import type {
  ProviderClientConfig,
  ProviderModule,
  ProviderSession,
  WebhookRequest,
  Workout,
} from '@syncwell/core';

/**
 * What one provider's conformance test supplies: its module, a config pointing at a running
 * simulator, and the few simulator controls the shared suite cannot do through the API.
 * Deliberately absent: any knowledge of the provider's endpoints; the suite only calls the
 * module, exactly as the server does.
 */
export interface ConformanceHarness {
  readonly module: ProviderModule;
  /** Config pointing at the simulator; the suite adds its own `onRateLimitHeaders`. */
  readonly config: ProviderClientConfig;
  readonly redirectUri: string;
  /** Adds `count` new workouts for this provider user (each may fire a webhook). */
  seedWorkouts(externalUserId: string, count: number): Promise<void>;
  /** How many workouts the paging test seeds; more than one page where the provider pages. */
  readonly pagingSeedCount: number;
  readonly expectsMultiplePages: boolean;
  /** Registers `callbackUrl` as the app's webhook; returns config additions (a signing secret). */
  subscribeWebhook(callbackUrl: string): Promise<Partial<ProviderClientConfig>>;
  /** Requests built from a genuine one that a verifier must refuse (bad signature, wrong token). */
  forgeWebhooks(genuine: WebhookRequest): WebhookRequest[];
  /**
   * False for providers that document no rate-limit headers (Google Health): the suite then
   * checks that none are invented, and still checks the 429 path. Default true.
   */
  readonly sendsRateLimitHeaders?: boolean;
  /**
   * False for providers whose webhooks have no verification handshake (WHOOP's dashboard
   * webhooks, Garmin's pings): the suite then only checks signed events. Default true.
   */
  readonly webhookHandshake?: boolean;
  /** The action a new record's event carries; WHOOP sends `update` for new and changed alike. */
  readonly webhookCreateAction?: 'create' | 'update';
  /** Brings the provider to answer the next data request with its 429. */
  exhaustRateLimit(session: ProviderSession): Promise<void>;
  /** Undoes `exhaustRateLimit` (moves the simulator's clock past the window). */
  recoverRateLimit(): void;
  /** Invalidates an access token at the provider; for providers with refresh tokens. */
  expireAccessToken?(accessToken: string): void;
  /** A workout to write, for providers that accept writes. */
  workoutToWrite?(): Workout;
  teardown(): Promise<void>;
}
