import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncWellApiClient } from '../../client/api-client.js';
import { approveConsent } from '@syncwell/testbed';
import { startSpineStack, type SpineStack } from '../../e2e/spine-stack.js';

/*
 * GET /v1/conflicts/:id reads both records live from the two providers (DESIGN §5, §10),
 * through the real Polar and Strava simulators and the whole embedded SyncWell.
 */
let stack: SpineStack;
let client: SyncWellApiClient;
let conflictId: string;
let polarDistance: number;
let stravaActivityId: number;

interface Field {
  key: string;
  value: string | number;
  unit: string | null;
}
interface Version {
  provider: string;
  unavailableCode: string | null;
  fields: Field[];
}
interface ConflictBody {
  conflict: { id: string; versions: { source: Version; destination: Version } | null };
}

beforeAll(async () => {
  stack = await startSpineStack({ polarWorkouts: 2 });
  client = new SyncWellApiClient(stack.syncwell.url);
  await client.signUpAndLogIn('versions@example.org', 'a very long password');
  const connect = async (provider: string) => {
    const consent = await approveConsent(await client.startConnection(provider));
    return client.completeConnection(new URL(consent.location));
  };
  const polar = await connect('polar');
  const strava = await connect('strava');
  const [first] = stack.polar.exercisesOf(stack.polar.athletes[0]!.id).map((e) => e.workout);
  if (first?.distance === undefined) throw new Error('expected a Polar workout with a distance');
  polarDistance = first.distance.value;
  stravaActivityId = stack.strava.addActivity(stack.strava.athletes[0]!.id, {
    ...first,
    distance: { value: Math.round(polarDistance * 1.5), unit: 'm' },
  }).id;
  const { rule } = await client.call<{ rule: { id: string } }>('POST', '/v1/rules', {
    sourceConnectionId: polar.id,
    destinationConnectionId: strava.id,
    dataTypes: ['workout'],
    conflictStrategy: 'ask',
  });
  await client.syncAndWait(rule.id, 60_000);
  const { conflicts } = await client.call<{ conflicts: { id: string }[] }>('GET', '/v1/conflicts');
  conflictId = conflicts[0]!.id;
}, 120_000);
afterAll(async () => {
  await stack.stop();
});

const field = (version: Version, key: string) => version.fields.find((f) => f.key === key);

describe('a conflict with both versions read live', () => {
  it('shows the Polar and the Strava record side by side, values and units included', async () => {
    const { conflict } = await client.call<ConflictBody>('GET', `/v1/conflicts/${conflictId}`);
    const versions = conflict.versions!;
    expect(versions.source).toMatchObject({ provider: 'polar', unavailableCode: null });
    expect(versions.destination).toMatchObject({ provider: 'strava', unavailableCode: null });
    expect(field(versions.source, 'distance')).toEqual({ key: 'distance', value: polarDistance, unit: 'm' });
    expect(field(versions.destination, 'distance')?.value).toBeCloseTo(Math.round(polarDistance * 1.5), 0);
    expect(field(versions.source, 'startTime')?.unit).toBe('instant');
    expect(field(versions.source, 'sport')?.unit).toBeNull();
    // Where it came from stays out of the comparison.
    expect(versions.source.fields.map((f) => f.key)).not.toContain('provenance.externalId');
  });

  it('says a side is gone when the provider no longer has the record', async () => {
    stack.strava.deleteActivity(stravaActivityId);
    const { conflict } = await client.call<ConflictBody>('GET', `/v1/conflicts/${conflictId}`);
    expect(conflict.versions?.destination).toEqual({
      provider: 'strava',
      unavailableCode: 'SW_NOT_FOUND',
      fields: [],
    });
    expect(conflict.versions?.source.unavailableCode).toBeNull();
  });
});
