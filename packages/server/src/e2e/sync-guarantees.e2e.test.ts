import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveConsent, startPolarSimulator, startStravaSimulator } from '@syncwell/testbed';
import type { PolarSimulator, StravaSimulator } from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import { SyncWellApiClient } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';

/**
 * What users complain about most, checked end to end: a rule pair A→B and B→A converges with
 * no ping-pong, and reconnecting an account re-syncs nothing already synced.
 */
describe('sync guarantees (embedded default)', () => {
  let polar: PolarSimulator;
  let strava: StravaSimulator;
  let syncwell: SyncWellRuntime;
  let client: SyncWellApiClient;
  let dataDir: string;

  beforeAll(async () => {
    polar = await startPolarSimulator({
      ...DEMO_CREDENTIALS.polar,
      seed: 51,
      athletes: 1,
      workoutsPerAthlete: 2,
    });
    strava = await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 52,
      athletes: 2,
      activitiesPerAthlete: 2,
      uploadProcessingMs: 10,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'sw-guarantees-'));
    syncwell = await startSyncWell({
      env: {
        PORT: String(await freePort()),
        SYNCWELL_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SYNCWELL_MASTER_KEY: Buffer.alloc(32, 6).toString('base64'),
        SYNCWELL_STRAVA_POLL_INTERVAL_MS: '20',
        ...simulatorEnv('polar', polar),
        ...simulatorEnv('strava', strava),
      },
      schedulerTickMs: 3_600_000,
    });
    client = new SyncWellApiClient(syncwell.url);
    await client.signUpAndLogIn('guarantees@example.org', 'correct horse battery staple');
  }, 60_000);

  afterAll(async () => {
    await syncwell.close();
    await Promise.all([polar.close(), strava.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function connect(provider: string, athleteId?: number) {
    const consent = await approveConsent(
      await client.startConnection(provider),
      athleteId === undefined ? {} : { athleteId: String(athleteId) },
    );
    return client.completeConnection(new URL(consent.location));
  }

  it('a rule pair A→B and B→A converges: each side ends with everything once, and stays so', async () => {
    const [first, second] = strava.athletes;
    const a = await connect('strava', first!.id);
    const b = await connect('strava', second!.id);
    const aToB = await client.createRule({
      sourceConnectionId: a.id,
      destinationConnectionId: b.id,
      dataTypes: ['workout'],
    });
    const bToA = await client.createRule({
      sourceConnectionId: b.id,
      destinationConnectionId: a.id,
      dataTypes: ['workout'],
    });

    expect((await client.syncAndWait(aToB.id)).counts.written).toBe(2);
    // B now holds its own two and A's two (tagged by us). Only B's own may travel back: the copies
    // are recognised as ours, not merely caught by Strava's duplicate check.
    const back = await client.syncAndWait(bToA.id);
    const codes = (back.items ?? []).map((item) => item.code).sort();
    expect(codes).toEqual([
      'SW_ITEM_LOOP_PREVENTED',
      'SW_ITEM_LOOP_PREVENTED',
      'SW_ITEM_WRITTEN',
      'SW_ITEM_WRITTEN',
    ]);
    for (let round = 0; round < 2; round++) {
      await client.syncAndWait(aToB.id);
      await client.syncAndWait(bToA.id);
    }
    const startsOf = (athleteId: number) =>
      strava
        .activitiesOf(athleteId)
        .map((x) => x.startDate)
        .sort();
    expect(startsOf(first!.id)).toHaveLength(4);
    expect(startsOf(first!.id)).toEqual(startsOf(second!.id));

    // Quiet now: another round in both directions writes nothing.
    const quietA = await client.syncAndWait(aToB.id);
    const quietB = await client.syncAndWait(bToA.id);
    expect(quietA.counts.written + quietB.counts.written).toBe(0);
    expect([quietA.counts.failed, quietB.counts.failed]).toEqual([0, 0]);
  });

  it('reconnecting both accounts re-syncs nothing already synced', async () => {
    const source = await connect('polar');
    const destination = await connect('strava', strava.athletes[0]!.id);
    const rule = await client.createRule({
      sourceConnectionId: source.id,
      destinationConnectionId: destination.id,
      dataTypes: ['workout'],
    });
    expect((await client.syncAndWait(rule.id)).counts.written).toBe(2);
    const before = strava.activitiesOf(strava.athletes[0]!.id).length;

    const reconnectedSource = await connect('polar');
    const reconnectedDestination = await connect('strava', strava.athletes[0]!.id);
    expect([reconnectedSource.id, reconnectedDestination.id]).toEqual([source.id, destination.id]);

    const after = await client.syncAndWait(rule.id);
    expect(after.status).toBe('succeeded');
    expect(after.counts.written).toBe(0);
    expect(strava.activitiesOf(strava.athletes[0]!.id)).toHaveLength(before);
  });
});
