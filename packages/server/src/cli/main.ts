#!/usr/bin/env node
import { SyncWellError } from '@syncwell/core';
import { runBackfillCli } from '../backfill/backfill-cli.js';
import { stopOnSignals } from '../runtime/stop-on-signals.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';
import { runInsightsRole } from './insights-role.js';
import { runRotateKeyCommand } from './rotate-key-command.js';
import { renderStartBanner } from './start-banner.js';

// The production CLI: no simulator or demo code is reachable from here (a test spawns each role
// and checks that no testbed module loads). `npm start` / `npm run demo` live in packages/devstack.
const USAGE = `usage: syncwell <command> [options]

commands:
  start                                run every role in one process (embedded SQLite + in-process queue,
                                       or PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set)
  api | worker | scheduler             run one role (needs DATABASE_URL and REDIS_URL)
  insights                             run the AI Insights Service (SYNCWELL_INSIGHTS_PORT; others reach it at SYNCWELL_INSIGHTS_URL)
  migrate                              create or upgrade the database, then exit
  rotate-key                           re-seal every stored token under a new master key (SYNCWELL_MASTER_KEY, old keys in
                                       SYNCWELL_PREVIOUS_MASTER_KEYS; or a new master.key with SyncWell stopped); resumable
  backfill <ruleId> [--from D] [--to D] backfill a rule's history through the running API, with a progress bar
                                       (as SYNCWELL_EMAIL / SYNCWELL_PASSWORD; API at PUBLIC_URL or --url)

SyncWell with simulated provider clouds and a scripted first sync are development tools of the
repository: \`npm start\` and \`npm run demo\` in a checkout.
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...flags] = argv;
  switch (command) {
    case 'start':
      return start(flags);
    case 'api':
    case 'worker':
    case 'scheduler':
      return runRole(command);
    case 'insights':
      return runInsightsRole(process.env);
    case 'migrate': {
      const runtime = await startSyncWell({
        env: process.env,
        roles: { api: false, worker: false, scheduler: false },
      });
      await runtime.close();
      console.log('syncwell: database is up to date');
      return 0;
    }
    case 'rotate-key':
      return runRotateKeyCommand(process.env, (line) => console.log(`syncwell rotate-key: ${line}`));
    case 'backfill':
      return backfill(flags);
    case undefined:
    case '--help':
    case 'help':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`syncwell: unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

async function start(flags: readonly string[]): Promise<number> {
  if (flags.length > 0) {
    console.error(
      `syncwell: start takes no options (got ${flags.join(' ')}); simulators and the demo are \`npm start\` and \`npm run demo\` in a checkout`,
    );
    return 1;
  }
  const runtime = await startSyncWell({ env: process.env });
  console.log(renderStartBanner(productionBanner(runtime)));
  stopOnSignals(() => runtime.close());
  return new Promise<number>(() => undefined); // serve until a signal arrives
}

function productionBanner(runtime: SyncWellRuntime) {
  const providers = [...runtime.config.providers.keys()];
  return {
    headline: `SyncWell is running: api, worker and scheduler in one process (${
      runtime.config.databaseUrl === undefined ? `SQLite in ${runtime.config.dataDir}` : 'PostgreSQL + Redis'
    })`,
    rows: [
      ['SyncWell API', runtime.url],
      ['OpenAPI browser', `${runtime.url}/docs`],
      ['Providers configured', providers.length === 0 ? 'none yet' : providers.join(', ')],
    ] as const,
    nextSteps: [
      `Open ${runtime.url}/docs to browse and try the API (sign up with POST /v1/users, log in with POST /v1/sessions).`,
      'Connect a provider: register SyncWell with it (redirect URI $PUBLIC_URL/v1/oauth/<provider>/callback), set SYNCWELL_<PROVIDER>_CLIENT_ID and _CLIENT_SECRET, restart, then POST /v1/connections {"provider": "<provider>"} and open the authorizeUrl it returns.',
      'Stop with Ctrl+C (SIGTERM drains in-flight jobs first).',
    ],
  };
}

async function runRole(role: 'api' | 'worker' | 'scheduler'): Promise<number> {
  const runtime = await startSyncWell({
    env: process.env,
    roles: { api: role === 'api', worker: role === 'worker', scheduler: role === 'scheduler' },
  });
  console.log(`syncwell ${role}: running${role === 'api' ? ` at ${runtime.url}` : ''}`);
  stopOnSignals(() => runtime.close());
  return new Promise<number>(() => undefined);
}

function flagValue(flags: readonly string[], name: string): string | undefined {
  const at = flags.indexOf(name);
  return at === -1 ? undefined : flags[at + 1];
}

async function backfill(flags: readonly string[]): Promise<number> {
  const ruleId = flags[0];
  const email = process.env.SYNCWELL_EMAIL;
  const password = process.env.SYNCWELL_PASSWORD;
  if (ruleId === undefined || ruleId.startsWith('--') || !email || !password) {
    console.error(
      'syncwell: backfill <ruleId> [--from D] [--to D] [--url U] needs SYNCWELL_EMAIL and SYNCWELL_PASSWORD',
    );
    return 1;
  }
  const from = flagValue(flags, '--from');
  const to = flagValue(flags, '--to');
  const view = await runBackfillCli({
    apiUrl:
      flagValue(flags, '--url') ?? process.env.PUBLIC_URL ?? `http://127.0.0.1:${process.env.PORT ?? '8080'}`,
    email,
    password,
    ruleId,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  });
  console.log(JSON.stringify(view));
  return view.status === 'succeeded' ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // One clear line for configuration and startup problems; a stack only for the unexpected.
    if (error instanceof SyncWellError) console.error(`syncwell: ${error.message} (${error.code})`);
    else console.error('syncwell: unexpected failure', error);
    process.exit(1);
  },
);
