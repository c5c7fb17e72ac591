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
  // Browser code as a string: this package's Node-side files have no DOM types.
  await context.addInitScript(`(() => {
    const stored = 'testbed-push-subscription';
    const toBase64Url = (key) => {
      if (typeof key === 'string') return key;
      const bytes = new Uint8Array(key instanceof ArrayBuffer ? key : key.buffer);
      return btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
    };
    const wrap = (json) => ({
      endpoint: json.endpoint,
      expirationTime: null,
      toJSON: () => ({ endpoint: json.endpoint, expirationTime: null, keys: json.keys }),
      unsubscribe: () => {
        sessionStorage.removeItem(stored);
        return Promise.resolve(true);
      },
    });
    PushManager.prototype.subscribe = async function (options) {
      const json = await window.__testbedPushSubscribe(toBase64Url(options && options.applicationServerKey));
      sessionStorage.setItem(stored, JSON.stringify(json));
      return wrap(json);
    };
    PushManager.prototype.getSubscription = function () {
      const json = sessionStorage.getItem(stored);
      return Promise.resolve(json === null ? null : wrap(JSON.parse(json)));
    };
  })();`);
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
