import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  approveConsent,
  startGarminSimulator,
  startStravaSimulator,
  startWithingsSimulator,
  type GarminSimulator,
  type StravaSimulator,
  type WithingsSimulator,
} from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import { openTokenSet } from '../auth/connection-tokens.js';
import { SyncWellApiClient } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';

const STRAVA_VERIFY_TOKEN = 'lifecycle-verify';
const WITHINGS_CALLBACK_TOKEN = 'lifecycle-withings-token';
const GARMIN_CALLBACK_KEY = 'lifecycle-garmin-key';

/**
 * Issue 9 §1: an unsigned lifecycle notification ("this user revoked you") changes nothing by
 * itself. A forged Strava deauthorisation or Withings unlink leaves the connection active; the
 * same event after a real revocation at the provider makes it needs_reauth with one notice.
 */
describe('lifecycle events are confirmed with the provider', () => {
  let strava: StravaSimulator;
  let withings: WithingsSimulator;
  let garmin: GarminSimulator;
  let syncwell: SyncWellRuntime;
  let alice: SyncWellApiClient;
  let dataDir: string;
  let subscriptionId: number;
  const connections: Record<'stravaA' | 'stravaB' | 'withings' | 'garmin', string> = {
    stravaA: '',
    stravaB: '',
    withings: '',
    garmin: '',
  };

  beforeAll(async () => {
    strava = await startStravaSimulator({ ...DEMO_CREDENTIALS.strava, seed: 91, athletes: 2 });
    withings = await startWithingsSimulator({
      ...DEMO_CREDENTIALS.withings,
      seed: 92,
      users: 1,
      days: 1,
      workoutsPerUser: 0,
    });
    garmin = await startGarminSimulator({ ...DEMO_CREDENTIALS.garmin, seed: 93, users: 1 });
    dataDir = mkdtempSync(join(tmpdir(), 'sw-lifecycle-'));
    syncwell = await startSyncWell({
      env: {
        PORT: String(await freePort()),
        SYNCWELL_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SYNCWELL_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
        SYNCWELL_STRAVA_WEBHOOK_VERIFY_TOKEN: STRAVA_VERIFY_TOKEN,
        SYNCWELL_WITHINGS_WEBHOOK_VERIFY_TOKEN: WITHINGS_CALLBACK_TOKEN,
        SYNCWELL_GARMIN_WEBHOOK_VERIFY_TOKEN: GARMIN_CALLBACK_KEY,
        ...simulatorEnv('garmin', garmin),
        ...simulatorEnv('strava', strava),
        ...simulatorEnv('withings', withings),
      },
      schedulerTickMs: 3_600_000,
      webhookDebounceMs: 60_000,
      // The forged unlink below is checked (granted); the real one then waits out this window.
      lifecycleCheckCooldownMs: 300,
    });
    const subscribed = await fetch(`${strava.baseUrls.api}/push_subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: DEMO_CREDENTIALS.strava.clientId,
        client_secret: DEMO_CREDENTIALS.strava.clientSecret,
        callback_url: `${syncwell.url}/v1/webhooks/strava`,
        verify_token: STRAVA_VERIFY_TOKEN,
      }),
    });
    subscriptionId = ((await subscribed.json()) as { id: number }).id;
    alice = new SyncWellApiClient(syncwell.url);
    await alice.signUpAndLogIn('alice-lifecycle@example.org', 'correct horse battery staple');
    const connect = async (provider: string, account: string) =>
      (
        await alice.completeConnection(
          new URL(
            (await approveConsent(await alice.startConnection(provider), { athleteId: account })).location,
          ),
        )
      ).id;
    connections.stravaA = await connect('strava', String(strava.athletes[0]!.id));
    connections.stravaB = await connect('strava', String(strava.athletes[1]!.id));
    connections.withings = await connect('withings', String(withings.users[0]!.userid));
    await garmin.configureEndpoints(`${syncwell.url}/v1/webhooks/garmin?key=${GARMIN_CALLBACK_KEY}`, 'PUSH');
    connections.garmin = await connect('garmin', garmin.users[0]!.userId);
  }, 60_000);

  afterAll(async () => {
    await syncwell.close();
    await strava.close();
    await withings.close();
    await garmin.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const statusOf = async (id: string) => (await syncwell.store.getConnection(id))?.status;
  const notices = async () =>
    (
      await alice.call<{ notifications: { kind: string; connectionId: string | null }[] }>(
        'GET',
        '/v1/notifications',
      )
    ).notifications;
  const forgeStrava = (athleteId: number, subscription: number) =>
    fetch(`${syncwell.url}/v1/webhooks/strava`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        object_type: 'athlete',
        object_id: athleteId,
        aspect_type: 'update',
        updates: { authorized: 'false' },
        owner_id: athleteId,
        subscription_id: subscription,
        event_time: 1_700_000_000,
      }),
    });
  const forgeWithingsUnlink = (userid: number) =>
    fetch(`${syncwell.url}/v1/webhooks/withings?sw_token=${WITHINGS_CALLBACK_TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ userid: String(userid), appli: '46', action: 'unlink' }),
    });

  it('a forged Strava deauthorisation leaves the connection active, with or without our subscription id', async () => {
    const [a, b] = strava.athletes;
    expect((await forgeStrava(a!.id, subscriptionId + 7)).status).toBe(200);
    // The right subscription id is no secret: the check at Strava (GET /athlete) still says granted.
    expect((await forgeStrava(b!.id, subscriptionId)).status).toBe(200);
    expect(await statusOf(connections.stravaA)).toBe('active');
    expect(await statusOf(connections.stravaB)).toBe('active');
    expect(await notices()).toEqual([]);
  });

  it('a forged Withings unlink leaves the connection active', async () => {
    expect((await forgeWithingsUnlink(withings.users[0]!.userid)).status).toBe(200);
    expect(await statusOf(connections.withings)).toBe('active');
    expect(await notices()).toEqual([]);
  });

  it('a real revocation at Strava makes that connection needs_reauth with exactly one notice', async () => {
    const row = await syncwell.store.getConnection(connections.stravaA);
    const { accessToken } = openTokenSet(syncwell.vault, connections.stravaA, row!.tokensSealed);
    // What "Revoke access" in Strava's settings does; the simulator then sends the athlete event.
    const revoked = await fetch(`${strava.url}/oauth/deauthorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(revoked.ok).toBe(true);
    await strava.webhooksIdle();
    await expect.poll(() => statusOf(connections.stravaA), { timeout: 10_000 }).toBe('needs_reauth');
    // A replayed event finds nothing left to change and no second notice.
    await forgeStrava(strava.athletes[0]!.id, subscriptionId);
    expect(await statusOf(connections.stravaB)).toBe('active');
    expect((await notices()).map((n) => [n.kind, n.connectionId])).toEqual([
      ['connection_needs_reauth', connections.stravaA],
    ]);
  });

  it('a real unlink in Health Mate makes the Withings connection needs_reauth with one notice', async () => {
    withings.unlink(withings.users[0]!.userid);
    await expect.poll(() => statusOf(connections.withings), { timeout: 10_000 }).toBe('needs_reauth');
    await forgeWithingsUnlink(withings.users[0]!.userid);
    const withingsNotices = (await notices()).filter((n) => n.connectionId === connections.withings);
    expect(withingsNotices.map((n) => n.kind)).toEqual(['connection_needs_reauth']);
  });

  it('Garmin: a forged deregistration is checked and ignored; a real one makes needs_reauth', async () => {
    const userId = garmin.users[0]!.userId;
    const forged = await fetch(`${syncwell.url}/v1/webhooks/garmin?key=${GARMIN_CALLBACK_KEY}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deregistrations: [{ userId }] }),
    });
    expect(forged.status).toBe(200);
    expect(await statusOf(connections.garmin)).toBe('active');

    const row = await syncwell.store.getConnection(connections.garmin);
    const { accessToken } = openTokenSet(syncwell.vault, connections.garmin, row!.tokensSealed);
    // The user removes SyncWell in Garmin Connect: the registration and its tokens end, the push follows.
    const deregistered = await fetch(`${garmin.baseUrls.api}/wellness-api/rest/user/registration`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(deregistered.status).toBe(204);
    await expect.poll(() => statusOf(connections.garmin), { timeout: 10_000 }).toBe('needs_reauth');
    const garminNotices = (await notices()).filter((n) => n.connectionId === connections.garmin);
    expect(garminNotices.map((n) => n.kind)).toEqual(['connection_needs_reauth']);
  });
});
