import type { BrowserContext, Page } from 'playwright-core';
import type { WebPushService } from '@syncwell/testbed';

/*
 * Headless Chromium has no push service: `pushManager.subscribe()` rejects with "AbortError:
 * Registration failed - permission denied" even after the permission is granted (checked with
 * Debian's chromium 156), and Google's push servers are out of reach offline anyway. So the
 * tests stand in for the browser's push service only: `PushManager.prototype.subscribe` and
 * `getSubscription` ask the testbed Web Push service for a subscription, as a browser's push
 * service would make one (`WebPushService.subscribe(applicationServerKey)`, the same as its
 * `POST /subscriptions`). Everything else is the browser's own: the permission (granted through
 * the context), the service worker, the app's calls, and the `push` event (delivered through
 * DevTools, `deliverPushMessage`).
 */
export async function standInForPushService(context: BrowserContext, webPush: WebPushService): Promise<void> {
  await context.exposeBinding('__testbedPushSubscribe', (_source, key: string) => webPush.subscribe(key));
  await context.addInitScript(() => {
    type Json = { endpoint: string; keys: { p256dh: string; auth: string } };
    const stored = 'testbed-push-subscription';
    const toBase64Url = (key: unknown): string => {
      if (typeof key === 'string') return key;
      const bytes = new Uint8Array(key instanceof ArrayBuffer ? key : (key as ArrayBufferView).buffer);
      return btoa(String.fromCharCode(...bytes))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
    };
    const wrap = (json: Json) => ({
      endpoint: json.endpoint,
      expirationTime: null,
      toJSON: () => ({ endpoint: json.endpoint, expirationTime: null, keys: json.keys }),
      unsubscribe: () => {
        sessionStorage.removeItem(stored);
        return Promise.resolve(true);
      },
    });
    const subscribe = (window as unknown as { __testbedPushSubscribe(key: string): Promise<Json> })
      .__testbedPushSubscribe;
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      const json = await subscribe(toBase64Url(options?.applicationServerKey));
      sessionStorage.setItem(stored, JSON.stringify(json));
      return wrap(json) as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = function () {
      const json = sessionStorage.getItem(stored);
      return Promise.resolve(
        json === null ? null : (wrap(JSON.parse(json) as Json) as unknown as PushSubscription),
      );
    };
  });
}

/**
 * Hands a push message to the page's service worker as the browser does when its push service
 * delivers one (DevTools' ServiceWorker.deliverPushMessage): the worker's `push` handler runs.
 */
export async function deliverPush(page: Page, data: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r) => !r.isDeleted && r.scopeURL === new URL('/', page.url()).href);
      if (ours !== undefined) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(page.url()).origin,
    registrationId: await registrationId,
    data,
  });
  await cdp.detach();
}
