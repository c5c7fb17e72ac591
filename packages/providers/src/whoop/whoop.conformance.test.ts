import { createHmac } from 'node:crypto';
import { generateWorkouts, startWhoopSimulator, type WhoopSimulator } from '@syncwell/testbed';
import { describeProviderConformance } from '../conformance/provider.contract.js';
import { WorkoutTimeline } from '../conformance/workout-timeline.js';
import { createWhoopModule } from './index.js';

const client = { clientId: 'whoop-conformance', clientSecret: 'whoop-sim-secret' };

describeProviderConformance('whoop', async () => {
  const sim: WhoopSimulator = await startWhoopSimulator({
    ...client,
    seed: 5,
    users: 2,
    days: 4,
    // Seeded workouts come from the timeline below, always newer than anything stored.
    workoutsPerUser: 0,
    quota: { perMinute: 150 },
  });
  const timeline = new WorkoutTimeline(Date.now() - 20 * 86_400_000);
  let seed = 300;
  return {
    // A page of 5 makes the paging test cross pages with a dozen workouts (WHOOP allows ≤ 25).
    module: createWhoopModule({ pageSize: 5 }),
    config: { ...client, baseUrls: sim.baseUrls },
    redirectUri: 'http://127.0.0.1:9/callback',
    pagingSeedCount: 12,
    webhookHandshake: false,
    webhookCreateAction: 'update',
    expectsMultiplePages: true,
    async seedWorkouts(externalUserId, count) {
      const workouts = generateWorkouts({ seed: seed++, count, provider: 'whoop', endBefore: new Date() });
      for (const w of workouts) await sim.addWorkout(Number(externalUserId), timeline.place(w));
    },
    subscribeWebhook(callbackUrl) {
      // Dashboard configuration; WHOOP signs with the client secret, so nothing to add.
      sim.setWebhookUrl(callbackUrl);
      return Promise.resolve({});
    },
    forgeWebhooks(genuine) {
      const ts = genuine.headers['x-whoop-signature-timestamp'] ?? '0';
      const { 'x-whoop-signature': _signature, ...unsigned } = genuine.headers;
      const wrongKey = createHmac('sha256', 'not-the-secret')
        .update(ts)
        .update(genuine.rawBody)
        .digest('base64');
      const tampered = new TextEncoder().encode(
        new TextDecoder().decode(genuine.rawBody).replace('"user_id":', '"user_id":1'),
      );
      return [
        { ...genuine, headers: unsigned },
        { ...genuine, headers: { ...genuine.headers, 'x-whoop-signature': wrongKey } },
        { ...genuine, rawBody: tampered },
        {
          ...genuine,
          headers: { ...genuine.headers, 'x-whoop-signature-timestamp': String(Number(ts) - 1) },
        },
      ];
    },
    async exhaustRateLimit(session) {
      const token = await session.accessToken();
      for (let i = 0; i < 300; i += 1) {
        const response = await fetch(`${sim.baseUrls.api}/v2/user/profile/basic`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.body?.cancel();
        if (response.status === 429) return;
      }
      throw new Error('the simulator never answered 429');
    },
    recoverRateLimit() {
      sim.advanceClock(60_000);
    },
    expireAccessToken: (token) => {
      sim.expireAccessToken(token);
    },
    teardown: () => sim.close(),
  };
});
