/**
 * What packages above the server (the dev launcher in packages/devstack, bench) build on: start
 * SyncWell in-process, talk to its API, print its banner. The production entry point is
 * `cli/main.ts`; nothing here loads simulators.
 */
export { startSyncWell } from './runtime/syncwell-runtime.js';
export type { SyncWellRuntime, SyncWellRuntimeOptions } from './runtime/syncwell-runtime.js';
export { freePort } from './runtime/free-port.js';
export { stopOnSignals } from './runtime/stop-on-signals.js';
export { createApiLogger } from './http/api-logger.js';
export { providerEnvName } from './config/load-config.js';
export { renderStartBanner, type StartBanner } from './cli/start-banner.js';
export { SyncWellApiClient, SyncWellApiError, type RunView } from './client/api-client.js';
