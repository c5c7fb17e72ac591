#!/usr/bin/env node
import { SyncWellError } from '@syncwell/core';
import { runBackfillCli } from '../backfill/backfill-cli.js';
import { runDemoFlow } from '../demo/demo-flow.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';
import { freePort } from '../runtime/free-port.js';
import { runInsightsRole } from './insights-role.js';
import { startDemoSimulators, type RunningSimulators } from './simulators.js';

const USAGE = `usage: syncwell <command> [options]

commands:
  start [--with-simulators] [--demo]   run every role in one process (embedded SQLite + in-process queue,
                                       or PostgreSQL + Redis when DATABASE_URL / REDIS_URL are set)
  api | worker | scheduler             run one role (needs DATABASE_URL and REDIS_URL)
  insights                             run the AI Insights Service (SYNCWELL_INSIGHTS_PORT; others reach it at SYNCWELL_INSIGHTS_URL)
  demo                                 start everything on free ports, run a first sync end to end, print it, exit
  migrate                              create or upgrade the database, then exit
  backfill <ruleId> [--from D] [--to D] backfill a rule's history through the running API, with a progress bar
                                       (as SYNCWELL_EMAIL / SYNCWELL_PASSWORD; API at PUBLIC_URL or --url)

start options:
  --with-simulators   also start the Polar and Strava simulators and point SyncWell at them
  --demo              after start, drive sign-up → connect → rule → sync through the OAuth pages
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...flags] = argv;
  switch (command) {
    case 'start':
      return start(new Set(flags));
    case 'demo':
      return demo();
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

async function start(flags: Set<string>): Promise<number> {
  const simulators = flags.has('--with-simulators') ? await startDemoSimulators() : undefined;
  const runtime = await startSyncWell({ env: { ...process.env, ...simulators?.env } });
  printUrls(runtime, simulators);
  stopOnSignals(runtime, simulators);
  if (flags.has('--demo')) await runDemoFlow(runtime.url, (line) => console.log(`demo: ${line}`));
  return new Promise<number>(() => undefined); // serve until a signal arrives
}

async function runRole(role: 'api' | 'worker' | 'scheduler'): Promise<number> {
  const runtime = await startSyncWell({
    env: process.env,
    roles: { api: role === 'api', worker: role === 'worker', scheduler: role === 'scheduler' },
  });
  console.log(`syncwell ${role}: running${role === 'api' ? ` at ${runtime.url}` : ''}`);
  stopOnSignals(runtime, undefined);
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

async function demo(): Promise<number> {
  const simulators = await startDemoSimulators();
  const port = await freePort();
  const dataDir = `${process.env.SYNCWELL_DATA_DIR ?? './data'}/demo-${Date.now()}`;
  const runtime = await startSyncWell({
    env: {
      ...process.env,
      ...simulators.env,
      PORT: String(port),
      SYNCWELL_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
  });
  try {
    printUrls(runtime, simulators);
    const result = await runDemoFlow(runtime.url, (line) => console.log(line));
    return result.run.status === 'succeeded' ? 0 : 1;
  } finally {
    await runtime.close();
    await simulators.close();
  }
}

function printUrls(runtime: SyncWellRuntime, simulators: RunningSimulators | undefined): void {
  console.log(`${'SyncWell API'.padEnd(24)}${runtime.url}   (OpenAPI browser: ${runtime.url}/docs)`);
  if (simulators) {
    for (const [provider, url] of Object.entries(simulators.urls)) {
      console.log(`${`${provider} simulator`.padEnd(24)}${url}`);
    }
  }
}

function stopOnSignals(runtime: SyncWellRuntime, simulators: RunningSimulators | undefined): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`syncwell: ${signal} received, draining`);
    void runtime
      .close()
      .then(() => simulators?.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('syncwell: shutdown failed', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
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
