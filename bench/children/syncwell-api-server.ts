import { benchDestinationModule, benchSourceModule } from '@syncwell/testbed';
import { startSyncWell } from '../../packages/server/src/runtime/syncwell-runtime.js';
import { announce } from '../support/child-process.js';

/**
 * P1's subject: the api role alone on PostgreSQL + Redis (DATABASE_URL, REDIS_URL from the
 * parent), in its own process as in production. No worker: the queue just fills.
 */
const runtime = await startSyncWell({
  env: process.env,
  roles: { api: true, worker: false, scheduler: false },
  modules: [benchSourceModule(), benchDestinationModule()],
});
announce('BENCH_READY', { url: runtime.url });
process.once('SIGTERM', () => void runtime.close(5_000).then(() => process.exit(0)));
