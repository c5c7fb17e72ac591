import { approveConsent } from '@syncwell/testbed';
import { SyncWellApiClient, type RunView } from '@syncwell/server';
import type { WebStack } from './web-stack.js';

export interface SeededAccount {
  readonly email: string;
  readonly password: string;
  readonly ruleId: string;
  readonly run: RunView;
  readonly conflictId: string;
}

/**
 * A person a few minutes into SyncWell, set up through the public API and the simulators'
 * consent pages (fast; the journeys click the same steps): Polar and Strava connected, a rule
 * "Polar workouts to Strava, ask me on a conflict", one sync run done that copied two workouts
 * and stopped at a third that Strava already holds with a different distance.
 */
export async function seedAccount(stack: WebStack, email: string, password: string): Promise<SeededAccount> {
  const client = new SyncWellApiClient(stack.url);
  await client.signUpAndLogIn(email, password);
  const connect = async (provider: string) => {
    const consent = await approveConsent(await client.startConnection(provider));
    return client.completeConnection(new URL(consent.location));
  };
  const polar = await connect('polar');
  const strava = await connect('strava');
  const polarAthlete = stack.polar.athletes[0]?.id ?? 0;
  const [first] = stack.polar.exercisesOf(polarAthlete).map((exercise) => exercise.workout);
  if (first?.distance === undefined) throw new Error('the Polar simulator seeded no workout with a distance');
  stack.strava.addActivity(stack.strava.athletes[0]?.id ?? 0, {
    ...first,
    distance: { value: Math.round(first.distance.value * 1.5), unit: 'm' },
  });
  const { rule } = await client.call<{ rule: { id: string } }>('POST', '/v1/rules', {
    sourceConnectionId: polar.id,
    destinationConnectionId: strava.id,
    dataTypes: ['workout'],
    conflictStrategy: 'ask',
  });
  const run = await client.syncAndWait(rule.id, 60_000);
  const { conflicts } = await client.call<{ conflicts: { id: string }[] }>('GET', '/v1/conflicts');
  const conflictId = conflicts[0]?.id;
  if (conflictId === undefined) throw new Error(`the seeded sync made no conflict (run ${run.status})`);
  return { email, password, ruleId: rule.id, run, conflictId };
}
