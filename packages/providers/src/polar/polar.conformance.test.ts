import { createHmac } from 'node:crypto';
import { startPolarSimulator } from '@syncwell/testbed';
import { describeProviderConformance } from '../conformance/provider.contract.js';
import { basicAuthHeader } from '../http/basic-auth.js';
import { polarModule } from './index.js';

const client = { clientId: 'polar-conformance', clientSecret: 'polar-sim-secret' };
const QUARTER_HOUR_MS = 15 * 60_000;

describeProviderConformance('polar', async () => {
  // The simulator's rate windows follow this clock, so the 429 test can move past them.
  let clockOffsetMs = 0;
  const sim = await startPolarSimulator({
    ...client,
    seed: 11,
    athletes: 2,
    workoutsPerAthlete: 2,
    quota: { shortBase: 120 },
    now: () => Date.now() + clockOffsetMs,
  });
  return {
    module: polarModule,
    config: { ...client, baseUrls: sim.baseUrls },
    redirectUri: 'http://127.0.0.1:9/callback',
    // `/v3/exercises` is one page by design: recent data only, no paging parameters.
    pagingSeedCount: 4,
    expectsMultiplePages: false,
    async seedWorkouts(externalUserId, count) {
      for (let i = 0; i < count; i += 1) await sim.addExercise(Number(externalUserId));
    },
    async subscribeWebhook(callbackUrl) {
      const response = await fetch(`${sim.baseUrls.api}/v3/webhooks`, {
        method: 'POST',
        headers: {
          authorization: basicAuthHeader(client.clientId, client.clientSecret),
          'content-type': 'application/json',
        },
        body: JSON.stringify({ events: ['EXERCISE'], url: callbackUrl }),
      });
      if (response.status !== 201) throw new Error(`webhook creation answered ${response.status}`);
      const body = (await response.json()) as { data: { signature_secret_key: string } };
      return { webhookSigningSecret: body.data.signature_secret_key };
    },
    forgeWebhooks(genuine) {
      const { 'polar-webhook-signature': _signature, ...unsigned } = genuine.headers;
      const wrongKey = createHmac('sha256', 'not-the-secret').update(genuine.rawBody).digest('hex');
      const tampered = new TextEncoder().encode(
        new TextDecoder().decode(genuine.rawBody).replace('"user_id":', '"user_id":1'),
      );
      return [
        { ...genuine, headers: unsigned },
        { ...genuine, headers: { ...genuine.headers, 'polar-webhook-signature': wrongKey } },
        { ...genuine, rawBody: tampered },
      ];
    },
    async exhaustRateLimit(session) {
      const token = await session.accessToken();
      for (let i = 0; i < 1000; i += 1) {
        const response = await fetch(`${sim.baseUrls.api}/v3/exercises`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.body?.cancel();
        if (response.status === 429) return;
      }
      throw new Error('the simulator never answered 429');
    },
    recoverRateLimit() {
      clockOffsetMs += QUARTER_HOUR_MS;
    },
    teardown: () => sim.close(),
  };
});
