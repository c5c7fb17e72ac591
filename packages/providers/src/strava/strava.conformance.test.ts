import { generateWorkouts, startStravaSimulator, type StravaSimulator } from '@syncwell/testbed';
import { describeProviderConformance } from '../conformance/provider.contract.js';
import { WorkoutTimeline } from '../conformance/workout-timeline.js';
import { createStravaModule } from './index.js';

const client = { clientId: '4242', clientSecret: 'sim-secret' };
const verifyToken = 'conformance-verify-token';

describeProviderConformance('strava', async () => {
  const sim: StravaSimulator = await startStravaSimulator({
    ...client,
    seed: 7,
    athletes: 2,
    activitiesPerAthlete: 0,
    uploadProcessingMs: 10,
    webhookRetryDelayMs: 10,
    rateLimits: {
      overall: { fifteenMinute: 5000, daily: 50_000 },
      read: { fifteenMinute: 5000, daily: 50_000 },
    },
  });
  const timeline = new WorkoutTimeline(sim.now().getTime() - 40 * 86_400_000);
  let seed = 100;
  const nextWorkouts = (count: number) =>
    generateWorkouts({ seed: seed++, count, provider: 'strava', endBefore: sim.now() }).map((w) =>
      timeline.place(w),
    );
  return {
    // A small page size makes the paging test cross pages with a dozen activities.
    module: createStravaModule({ pageSize: 5 }),
    config: { ...client, baseUrls: sim.baseUrls, webhookVerifyToken: verifyToken, pollIntervalMs: 20 },
    redirectUri: 'http://127.0.0.1:9/callback',
    pagingSeedCount: 12,
    expectsMultiplePages: true,
    seedWorkouts(externalUserId, count) {
      for (const workout of nextWorkouts(count)) sim.addActivity(Number(externalUserId), workout);
      return Promise.resolve();
    },
    async subscribeWebhook(callbackUrl) {
      const response = await fetch(`${sim.baseUrls.api}/push_subscriptions`, {
        method: 'POST',
        body: new URLSearchParams({
          ...{ client_id: client.clientId, client_secret: client.clientSecret },
          callback_url: callbackUrl,
          verify_token: verifyToken,
        }),
      });
      if (response.status !== 201)
        throw new Error(`subscription answered ${response.status}: ${await response.text()}`);
      return {};
    },
    forgeWebhooks: (genuine) => [
      {
        method: 'GET',
        headers: {},
        rawBody: new Uint8Array(),
        query: { 'hub.mode': 'subscribe', 'hub.challenge': 'c1', 'hub.verify_token': 'guess' },
      },
      {
        method: 'GET',
        headers: {},
        rawBody: new Uint8Array(),
        query: { 'hub.mode': 'subscribe', 'hub.challenge': 'c1' },
      },
      { ...genuine, rawBody: new TextEncoder().encode('{"object_type":"activity"}') },
    ],
    exhaustRateLimit() {
      sim.failNext(1, 429, /athlete\/activities/);
      return Promise.resolve();
    },
    recoverRateLimit() {
      // failNext is spent by the refused request itself.
    },
    expireAccessToken: (token) => {
      sim.expireAccessToken(token);
    },
    workoutToWrite: () => nextWorkouts(1)[0]!,
    teardown: () => sim.close(),
  };
});
