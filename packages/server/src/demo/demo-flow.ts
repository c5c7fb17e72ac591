import { approveConsent } from '@syncwell/testbed';
import { SyncWellApiClient, type RunView } from './api-client.js';

export interface DemoResult {
  readonly ruleId: string;
  readonly polarConnectionId: string;
  readonly stravaConnectionId: string;
  readonly run: RunView;
}

/**
 * The first-sync story a new user lives through, driven over the public API and the providers'
 * real consent pages: sign up, connect Polar, connect Strava, rule "Polar workouts to Strava",
 * sync. Used by `syncwell demo`, `npm start -- --demo` and the end-to-end tests.
 */
export async function runDemoFlow(
  apiUrl: string,
  log: (line: string) => void = () => undefined,
  email = `demo-${Date.now()}@syncwell.local`,
): Promise<DemoResult & { client: SyncWellApiClient }> {
  const client = new SyncWellApiClient(apiUrl);
  await client.signUpAndLogIn(email, 'correct horse battery staple');
  log(`signed up as ${email}`);

  const polar = await connect(client, 'polar');
  log(`connected Polar (connection ${polar.id})`);
  const strava = await connect(client, 'strava');
  log(`connected Strava (connection ${strava.id})`);

  const rule = await client.createRule({
    sourceConnectionId: polar.id,
    destinationConnectionId: strava.id,
    dataTypes: ['workout'],
  });
  log(`created rule "Polar workouts to Strava" (${rule.id})`);

  const run = await client.syncAndWait(rule.id, 120_000);
  log(
    `sync ${run.status}: read ${run.counts.read}, wrote ${run.counts.written}, skipped ${run.counts.skipped}, failed ${run.counts.failed}`,
  );
  for (const item of run.items ?? []) {
    log(
      `  ${item.dataType} ${item.externalId} → ${item.outcome} (${item.code})${item.destinationId ? ` as ${item.destinationId}` : ''}`,
    );
  }
  return { client, ruleId: rule.id, polarConnectionId: polar.id, stravaConnectionId: strava.id, run };
}

async function connect(client: SyncWellApiClient, provider: string) {
  const authorizeUrl = await client.startConnection(provider);
  const consent = await approveConsent(authorizeUrl);
  return client.completeConnection(new URL(consent.location));
}
