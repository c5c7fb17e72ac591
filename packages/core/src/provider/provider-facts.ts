import type { DataType } from '../records/canonical-record.js';
import type { ProviderId } from '../records/provenance.js';

/**
 * Everything SyncWell knows about a provider that is a fact rather than code: endpoints,
 * OAuth behaviour, limits, capabilities. Each provider folder exports one `ProviderFacts`
 * value (`facts.ts`); code reads these fields instead of branching on the provider's name.
 */
export interface ProviderFacts {
  readonly id: ProviderId;
  readonly displayName: string;
  /** The real cloud's URLs; configuration may point them at a simulator. */
  readonly defaultBaseUrls: ProviderBaseUrls;
  readonly auth: OAuth2Facts;
  readonly capabilities: ProviderCapabilities;
  readonly rateLimits: readonly RateLimitFacts[];
  readonly terms: ProviderTerms;
}

export interface ProviderBaseUrls {
  /** REST API root, e.g. `https://www.strava.com/api/v3`. */
  readonly api: string;
  /** Browser-facing authorize endpoint. */
  readonly authorize: string;
  /** Token endpoint (code exchange and refresh). */
  readonly token: string;
}

export interface OAuth2Facts {
  readonly kind: 'oauth2';
  readonly scopes: readonly string[];
  readonly scopeSeparator: ' ' | ',';
  /** Whether the provider supports PKCE (we always send it where it does). */
  readonly pkce: 'S256' | 'none';
  /** How the client authenticates at the token endpoint. */
  readonly clientAuth: 'basic' | 'body';
  /**
   * `rotating`: every refresh may return a new refresh token and the old one dies at once
   * (refresh must be single-flight). `reusable`: the refresh token survives. `none`: no refresh
   * tokens; access tokens live until revoked.
   */
  readonly refresh: 'rotating' | 'reusable' | 'none';
  /** Nominal access-token lifetime in seconds, or null when tokens do not expire. */
  readonly accessTokenLifetimeSeconds: number | null;
  readonly extraAuthorizeParams?: Readonly<Record<string, string>>;
}

export type PushModel = 'webhook' | 'ping' | 'push' | 'none';

export interface ProviderCapabilities {
  readonly readable: readonly DataType[];
  readonly writable: readonly DataType[];
  readonly push: PushModel;
  /** How far back history can be read, in days; null when unlimited or unknown. */
  readonly backfillWindowDays: number | null;
  /**
   * How this destination takes a multisport workout (one with `legs`): `whole`, as one activity
   * with its legs (Strava, through a multisport FIT file); `per_leg`, as one workout per leg,
   * grouped by `partOf` (see `splitMultisportWorkout`). Absent means `per_leg`: a destination
   * that says nothing never receives legs it would drop.
   */
  readonly multisportWorkouts?: MultisportSupport;
}

export type MultisportSupport = 'whole' | 'per_leg';

export interface RateLimitFacts {
  /** `app`: shared by every user of our client id; `user`: per connected account. */
  readonly scope: 'app' | 'user';
  readonly name: string;
  readonly limit: number;
  /** Extra allowance per registered user (Polar's `500 + 20 × users`). */
  readonly perUserIncrement?: number;
  readonly windowSeconds: number;
  /** `aligned`: windows reset on wall-clock boundaries (Strava's :00/:15/:30/:45, UTC midnight). */
  readonly window: 'rolling' | 'aligned';
  readonly appliesTo: 'all' | 'read' | 'write';
}

export interface ProviderTerms {
  /** Data may be shown only to the user who owns it (Strava). */
  readonly ownerOnly: boolean;
  /** Data must never be used to train a model (Strava). */
  readonly excludeFromTraining: boolean;
}
