import { randomBytes } from 'node:crypto';
import type { SimulatorClock } from './strava-clock.js';

export interface StravaPushSubscription {
  readonly id: number;
  readonly callbackUrl: string;
  readonly createdAtMs: number;
}

/** The event body Strava POSTs to the callback. No signature: events carry ids only. */
export interface StravaWebhookEvent {
  readonly object_type: 'activity' | 'athlete';
  readonly object_id: number;
  readonly aspect_type: 'create' | 'update' | 'delete';
  readonly updates: Readonly<Record<string, string>>;
  readonly owner_id: number;
  readonly subscription_id: number;
  readonly event_time: number;
}

export interface StravaWebhookDelivery {
  readonly event: StravaWebhookEvent;
  attempts: number;
  delivered: boolean;
}

export type HandshakeResult = { ok: true } | { ok: false; reason: string };

const DEADLINE_MS = 2_000;
const MAX_ATTEMPTS = 3;

async function fetchWithDeadline(url: string, init: RequestInit, closing: AbortSignal): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.any([AbortSignal.timeout(DEADLINE_MS), closing]) });
}

/** The app's single push subscription, the hub.challenge handshake and event delivery. */
export class StravaWebhookHub {
  #subscription: StravaPushSubscription | null = null;
  #nextId = 100_001;
  readonly deliveries: StravaWebhookDelivery[] = [];
  readonly #inFlight = new Set<Promise<void>>();
  readonly #closing = new AbortController();

  constructor(
    private readonly clock: SimulatorClock,
    private readonly retryDelayMs: number,
  ) {}

  get subscription(): StravaPushSubscription | null {
    return this.#subscription;
  }

  /** Strava's GET to the callback: it must answer 200 `{"hub.challenge": <value>}` within 2 s. */
  async handshake(callbackUrl: string, verifyToken: string): Promise<HandshakeResult> {
    const challenge = randomBytes(12).toString('hex');
    const url = new URL(callbackUrl);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.verify_token', verifyToken);
    try {
      const response = await fetchWithDeadline(url.href, { method: 'GET' }, this.#closing.signal);
      if (response.status !== 200) return { ok: false, reason: 'GET to callback URL does not return 200' };
      const body: unknown = await response.json();
      const echoed =
        typeof body === 'object' && body !== null
          ? (body as Record<string, unknown>)['hub.challenge']
          : undefined;
      return echoed === challenge
        ? { ok: true }
        : { ok: false, reason: 'callback URL did not echo hub.challenge' };
    } catch {
      return { ok: false, reason: 'GET to callback URL does not return 200' };
    }
  }

  subscribe(callbackUrl: string): StravaPushSubscription {
    this.#subscription = { id: this.#nextId++, callbackUrl, createdAtMs: this.clock.nowMs() };
    return this.#subscription;
  }

  unsubscribe(id: number): boolean {
    if (this.#subscription?.id !== id) return false;
    this.#subscription = null;
    return true;
  }

  /** Queues an event for the current subscription; a no-op without one. */
  emit(event: Omit<StravaWebhookEvent, 'subscription_id' | 'event_time'>): void {
    const subscription = this.#subscription;
    if (subscription === null) return;
    const delivery: StravaWebhookDelivery = {
      event: { ...event, subscription_id: subscription.id, event_time: this.clock.nowSeconds() },
      attempts: 0,
      delivered: false,
    };
    this.deliveries.push(delivery);
    const task = this.#deliver(subscription.callbackUrl, delivery).finally(() => this.#inFlight.delete(task));
    this.#inFlight.add(task);
  }

  /** Resolves once every queued delivery has succeeded or used its attempts. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Abandons pending deliveries so shutting the simulator down never waits on a slow callback. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.idle();
  }

  async #deliver(callbackUrl: string, delivery: StravaWebhookDelivery): Promise<void> {
    while (delivery.attempts < MAX_ATTEMPTS && !delivery.delivered && !this.#closing.signal.aborted) {
      delivery.attempts += 1;
      try {
        const response = await fetchWithDeadline(
          callbackUrl,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(delivery.event),
          },
          this.#closing.signal,
        );
        await response.body?.cancel();
        delivery.delivered = response.status >= 200 && response.status < 300;
      } catch {
        delivery.delivered = false;
      }
      if (!delivery.delivered && delivery.attempts < MAX_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }
}
