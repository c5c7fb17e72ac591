import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import {
  approveConsent,
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTokenSet } from '../auth/connection-tokens.js';
import type { SyncWellApiError } from '../client/api-client.js';
import { SyncWellApiClient } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { DATA_FILES } from '../runtime/data-dir.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';

/*
 * The embedded default as a user runs it (`syncwell start`: master.key generated, SQLite in the
 * data directory, insights in-process), under a permissive umask, through one real sync with
 * conflicts under the `ai_suggestion` strategy (issue 9 §1):
 * - the data directory is 0700 and its files 0600;
 * - `ai_suggestion` is accepted and answered by the in-process insights service;
 * - the log lines of all that name the error codes and hold no secret.
 */
const EMAIL = 'embedded-security@example.org';
const PASSWORD = 'correct horse battery staple';

let polar: PolarSimulator;
let strava: StravaSimulator;
let runtime: SyncWellRuntime;
let dataDir: string;
let client: SyncWellApiClient;
let umask: number;
const logLines: string[] = [];
let ruleId = '';
const ids = { polar: '', strava: '' };

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => error as SyncWellApiError,
  );

beforeAll(async () => {
  umask = process.umask(0o022);
  [polar, strava] = await Promise.all([
    startPolarSimulator({ ...DEMO_CREDENTIALS.polar, seed: 71, athletes: 1, workoutsPerAthlete: 3 }),
    startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: 72,
      athletes: 1,
      activitiesPerAthlete: 0,
      uploadProcessingMs: 1,
    }),
  ]);
  dataDir = join(mkdtempSync(join(tmpdir(), 'syncwell-embedded-security-')), 'data');
  runtime = await startSyncWell({
    env: {
      PORT: String(await freePort()),
      SYNCWELL_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...simulatorEnv('polar', polar),
      ...simulatorEnv('strava', strava),
    },
    schedulerTickMs: 3_600_000,
    logDestination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(chunk.toString('utf8'));
        callback();
      },
    }),
  });
  client = new SyncWellApiClient(runtime.url);
  await client.signUpAndLogIn(EMAIL, PASSWORD);
  const connect = async (provider: string) =>
    client.completeConnection(
      new URL((await approveConsent(await client.startConnection(provider))).location),
    );
  ids.polar = (await connect('polar')).id;
  ids.strava = (await connect('strava')).id;
  // Strava already holds another version of every Polar workout: each one is a conflict.
  for (const { workout } of polar.exercisesOf(polar.athletes[0]!.id)) {
    const { track: _track, ...rest } = workout;
    strava.addActivity(strava.athletes[0]!.id, {
      ...rest,
      distance: { value: (workout.distance?.value ?? 5000) * 0.7, unit: 'm' },
    });
  }
}, 120_000);

afterAll(async () => {
  process.umask(umask);
  await runtime.close();
  await Promise.all([polar.close(), strava.close()]);
  rmSync(join(dataDir, '..'), { recursive: true, force: true });
});

describe('the embedded default, hardened (issue 9)', () => {
  it('accepts ai_suggestion and settles conflicts with the in-process insights service', async () => {
    const { rule } = await client.call<{ rule: { id: string; conflictStrategy: string } }>(
      'POST',
      '/v1/rules',
      {
        sourceConnectionId: ids.polar,
        destinationConnectionId: ids.strava,
        dataTypes: ['workout'],
        conflictStrategy: 'ai_suggestion',
      },
    );
    expect(rule.conflictStrategy).toBe('ai_suggestion');
    ruleId = rule.id;
    const run = await client.syncAndWait(ruleId, 60_000);
    expect(run.status).toBe('succeeded');
    const { conflicts } = await client.call<{ conflicts: { id: string }[] }>(
      'GET',
      `/v1/conflicts?ruleId=${ruleId}`,
    );
    expect(conflicts.length).toBeGreaterThan(0);
    const { conflict } = await client.call<{
      conflict: { versions: { suggestedBy: string | null; suggestion: { preferred: string } | null } | null };
    }>('GET', `/v1/conflicts/${conflicts[0]!.id}`);
    expect(conflict.versions?.suggestedBy).toBe('service');
    expect(conflict.versions?.suggestion?.preferred).toMatch(/source|destination|merge/);
  }, 90_000);

  it('refuses a duplicate rule and a disabled rule sync with their codes', async () => {
    const duplicate = await rejection(
      client.call('POST', '/v1/rules', {
        sourceConnectionId: ids.polar,
        destinationConnectionId: ids.strava,
        dataTypes: ['workout'],
      }),
    );
    expect(duplicate.status).toBe(409);
    expect(JSON.stringify(duplicate.body)).toContain('SW_RULE_DUPLICATE');
    await client.call('PATCH', `/v1/rules/${ruleId}`, { enabled: false });
    const disabled = await rejection(client.triggerSync(ruleId));
    expect(disabled.status).toBe(409);
    expect(JSON.stringify(disabled.body)).toContain('SW_RULE_DISABLED');
  });

  it('keeps the data directory 0700 and its files 0600 under umask 022', () => {
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    for (const name of DATA_FILES) {
      expect([name, (statSync(join(dataDir, name)).mode & 0o777).toString(8)]).toEqual([name, '600']);
    }
  });

  it('logs the error codes, run ids and routes, and none of the secrets', async () => {
    const text = logLines.join('');
    const lines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((l) => l.code === 'SW_RULE_DUPLICATE')).toBe(true);
    expect(lines.some((l) => l.code === 'SW_RULE_DISABLED')).toBe(true);
    expect(lines.some((l) => l.route === '/v1/rules/:id/sync')).toBe(true);
    expect(text).not.toContain('"code":"[redacted]"');
    const { runs } = await client.call<{ runs: { id: string }[] }>('GET', `/v1/runs?ruleId=${ruleId}`);
    expect(text).toContain(runs[0]!.id);

    const secrets: string[] = [EMAIL, PASSWORD];
    for (const id of [ids.polar, ids.strava]) {
      const connection = await runtime.store.getConnection(id);
      const tokens = openTokenSet(runtime.vault, id, connection!.tokensSealed);
      secrets.push(tokens.accessToken, connection!.tokensSealed, connection!.externalUserId);
      if (tokens.refreshToken !== null) secrets.push(tokens.refreshToken);
    }
    for (const secret of secrets) expect(text, 'a secret reached the logs').not.toContain(secret);
  });
});
