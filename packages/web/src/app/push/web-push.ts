import type { ApiClient } from '../api/api-client.js';

/**
 * Web Push in this browser: the permission prompt, the service worker's PushManager
 * subscription with the server's VAPID key, and its registration at `/v1/push-subscriptions`.
 * The subscription's id is never stored: registering the same endpoint again answers with it
 * (the API moves an endpoint to the caller), which is how "turn off" finds what to delete.
 */
export type BrowserPushState =
  /** No service worker, PushManager or Notification API (or not served over https/localhost). */
  | 'unsupported'
  /** The person (or the browser) refused the permission; only the browser's settings can change it. */
  | 'blocked'
  | 'off'
  | 'on';

export class PushOptInError extends Error {
  constructor(
    readonly reason: 'unsupported' | 'blocked' | 'subscribe_failed',
    message: string,
  ) {
    super(message);
    this.name = 'PushOptInError';
  }
}

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

export async function browserPushState(): Promise<BrowserPushState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  return Notification.permission === 'granted' && subscription != null ? 'on' : 'off';
}

async function register(api: ApiClient, subscription: PushSubscription): Promise<string> {
  const json = subscription.toJSON();
  const { subscription: saved } = await api.post<{ subscription: { id: string } }>('/v1/push-subscriptions', {
    channel: 'web_push',
    endpoint: json.endpoint,
    keys: json.keys,
  });
  return saved.id;
}

/** Asks for the permission (the browser's own prompt), subscribes and registers; the new target's id. */
export async function turnOnWebPush(api: ApiClient, vapidPublicKey: string): Promise<string> {
  if (!supported()) {
    throw new PushOptInError('unsupported', 'This browser cannot show notifications from a web app.');
  }
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new PushOptInError(
      'blocked',
      'Notifications are blocked for SyncWell in this browser. Allow them in the browser’s site settings, then try again.',
    );
  }
  const registration = await navigator.serviceWorker.ready;
  let subscription: PushSubscription;
  try {
    subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: vapidPublicKey,
      }));
  } catch (error) {
    throw new PushOptInError(
      'subscribe_failed',
      `The browser’s push service did not give SyncWell a subscription (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  return register(api, subscription);
}

/** Removes this browser's subscription at SyncWell, then at the browser's push service. */
export async function turnOffWebPush(api: ApiClient): Promise<void> {
  if (!supported()) return;
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  if (subscription == null) return;
  await api.delete(`/v1/push-subscriptions/${encodeURIComponent(await register(api, subscription))}`);
  await subscription.unsubscribe();
}
