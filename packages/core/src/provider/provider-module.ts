import type { DataProvider } from './data-provider.js';
import type { OAuthClient } from './oauth-client.js';
import type { ProviderBaseUrls, ProviderFacts } from './provider-facts.js';
import type { WebhookVerifier } from './webhook-verifier.js';

/** Per-deployment settings for one provider; from configuration, never from code. */
export interface ProviderClientConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrls: ProviderBaseUrls;
  /** Strava's `hub.verify_token` we chose when subscribing. */
  readonly webhookVerifyToken?: string;
  /** Polar's `signature_secret_key` returned when the webhook was created. */
  readonly webhookSigningSecret?: string;
  /**
   * Where this deployment receives the provider's notifications (`$PUBLIC_URL/v1/webhooks/<id>`).
   * Providers whose push is subscribed per user (Withings Notify) register it after connecting.
   */
  readonly webhookCallbackUrl?: string;
  /** Per-request timeout; defaults to 30 s. */
  readonly requestTimeoutMs?: number;
  /**
   * Pause between polls of an asynchronous provider job (Strava upload processing); defaults to
   * the provider's documented minimum (1 s for Strava). Simulators allow much less.
   */
  readonly pollIntervalMs?: number;
  /** Sees every response's rate-limit headers, to calibrate shared budgets. */
  readonly onRateLimitHeaders?: (snapshot: RateLimitSnapshot) => void;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}

/** What a provider's headers said about a rate-limit window. */
export interface RateLimitSnapshot {
  readonly provider: string;
  readonly name: string;
  readonly limit: number;
  readonly used: number;
  /** When the window resets, when known. */
  readonly resetAt?: Date;
}

export interface ProviderBundle {
  readonly data: DataProvider;
  readonly oauth: OAuthClient;
  readonly webhooks: WebhookVerifier | null;
}

/**
 * What each provider folder exports as its entry point.
 *
 * @example
 *   const strava = stravaModule.create({ clientId, clientSecret, baseUrls: stravaModule.facts.defaultBaseUrls });
 */
export interface ProviderModule {
  readonly facts: ProviderFacts;
  create(config: ProviderClientConfig): ProviderBundle;
}
