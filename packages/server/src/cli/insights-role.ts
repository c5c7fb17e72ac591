import { startSyncWell } from '../runtime/syncwell-runtime.js';

/**
 * `syncwell insights`: the AI Insights Service as its own process (DESIGN §1), serving the
 * internal protocol on SYNCWELL_INSIGHTS_HOST:SYNCWELL_INSIGHTS_PORT. It reads the same
 * PostgreSQL and Redis as the other roles; api, worker and scheduler reach it through
 * SYNCWELL_INSIGHTS_URL and carry on without it when it is slow or down.
 */
export async function runInsightsRole(env: NodeJS.ProcessEnv): Promise<number> {
  const runtime = await startSyncWell({
    env,
    roles: { api: false, worker: false, scheduler: false, insights: true },
  });
  console.log(`syncwell insights: running at ${runtime.insights?.serverUrl ?? '(not listening)'}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`syncwell insights: ${signal} received, stopping`);
    void runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return new Promise<number>(() => undefined);
}
