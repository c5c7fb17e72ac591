import { startOuraSimulator } from '@syncwell/testbed';
import { describeProviderConformance } from '../conformance/provider.contract.js';
import { ouraModule } from './index.js';
import { ouraSignature } from './webhooks.js';

const client = { clientId: 'oura-conformance', clientSecret: 'oura-sim-secret' };
const FIVE_MINUTES_MS = 5 * 60_000;

// Oura documents its `X-RateLimit-*` headers on the 429 only (no usage header), so before a 429
// there is nothing to report: the suite checks that none is invented (`sendsRateLimitHeaders`).
describeProviderConformance('oura', async () => {
  let clockOffsetMs = 0;
  const sim = await startOuraSimulator({
    ...client,
    seed: 21,
    users: 2,
    historyDays: 3,
    workoutsPerUser: 2,
    // Small pages, so five new workouts take several.
    pageSize: { workout: 2 },
    rateLimits: { token: { limit: 60, windowSeconds: 300 } },
    now: () => Date.now() + clockOffsetMs,
  });
  const verifyToken = 'oura-conformance-verify';
  return {
    module: ouraModule,
    config: { ...client, baseUrls: sim.baseUrls, webhookVerifyToken: verifyToken },
    redirectUri: 'http://127.0.0.1:9/callback',
    pagingSeedCount: 5,
    sendsRateLimitHeaders: false,
    expectsMultiplePages: true,
    async seedWorkouts(externalUserId, count) {
      for (let i = 0; i < count; i += 1) await sim.addWorkout(externalUserId);
    },
    async subscribeWebhook(callbackUrl) {
      const response = await fetch(`${sim.url}/v2/webhook/subscription`, {
        method: 'POST',
        headers: {
          'x-client-id': client.clientId,
          'x-client-secret': client.clientSecret,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          callback_url: callbackUrl,
          verification_token: verifyToken,
          event_type: 'create',
          data_type: 'workout',
        }),
      });
      if (response.status !== 201) throw new Error(`subscription answered ${response.status}`);
      // Oura signs with our client secret, which the config already holds.
      return {};
    },
    forgeWebhooks(genuine) {
      const timestamp = genuine.headers['x-oura-timestamp'] ?? '0';
      const { 'x-oura-signature': _signature, ...unsigned } = genuine.headers;
      const tampered = new TextEncoder().encode(
        new TextDecoder().decode(genuine.rawBody).replace('"user_id":"', '"user_id":"0'),
      );
      return [
        { ...genuine, headers: unsigned },
        {
          ...genuine,
          headers: {
            ...genuine.headers,
            'x-oura-signature': ouraSignature('not-the-secret', timestamp, genuine.rawBody),
          },
        },
        { ...genuine, headers: { ...genuine.headers, 'x-oura-timestamp': String(Number(timestamp) + 1) } },
        { ...genuine, rawBody: tampered },
        {
          method: 'GET',
          query: { verification_token: 'guessed', challenge: 'c' },
          headers: {},
          rawBody: new Uint8Array(),
        },
      ];
    },
    async exhaustRateLimit(session) {
      const token = await session.accessToken();
      for (let i = 0; i < 100; i += 1) {
        const response = await fetch(`${sim.url}/v2/usercollection/workout`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.body?.cancel();
        if (response.status === 429) return;
      }
      throw new Error('the simulator never answered 429');
    },
    recoverRateLimit() {
      clockOffsetMs += FIVE_MINUTES_MS;
    },
    expireAccessToken: (token) => {
      sim.expireAccessToken(token);
    },
    teardown: () => sim.close(),
  };
});
