import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataType, ProviderId, Workout } from '@syncwell/core';
import { PROVIDER_MODULES } from '@syncwell/providers';
import {
  approveConsent,
  generateWorkouts,
  startStravaSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncWellApiClient, SyncWellApiError } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';
import { MATRIX_SOURCES, matrixEnv, type MatrixSource } from './provider-matrix-sources.js';

/** Every provider whose facts say it can read workouts, in registry order. */
const WORKOUT_READERS: readonly ProviderId[] = [...PROVIDER_MODULES.values()]
  .filter((module) => module.facts.capabilities.readable.includes('workout'))
  .map((module) => module.facts.id);
const WORKOUTS_PER_SOURCE = 2;
const toSecond = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * The provider matrix, end to end over real HTTP on the embedded default: for each workout
 * reader, "<provider> workouts → Strava" through both simulators' consent pages and the public
 * API, one sync that moves exactly the seeded workouts, and a second that writes nothing. Then
 * what no API allows: no provider but Strava writes anything, and rules asking for it are 422.
 */
describe('provider matrix: <provider> workouts → Strava (embedded default)', () => {
  let strava: StravaSimulator;
  let syncwell: SyncWellRuntime;
  let client: SyncWellApiClient;
  let dataDir: string;
  const sources = new Map<ProviderId, MatrixSource>();
  const seeded = new Map<ProviderId, readonly Workout[]>();
  /** The Strava athlete each source's rule writes to (one each, so their contents stay apart). */
  const destinationOf = new Map<ProviderId, number>();
  const connectionOf = new Map<string, string>();

  beforeAll(async () => {
    strava = await startStravaSimulator({
      clientId: '90211',
      clientSecret: 'strava-matrix-secret',
      seed: 80,
      athletes: WORKOUT_READERS.length + 1,
      activitiesPerAthlete: 0,
      uploadProcessingMs: 10,
    });
    const spareStravaAthleteId = strava.athletes[WORKOUT_READERS.length]!.id;
    const endBefore = new Date(Date.now() - 30 * 60_000);
    for (const [index, provider] of WORKOUT_READERS.entries()) {
      destinationOf.set(provider, strava.athletes[index]!.id);
      const factory = MATRIX_SOURCES[provider];
      if (factory === undefined) continue;
      const source = await factory({ strava, spareStravaAthleteId });
      sources.set(provider, source);
      const workouts = generateWorkouts({
        seed: 9100 + index,
        count: WORKOUTS_PER_SOURCE,
        provider,
        endBefore,
      });
      for (const workout of workouts) await source.add(workout);
      seeded.set(provider, workouts);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'sw-matrix-'));
    syncwell = await startSyncWell({
      env: {
        PORT: String(await freePort()),
        SYNCWELL_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SYNCWELL_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
        SYNCWELL_STRAVA_POLL_INTERVAL_MS: '20',
        ...matrixEnv('strava', strava, { clientId: '90211', clientSecret: 'strava-matrix-secret' }),
        ...Object.assign({}, ...[...sources.values()].map((s) => s.env)),
      },
      schedulerTickMs: 3_600_000,
    });
    client = new SyncWellApiClient(syncwell.url);
    await client.signUpAndLogIn('matrix@example.org', 'correct horse battery staple');
  }, 60_000);

  afterAll(async () => {
    await syncwell.close();
    await Promise.all([strava.close(), ...[...sources.values()].map((s) => s.close())]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Connects (or reconnects: same connection id) an account through the consent page. */
  async function connect(provider: ProviderId, account: string): Promise<string> {
    const key = `${provider}:${account}`;
    const known = connectionOf.get(key);
    if (known !== undefined) return known;
    const consent = await approveConsent(await client.startConnection(provider), { athleteId: account });
    expect(consent.error, `${provider} consent refused`).toBeUndefined();
    const connection = await client.completeConnection(new URL(consent.location));
    expect(connection.status).toBe('active');
    connectionOf.set(key, connection.id);
    return connection.id;
  }

  async function ruleRefusal(rule: {
    sourceConnectionId: string;
    destinationConnectionId: string;
    dataTypes: DataType[];
  }): Promise<{ status: number; body: unknown }> {
    try {
      await client.createRule(rule);
    } catch (error) {
      if (error instanceof SyncWellApiError) return { status: error.status, body: error.body };
      throw error;
    }
    return { status: 201, body: 'created' };
  }

  it.each(WORKOUT_READERS)('%s workouts → Strava: exactly the seeded workouts, once', async (provider) => {
    const source = sources.get(provider);
    if (source === undefined)
      throw new Error(
        `${provider} declares readable workouts but the provider matrix has no simulator for it; ` +
          'add one to packages/server/src/e2e/provider-matrix-sources.ts',
      );
    const destinationAthlete = destinationOf.get(provider)!;
    const rule = await client.createRule({
      sourceConnectionId: await connect(provider, source.account),
      destinationConnectionId: await connect('strava', String(destinationAthlete)),
      dataTypes: ['workout'],
    });

    const run = await client.syncAndWait(rule.id, 30_000);
    expect(run.status, JSON.stringify(run)).toBe('succeeded');
    expect(run.counts).toMatchObject({ written: WORKOUTS_PER_SOURCE, failed: 0 });
    expect((run.items ?? []).map((item) => item.code)).toEqual(
      Array<string>(WORKOUTS_PER_SOURCE).fill('SW_ITEM_WRITTEN'),
    );

    const activities = strava.activitiesOf(destinationAthlete);
    const byStart = new Map(activities.map((a) => [toSecond(a.startDate), a]));
    expect(activities).toHaveLength(WORKOUTS_PER_SOURCE);
    for (const workout of seeded.get(provider)!) {
      const activity = byStart.get(toSecond(workout.startTime));
      expect(activity, `${provider}: no Strava activity starting ${workout.startTime}`).toBeDefined();
      const elapsed = (Date.parse(workout.endTime) - Date.parse(workout.startTime)) / 1000;
      expect(Math.abs(activity!.elapsedTime - elapsed), `${provider}: elapsed time`).toBeLessThanOrEqual(1);
      if (source.carries.distance)
        expect(
          Math.abs(activity!.distance - workout.distance!.value),
          `${provider}: distance`,
        ).toBeLessThanOrEqual(1);
      expect(activity!.trackPointCount, `${provider}: GPS points`).toBe(
        source.carries.track ? workout.track!.length : 0,
      );
    }

    const again = await client.syncAndWait(rule.id, 30_000);
    expect(again.status, JSON.stringify(again)).toBe('succeeded');
    expect(again.counts).toMatchObject({ written: 0, failed: 0 });
    expect(strava.activitiesOf(destinationAthlete)).toHaveLength(WORKOUTS_PER_SOURCE);
  });

  it('GET /v1/providers: no provider but Strava declares a writable data type', async () => {
    const response = await fetch(`${syncwell.url}/v1/providers`);
    expect(response.status).toBe(200);
    const { providers } = (await response.json()) as {
      providers: { id: string; readable: string[]; writable: string[] }[];
    };
    expect(providers.map((p) => p.id).sort()).toEqual(['strava', ...sources.keys()].filter(unique).sort());
    expect(providers.filter((p) => p.writable.length > 0).map((p) => [p.id, p.writable])).toEqual([
      ['strava', ['workout']],
    ]);
  });

  it('a rule whose destination cannot write the data type answers 422 SW_RULE_INVALID', async () => {
    const stravaSource = await connect('strava', String(strava.athletes[WORKOUT_READERS.length]!.id));
    const stravaDestination = await connect('strava', String(destinationOf.get('strava')!));
    for (const [provider, source] of sources) {
      if (provider === 'strava') continue;
      const other = await connect(provider, source.account);
      // Workouts into a read-only provider.
      const intoReadOnly = await ruleRefusal({
        sourceConnectionId: stravaSource,
        destinationConnectionId: other,
        dataTypes: ['workout'],
      });
      expect(intoReadOnly, `strava → ${provider}`).toMatchObject({
        status: 422,
        body: {
          code: 'SW_RULE_INVALID',
          details: { reason: 'unsupported_data_types', unwritable: ['workout'] },
        },
      });
      // Every non-workout type the provider reads, into Strava (which writes workouts only).
      const others = PROVIDER_MODULES.get(provider)!.facts.capabilities.readable.filter(
        (t) => t !== 'workout',
      );
      if (others.length === 0) continue;
      const intoStrava = await ruleRefusal({
        sourceConnectionId: other,
        destinationConnectionId: stravaDestination,
        dataTypes: [...others],
      });
      expect(intoStrava, `${provider} ${others.join(',')} → strava`).toMatchObject({
        status: 422,
        body: { code: 'SW_RULE_INVALID', details: { unwritable: others } },
      });
    }
  });
});

function unique<T>(value: T, index: number, all: readonly T[]): boolean {
  return all.indexOf(value) === index;
}
