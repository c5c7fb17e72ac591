import type { RunView, SyncWellApiClient } from '@syncwell/server';
import type { PolarSimulator } from '@syncwell/testbed';
import { describeRun } from './demo-flow.js';
import { waitForTriggeredRun } from './triggered-run.js';

/**
 * The demo's last step, possible when it controls the simulators: the Polar athlete records a
 * new workout, Polar sends its signed webhook, and SyncWell syncs the rule without being asked.
 */
export async function demonstratePush(
  polar: PolarSimulator,
  client: SyncWellApiClient,
  ruleId: string,
  log: (line: string) => void,
): Promise<RunView> {
  const athlete = polar.athletes[0];
  if (athlete === undefined) throw new Error('the Polar simulator has no athlete');
  await polar.addExercise(athlete.id);
  const run = await waitForTriggeredRun(client, ruleId, 'webhook');
  log(
    `6. Recorded a new workout at Polar; Polar's signed webhook made SyncWell sync it: ${describeRun(run)}`,
  );
  return run;
}
