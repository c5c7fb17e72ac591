import type { DemoProvider } from './demo-credentials.js';
import { DEMO_CREDENTIALS } from './demo-credentials.js';
import type { DemoSimulatorHandles } from './demo-simulators.js';
import type { DemoWebhookSecrets } from './webhook-secrets.js';

/** How one provider's push reaches SyncWell, in words for the start banner. */
export interface PushWiring {
  readonly provider: DemoProvider;
  readonly how: string;
}

/** A simulated cloud refused a subscription: SyncWell did not answer its handshake as expected. */
export class PushWiringError extends Error {
  constructor(provider: DemoProvider, answer: string) {
    super(`could not subscribe ${provider} push to SyncWell: ${answer}`);
    this.name = 'PushWiringError';
  }
}

const OURA_DATA_TYPES = ['workout', 'sleep', 'daily_activity', 'daily_spo2'] as const;
const OURA_EVENT_TYPES = ['create', 'update'] as const;

/**
 * Subscribes every simulated cloud's push to SyncWell at `syncwellUrl`, each by its provider's
 * own mechanism, as an operator would once per deployment. SyncWell must already run with the
 * same secrets (see `webhookEnv`): most subscriptions start with a handshake SyncWell answers.
 */
export async function subscribeProviderPush(
  sims: DemoSimulatorHandles,
  secrets: DemoWebhookSecrets,
  syncwellUrl: string,
): Promise<readonly PushWiring[]> {
  const hook = (provider: DemoProvider) => `${syncwellUrl}/v1/webhooks/${provider}`;
  const wirings: PushWiring[] = [];

  // Strava: one app-wide push subscription; Strava GETs our endpoint with hub.verify_token first.
  await expectStatus(
    'strava',
    201,
    fetch(`${sims.strava.baseUrls.api}/push_subscriptions`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: DEMO_CREDENTIALS.strava.clientId,
        client_secret: DEMO_CREDENTIALS.strava.clientSecret,
        callback_url: hook('strava'),
        verify_token: secrets.stravaVerifyToken,
      }),
    }),
  );
  wirings.push({ provider: 'strava', how: 'push subscription (hub.verify_token handshake)' });

  // Polar: one webhook per app; Polar PINGs it, then signs events with the key it hands out.
  const polar = await expectStatus(
    'polar',
    201,
    fetch(`${sims.polar.baseUrls.api}/v3/webhooks`, {
      method: 'POST',
      headers: {
        authorization: basic(DEMO_CREDENTIALS.polar.clientId, DEMO_CREDENTIALS.polar.clientSecret),
        'content-type': 'application/json',
      },
      body: JSON.stringify({ events: ['EXERCISE'], url: hook('polar') }),
    }),
  );
  const key = ((await polar.json()) as { data?: { signature_secret_key?: string } }).data
    ?.signature_secret_key;
  if (key !== secrets.polarSignatureKey)
    throw new PushWiringError('polar', 'the webhook was created with a signature key SyncWell does not have');
  wirings.push({ provider: 'polar', how: 'webhook, HMAC-SHA256 signed with signature_secret_key' });

  // Google Health: a project subscriber; Google verifies the endpoint with and without the secret.
  await expectStatus(
    'google_health',
    200,
    fetch(`${sims.google_health.url}/v4/projects/syncwell-demo/subscribers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sims.google_health.serviceAccountToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        endpointUri: hook('google_health'),
        endpointAuthorization: { secret: secrets.googleSubscriberSecret },
      }),
    }),
  );
  wirings.push({ provider: 'google_health', how: 'project subscriber (bearer secret)' });

  // Garmin: callback URLs are set in the developer portal; ours carry a secret key.
  await sims.garmin.configureEndpoints(`${hook('garmin')}?key=${secrets.garminCallbackKey}`, 'PUSH', {
    probe: true,
  });
  wirings.push({ provider: 'garmin', how: 'PUSH endpoints with a callback key' });

  // Oura: one subscription per data type and event; each starts with a verification handshake.
  for (const dataType of OURA_DATA_TYPES) {
    for (const eventType of OURA_EVENT_TYPES) {
      await expectStatus(
        'oura',
        201,
        fetch(`${sims.oura.url}/v2/webhook/subscription`, {
          method: 'POST',
          headers: {
            'x-client-id': DEMO_CREDENTIALS.oura.clientId,
            'x-client-secret': DEMO_CREDENTIALS.oura.clientSecret,
            'content-type': 'application/json',
          },
          body: JSON.stringify({
            callback_url: hook('oura'),
            verification_token: secrets.ouraVerificationToken,
            event_type: eventType,
            data_type: dataType,
          }),
        }),
      );
    }
  }
  wirings.push({ provider: 'oura', how: 'subscriptions per data type, signed with the client secret' });

  // WHOOP: the webhook URL is a dashboard setting; events are signed with the client secret.
  sims.whoop.setWebhookUrl(hook('whoop'));
  wirings.push({ provider: 'whoop', how: 'dashboard webhook, signed with the client secret' });

  // Withings: Notify is per user; SyncWell subscribes it itself when a user connects.
  wirings.push({ provider: 'withings', how: 'Notify, subscribed by SyncWell when a user connects' });
  return wirings;
}

async function expectStatus(provider: DemoProvider, status: number, answer: Promise<Response>) {
  const response = await answer;
  if (response.status !== status)
    throw new PushWiringError(
      provider,
      `answered ${response.status}: ${(await response.text()).slice(0, 200)}`,
    );
  return response;
}

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}
