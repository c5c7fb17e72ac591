import type { DataType } from '../records/canonical-record.js';

/** The parts of an incoming HTTP request a webhook verifier needs; framework-neutral. */
export interface WebhookRequest {
  readonly method: 'GET' | 'POST';
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Exact bytes received: signatures are computed over these, never over re-serialised JSON. */
  readonly rawBody: Uint8Array;
}

export interface WebhookEvent {
  /** The provider's user id, matched against a connection's `externalUserId`. */
  readonly externalUserId: string;
  /** Null when the event is not about data (e.g. deauthorisation). */
  readonly dataType: DataType | null;
  readonly action: 'create' | 'update' | 'delete' | 'deauthorize';
  readonly objectId?: string;
  /** The push subscription the event came through (Strava `subscription_id`), when it says. */
  readonly subscriptionId?: string;
}

export type WebhookOutcome =
  /** A verification handshake (Strava `hub.challenge`, Polar `PING`): answer and do nothing else. */
  | { readonly kind: 'handshake'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'events'; readonly events: readonly WebhookEvent[] }
  /** Bad signature, wrong verify token, unparseable body: answer 4xx and change nothing. */
  | { readonly kind: 'rejected'; readonly reason: string };

/**
 * Verifies and decodes one provider's webhook requests. Never throws on bad input: a request
 * that cannot be verified is `rejected` with a reason.
 */
export interface WebhookVerifier {
  verify(request: WebhookRequest): WebhookOutcome;
  /**
   * For providers that sign nothing: whether a subscription id an event names is this
   * deployment's own (asked of the provider, cached). Absent when the provider has no such id.
   */
  ownsSubscription?(subscriptionId: string | undefined): Promise<boolean>;
}
