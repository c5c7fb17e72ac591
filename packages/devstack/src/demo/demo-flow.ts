import { SyncWellApiClient, type RunView } from '@syncwell/server';
import { approveConsent } from '@syncwell/testbed';

export interface DemoResult {
  readonly ruleId: string;
  readonly polarConnectionId: string;
  readonly stravaConnectionId: string;
  readonly run: RunView;
}

/**
 * The first-sync story a new user lives through, driven over the public API and the providers'
 * real consent pages: sign up, connect Polar, connect Strava, rule "Polar workouts to Strava",
 * sync. `log` gets one numbered, readable line per step. Used by `npm run demo`,
 * `npm start -- --demo` and the end-to-end tests.
 */
export async function runDemoFlow(
  apiUrl: string,
  log: (line: string) => void = () => undefined,
  email = `demo-${Date.now()}@syncwell.local`,
): Promise<DemoResult & { client: SyncWellApiClient }> {
  const client = new SyncWellApiClient(apiUrl);
  await client.signUpAndLogIn(email, 'correct horse battery staple');
  log(`1. Signed up and logged in as ${email}`);

  const polar = await connect(client, 'polar');
  log(`2. Connected Polar: approved its consent page, SyncWell stored the tokens (connection ${polar.id})`);
  const strava = await connect(client, 'strava');
  log(`3. Connected Strava the same way (connection ${strava.id})`);

  const rule = await client.createRule({
    sourceConnectionId: polar.id,
    destinationConnectionId: strava.id,
    dataTypes: ['workout'],
  });
  log(`4. Created the rule "Polar workouts to Strava" (rule ${rule.id})`);

  const run = await client.syncAndWait(rule.id, 120_000);
  log(`5. Synced now: ${describeRun(run)}`);
  for (const item of run.items ?? []) log(`     ${describeItem(item)}`);
  return { client, ruleId: rule.id, polarConnectionId: polar.id, stravaConnectionId: strava.id, run };
}

/** `succeeded: read 3, wrote 3, skipped 0, failed 0 (run r_…)` */
export function describeRun(run: RunView): string {
  const { read, written, skipped, failed } = run.counts;
  return `${run.status}: read ${read}, wrote ${written}, skipped ${skipped}, failed ${failed} (run ${run.id})`;
}

function describeItem(item: NonNullable<RunView['items']>[number]): string {
  const where = item.destinationId === null ? '' : ` as Strava activity ${item.destinationId}`;
  return `${item.dataType} ${item.externalId}: ${item.outcome}${where} (${item.code})`;
}

async function connect(client: SyncWellApiClient, provider: string) {
  const authorizeUrl = await client.startConnection(provider);
  const consent = await approveConsent(authorizeUrl);
  return client.completeConnection(new URL(consent.location));
}
