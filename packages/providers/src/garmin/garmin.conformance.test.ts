import { startGarminSimulator } from '@syncwell/testbed';
import { describeProviderConformance } from '../conformance/provider.contract.js';
import { createGarminModule } from './index.js';

const client = { clientId: 'garmin-conformance', clientSecret: 'garmin-sim-secret' };
const callbackKey = 'conformance-callback-key';

describeProviderConformance('garmin', async () => {
  const sim = await startGarminSimulator({
    ...client,
    seed: 5,
    users: 2,
    workoutsPerUser: 2,
    healthDays: 1,
    // The shared suite connects without PKCE; garmin-pkce.conformance.test.ts covers S256.
    requirePkce: false,
    // Garmin's headers are unknown; the shared suite needs some signal, so the generic ones.
    genericRateLimitHeaders: true,
    rateLimitPerMinute: 400,
  });
  return {
    module: createGarminModule({ pullHorizonDays: 7, uploadSettleSeconds: 0 }),
    config: { ...client, baseUrls: sim.baseUrls },
    redirectUri: 'http://127.0.0.1:9/callback',
    // Garmin pages by 24 h upload windows, not by count: a first read crosses seven windows
    // (garmin-flows.conformance.test.ts), but new uploads after a cursor sit in one window.
    pagingSeedCount: 3,
    expectsMultiplePages: false,
    async seedWorkouts(externalUserId, count) {
      for (let i = 0; i < count; i += 1) await sim.addActivity(externalUserId);
      // Upload times are whole seconds and a client reads only finished ones: let this one end.
      await new Promise((resolve) => setTimeout(resolve, 1005 - (Date.now() % 1000)));
    },
    async subscribeWebhook(callbackUrl) {
      await sim.configureEndpoints(`${callbackUrl}?key=${callbackKey}`, 'PUSH', { probe: true });
      return { webhookVerifyToken: callbackKey };
    },
    forgeWebhooks(genuine) {
      const evilPing = JSON.stringify({
        activities: [{ userId: 'u1', callbackURL: 'https://attacker.example/wellness-api/rest/activities' }],
      });
      return [
        { ...genuine, query: {} },
        { ...genuine, query: { key: 'guessed-key' } },
        { ...genuine, rawBody: new TextEncoder().encode(evilPing) },
      ];
    },
    async exhaustRateLimit(session) {
      const token = await session.accessToken();
      for (let i = 0; i < 1000; i += 1) {
        const response = await fetch(`${sim.url}/wellness-api/rest/user/id`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.body?.cancel();
        if (response.status === 429) return;
      }
      throw new Error('the simulator never answered 429');
    },
    recoverRateLimit() {
      sim.resetRateLimit();
    },
    expireAccessToken(token) {
      sim.expireAccessToken(token);
    },
    teardown: () => sim.close(),
  };
});
