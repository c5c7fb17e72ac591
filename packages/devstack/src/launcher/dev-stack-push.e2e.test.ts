import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, SyncWellApiClient, type RunView } from '@syncwell/server';
import { approveConsent, generateWorkouts } from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForTriggeredRun } from '../demo/triggered-run.js';
import type { DemoProvider } from '../simulators/demo-credentials.js';
import type { DemoSimulatorHandles } from '../simulators/demo-simulators.js';
import { startDevStack, type DevStack } from './dev-stack.js';

/** Makes something new happen at the provider, as the athlete would: the simulator then pushes. */
const NEW_WORKOUT: Readonly<Record<DemoProvider, (sims: DemoSimulatorHandles) => Promise<unknown>>> = {
  polar: (sims) => sims.polar.addExercise(sims.polar.athletes[0]!.id),
  strava: async (sims) => {
    const [workout] = generateWorkouts({ seed: 8, count: 1, provider: 'strava', endBefore: new Date() });
    sims.strava.addActivity(sims.strava.athletes[0]!.id, workout!);
    await sims.strava.webhooksIdle();
  },
  google_health: (sims) => sims.google_health.addExercise(sims.google_health.users[0]!.healthUserId),
  garmin: (sims) => sims.garmin.addActivity(sims.garmin.users[0]!.userId),
  oura: (sims) => sims.oura.addWorkout(sims.oura.users[0]!.id),
  withings: (sims) => Promise.resolve(sims.withings.addWorkout(sims.withings.users[0]!.userid)),
  whoop: (sims) => sims.whoop.addWorkout(sims.whoop.users[0]!.id),
};

/**
 * `npm start`'s stack wires every simulated cloud's push to SyncWell with that provider's own
 * secret (verify token, signature key, callback key, subscriber secret, Notify token), so a new
 * workout at any provider reaches SyncWell, passes verification and syncs its rule at once.
 */
describe('push from every simulated cloud of the dev stack', () => {
  let stack: DevStack;
  let dataDir: string;
  let client: SyncWellApiClient;
  let stravaDestinationId: string;

  const connect = async (provider: DemoProvider, athleteId?: string) => {
    const authorizeUrl = await client.startConnection(provider);
    const consent = await approveConsent(authorizeUrl, athleteId === undefined ? {} : { athleteId });
    return client.completeConnection(new URL(consent.location));
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sw-devstack-push-'));
    stack = await startDevStack({
      env: {
        PORT: String(await freePort()),
        SYNCWELL_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SYNCWELL_MASTER_KEY: Buffer.alloc(32, 8).toString('base64'),
        // Strava answers an upload after 100 ms here; polling slower keeps within its 100 reads / 15 min.
        SYNCWELL_STRAVA_POLL_INTERVAL_MS: '250',
      },
      webhookDebounceMs: 100,
      schedulerTickMs: 3_600_000,
    });
    client = new SyncWellApiClient(stack.runtime.url);
    await client.signUpAndLogIn('push@example.org', 'correct horse battery staple');
    // Strava is the one destination that takes workouts; its second athlete receives them.
    stravaDestinationId = (await connect('strava', String(stack.simulators.handles.strava.athletes[1]!.id)))
      .id;
  }, 120_000);

  afterAll(async () => {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('subscribed all seven clouds to SyncWell', () => {
    expect(stack.push.map((wiring) => wiring.provider).sort()).toEqual(
      ['garmin', 'google_health', 'oura', 'polar', 'strava', 'whoop', 'withings'].sort(),
    );
  });

  it('wires the testbed Web Push service as a channel a browser opts in to with the served VAPID key', async () => {
    const info = await client.call<{ channels: string[]; vapidPublicKey: string }>(
      'GET',
      '/v1/push-subscriptions',
    );
    expect(info.channels).toEqual(['web_push', 'apns', 'fcm', 'email', 'webhook']);
    const pushService = stack.notifications.webPush.url;
    const subscribed = await fetch(`${pushService}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ applicationServerKey: info.vapidPublicKey }),
    });
    const subscription = (await subscribed.json()) as { endpoint: string; keys: object };
    await client.call('POST', '/v1/push-subscriptions', { channel: 'web_push', ...subscription });
    const userId = (await stack.runtime.store.findUserByEmail('push@example.org'))!.id;
    await stack.runtime.notifications.notifier.notify({
      userId,
      kind: 'weekly_summary',
      code: 'SW_INSIGHTS_SUMMARY_READY',
    });
    await stack.runtime.notifications.deliverer.drain();
    const received = (await (await fetch(`${pushService}/received`)).json()) as {
      received: { payload: string }[];
    };
    expect(received.received.map((r) => (JSON.parse(r.payload) as { kind: string }).kind)).toEqual([
      'weekly_summary',
    ]);
  });

  it.each(Object.keys(NEW_WORKOUT) as DemoProvider[])(
    'a new %s workout is pushed to SyncWell and syncs its rule',
    async (provider) => {
      const source = await connect(provider);
      const rule = await client.createRule({
        sourceConnectionId: source.id,
        destinationConnectionId: stravaDestinationId,
        dataTypes: ['workout'],
      });
      await NEW_WORKOUT[provider](stack.simulators.handles);
      const run: RunView = await waitForTriggeredRun(client, rule.id, 'webhook', 60_000);
      const detail = await client.getRun(run.id);
      expect(detail, JSON.stringify(detail)).toMatchObject({ status: 'succeeded' });
      // Written or recognised as already there (the demo athletes share workouts across clouds).
      expect(run.counts.read, JSON.stringify(detail)).toBeGreaterThan(0);
    },
    120_000,
  );
});
