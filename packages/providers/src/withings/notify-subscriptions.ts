import type { ProviderClientConfig } from '@syncwell/core';
import { z } from 'zod';
import { WITHINGS_APPLI, WITHINGS_PATHS } from './facts.js';
import { WITHINGS_CALLBACK_TOKEN_PARAM } from './webhooks.js';
import type { WithingsApi } from './withings-api.js';

/**
 * The Notify categories whose data SyncWell reads (see `webhooks.ts` for what each refreshes),
 * plus user actions: without `appli` 46 an unlink in Health Mate would never reach us, and the
 * user would only learn at the next failed sync.
 */
const SUBSCRIBED_APPLIS = [
  WITHINGS_APPLI.weight,
  WITHINGS_APPLI.circulatory,
  WITHINGS_APPLI.activity,
  WITHINGS_APPLI.sleep,
  WITHINGS_APPLI.userAction,
] as const;

const subscriptionList = z.object({
  profiles: z.array(z.object({ appli: z.number(), callbackurl: z.string() }).loose()).default([]),
});

/**
 * Withings Notify is subscribed per user, with that user's token: nothing reaches us until we
 * ask, once per category, after the user connects. The callback carries our secret `sw_token`,
 * which is how `WithingsWebhookVerifier` tells our subscriptions from forgeries.
 */
export class WithingsNotifySubscriptions {
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly api: WithingsApi,
  ) {}

  /** Our callback URL with the secret, or undefined when push is not configured. */
  callbackUrl(): string | undefined {
    const { webhookCallbackUrl, webhookVerifyToken } = this.config;
    if (webhookCallbackUrl === undefined || webhookVerifyToken === undefined) return undefined;
    const url = new URL(webhookCallbackUrl);
    url.searchParams.set(WITHINGS_CALLBACK_TOKEN_PARAM, webhookVerifyToken);
    return url.toString();
  }

  /**
   * Subscribes every category we read. Withings refuses a callback it cannot reach (a deployment
   * behind a firewall), which must not stop the connection: the scheduled sync still reads
   * everything, push only makes it sooner. So failures end the attempt quietly.
   */
  async subscribe(accessToken: string): Promise<void> {
    const callbackurl = this.callbackUrl();
    if (callbackurl === undefined) return;
    try {
      for (const appli of SUBSCRIBED_APPLIS) {
        await this.api.call(
          WITHINGS_PATHS.notify,
          'subscribe',
          { callbackurl, appli: String(appli), comment: 'SyncWell' },
          accessToken,
        );
      }
    } catch {
      // See above: polling covers what push would have announced.
    }
  }

  /** Revokes every Notify subscription of this user. Best effort, failures are swallowed. */
  async revokeAll(accessToken: string): Promise<void> {
    try {
      const listed = subscriptionList.parse(
        await this.api.call(WITHINGS_PATHS.notify, 'list', {}, accessToken),
      );
      for (const profile of listed.profiles) {
        await this.api.call(
          WITHINGS_PATHS.notify,
          'revoke',
          { callbackurl: profile.callbackurl, appli: String(profile.appli) },
          accessToken,
        );
      }
    } catch {
      // The disconnect goes on regardless; our copy of the tokens is deleted either way.
    }
  }
}
