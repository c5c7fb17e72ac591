import { randomBytes } from 'node:crypto';
import { providerEnvName } from '@syncwell/server';

/**
 * The secret each provider's push mechanism shares between the simulated cloud and SyncWell.
 * Oura and WHOOP sign with the client secret (already shared through the demo credentials).
 */
export interface DemoWebhookSecrets {
  /** Strava's `hub.verify_token`, chosen by us when subscribing. */
  readonly stravaVerifyToken: string;
  /** Polar's `signature_secret_key`, which Polar hands out when the webhook is created. */
  readonly polarSignatureKey: string;
  /** The `?key=` we put on the callback URLs registered in Garmin's portal. */
  readonly garminCallbackKey: string;
  /** The `verification_token` of Oura's subscription handshake. */
  readonly ouraVerificationToken: string;
  /** The `sw_token` SyncWell puts on the Withings Notify callback it subscribes per user. */
  readonly withingsCallbackToken: string;
  /** The bearer secret Google sends back to the project's subscriber endpoint. */
  readonly googleSubscriberSecret: string;
}

/** Fresh secrets for one run of the stack: nothing guessable, nothing reused between runs. */
export function newWebhookSecrets(): DemoWebhookSecrets {
  const secret = () => randomBytes(18).toString('base64url');
  return {
    stravaVerifyToken: secret(),
    polarSignatureKey: randomBytes(32).toString('hex'),
    garminCallbackKey: secret(),
    ouraVerificationToken: secret(),
    withingsCallbackToken: secret(),
    googleSubscriberSecret: secret(),
  };
}

/** SyncWell's side of the same secrets, as the environment a deployment sets. */
export function webhookEnv(secrets: DemoWebhookSecrets): Record<string, string> {
  return {
    [providerEnvName('strava', 'webhookVerifyToken')]: secrets.stravaVerifyToken,
    [providerEnvName('polar', 'webhookSecret')]: secrets.polarSignatureKey,
    [providerEnvName('garmin', 'webhookVerifyToken')]: secrets.garminCallbackKey,
    [providerEnvName('oura', 'webhookVerifyToken')]: secrets.ouraVerificationToken,
    [providerEnvName('withings', 'webhookVerifyToken')]: secrets.withingsCallbackToken,
    [providerEnvName('google_health', 'webhookVerifyToken')]: secrets.googleSubscriberSecret,
  };
}
