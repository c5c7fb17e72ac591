import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  approveConsent,
  generateWorkouts,
  startStravaSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import { SyncWellApiClient, type RunView } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';

const VERIFY_TOKEN = 'syncwell-e2e-verify';

/**
 * Webhooks first: Strava's subscription handshake reaches our endpoint, a new activity's event
 * is verified and turns into one debounced targeted sync, and a forged handshake is refused.
 */
describe('webhook-driven sync (Strava push subscription)', () => {
  let strava: StravaSimulator;
  let syncwell: SyncWellRuntime;
  let client: SyncWellApiClient;
  let dataDir: string;

  beforeAll(async () => {
    strava = await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 71,
      athletes: 2,
      uploadProcessingMs: 10,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'sw-webhook-'));
    syncwell = await startSyncWell({
      env: {
        PORT: String(await freePort()),
        SYNCWELL_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SYNCWELL_MASTER_KEY: Buffer.alloc(32, 3).toString('base64'),
        SYNCWELL_STRAVA_POLL_INTERVAL_MS: '20',
        SYNCWELL_STRAVA_WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
        ...simulatorEnv('strava', strava),
      },
      schedulerTickMs: 3_600_000,
      webhookDebounceMs: 200,
    });
    client = new SyncWellApiClient(syncwell.url);
    await client.signUpAndLogIn('webhooks@example.org', 'correct horse battery staple');
  }, 60_000);

  afterAll(async () => {
    await syncwell.close();
    await strava.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function subscribe(verifyToken: string): Promise<Response> {
    return fetch(`${strava.baseUrls.api}/push_subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: DEMO_CREDENTIALS.strava.clientId,
        client_secret: DEMO_CREDENTIALS.strava.clientSecret,
        callback_url: `${syncwell.url}/v1/webhooks/strava`,
        verify_token: verifyToken,
      }),
    });
  }

  it('refuses a subscription handshake with the wrong verify token', async () => {
    expect((await subscribe('not-ours')).status).toBe(400);
  });

  it('a new activity at the source triggers one targeted sync that writes it', async () => {
    expect((await subscribe(VERIFY_TOKEN)).status).toBe(201);
    const [first, second] = strava.athletes;
    const connect = async (athleteId: number) =>
      client.completeConnection(
        new URL(
          (await approveConsent(await client.startConnection('strava'), { athleteId: String(athleteId) }))
            .location,
        ),
      );
    const source = await connect(first!.id);
    const destination = await connect(second!.id);
    await client.createRule({
      sourceConnectionId: source.id,
      destinationConnectionId: destination.id,
      dataTypes: ['workout'],
    });

    const [workout] = generateWorkouts({ seed: 5, count: 1, provider: 'strava', endBefore: new Date() });
    strava.addActivity(first!.id, workout!);
    strava.addActivity(
      first!.id,
      generateWorkouts({ seed: 6, count: 1, provider: 'strava', endBefore: new Date() })[0]!,
    );
    await strava.webhooksIdle();

    let runs: RunView[] = [];
    for (let i = 0; i < 100 && !runs.some((r) => r.status === 'succeeded'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      runs = (await client.call<{ runs: RunView[] }>('GET', '/v1/runs')).runs;
    }
    expect(runs.map((r) => r.trigger)).toEqual(['webhook']); // two events, one debounced run
    expect(runs[0]!.status).toBe('succeeded');
    expect(strava.activitiesOf(second!.id)).toHaveLength(2);
  });
});
