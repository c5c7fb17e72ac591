import { createWriteStream } from 'node:fs';
import { renderStartBanner, stopOnSignals, type StartBanner } from '@syncwell/server';
import { runDemoFlow } from '@syncwell/devstack';
import { PROVIDER_NAMES } from '../simulators/provider-names.js';
import { startDevStack, type DevStack } from './dev-stack.js';
import { clearStackState, stackLogPath, writeStackState } from './stack-state-file.js';

/**
 * `npm start`: SyncWell with every simulated cloud, push wired, a state file so `npm run demo`
 * finds it, and a banner that ends with what to do next. `--demo` also runs the demo flow.
 */
export async function runStartCommand(
  flags: readonly string[],
  say: (line: string) => void,
): Promise<number> {
  const unknown = flags.filter((flag) => flag !== '--demo');
  if (unknown.length > 0) {
    say(`syncwell-dev: unknown option ${unknown.join(' ')} (start takes --demo)`);
    return 1;
  }
  const logPath = stackLogPath();
  const log = createWriteStream(logPath);
  const stack = await startDevStack({ env: process.env, logDestination: log });
  writeStackState({
    pid: process.pid,
    apiUrl: stack.runtime.url,
    logPath,
    simulators: stack.simulators.urls,
  });
  stopOnSignals(async () => {
    clearStackState(process.pid);
    await stack.close();
    await new Promise<void>((resolve) => log.end(resolve));
  }, say);
  say(renderStartBanner(devStackBanner(stack, logPath)));
  if (flags.includes('--demo')) await runDemoFlow(stack.runtime.url, (line) => say(`demo: ${line}`));
  return new Promise<number>(() => undefined); // serve until a signal arrives
}

export function devStackBanner(stack: DevStack, logPath: string): StartBanner {
  const url = stack.runtime.url;
  const { appUrl } = stack.runtime;
  const { config } = stack.runtime;
  const push = new Map(stack.push.map((wiring) => [wiring.provider, wiring.how]));
  const simulatorRows = Object.entries(stack.simulators.urls).map(([provider, simUrl]) => {
    const id = provider as keyof typeof PROVIDER_NAMES;
    return [PROVIDER_NAMES[id], `${simUrl}   push: ${push.get(id) ?? 'not wired'}`] as const;
  });
  return {
    headline: `SyncWell is running with seven simulated provider clouds (api, worker and scheduler in one process; ${
      config.databaseUrl === undefined ? `SQLite in ${config.dataDir}` : 'PostgreSQL + Redis'
    })`,
    rows: [
      ...(appUrl === undefined ? [] : ([['SyncWell app', appUrl]] as const)),
      ['SyncWell API', url],
      ['OpenAPI browser', `${url}/docs`],
      ['SyncWell log (JSON lines)', logPath],
      ...simulatorRows,
      [
        'Web Push service (testbed)',
        `${stack.notifications.webPush.url}   subscribe: POST /subscriptions {"applicationServerKey"}; received: GET /received`,
      ],
      ['APNs / FCM (testbed)', `${stack.notifications.apns.url}   ${stack.notifications.fcm.url}`],
      [
        'SMTP sink / webhook receiver',
        `${stack.notifications.smtp.url}   ${stack.notifications.webhook.url}/hook`,
      ],
    ],
    nextSteps: [
      appUrl === undefined
        ? 'The web app is not built (`npm run build -w @syncwell/web`); meanwhile the API is all there is.'
        : `Open ${appUrl} in a browser: create an account, connect Polar and Strava, add a rule, press Sync now.`,
      `Open ${url}/docs to browse and try the API.`,
      'In another terminal run `npm run demo`: it drives this server through sign-up, connecting Polar and Strava on their consent pages, a rule and a sync, and prints each step.',
      `Connect a provider yourself: in /docs sign up (POST /v1/users), log in (POST /v1/sessions, then Authorize with the access token), POST /v1/connections {"provider": "garmin"}, open the authorizeUrl it returns in a browser and press Allow (Garmin's page has the historical-data toggle; it is off by default, as at Garmin).`,
      'Real accounts instead of simulators: `npm run syncwell -- start` with SYNCWELL_<PROVIDER>_CLIENT_ID and _CLIENT_SECRET set (README, Configuration).',
      'Stop with Ctrl+C.',
    ],
  };
}
