import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@syncwell/server';
import { startDevStack } from '../launcher/dev-stack.js';
import { findRunningStack, stackStatePath } from '../launcher/stack-state-file.js';
import { runDemoFlow } from './demo-flow.js';
import { demonstratePush } from './push-step.js';

/** Settings of the user's shell that would point the demo's own SyncWell somewhere else. */
const FOREIGN_SETTINGS = [
  'PORT',
  'PUBLIC_URL',
  'DATABASE_URL',
  'REDIS_URL',
  'SYNCWELL_DATA_DIR',
  'LOG_LEVEL',
];

/**
 * `npm run demo`: drives the SyncWell that `npm start` runs when there is one, or else starts its
 * own (simulators included) on free ports with its data in a temporary directory that is removed
 * at the end. Either way it writes nothing into the checkout and prints readable lines only:
 * SyncWell's JSON log goes to a file, kept (and named) only when something failed.
 */
export async function runDemoCommand(say: (line: string) => void): Promise<number> {
  const running = await findRunningStack();
  if (running !== undefined) {
    say(
      `Driving the SyncWell that \`npm start\` runs at ${running.apiUrl} (pid ${running.pid}); its log is ${running.logPath}.`,
    );
    const { run } = await runDemoFlow(running.apiUrl, say);
    say(
      '(A sixth step, a workout pushed by Polar, needs simulators the demo controls: stop `npm start` and run `npm run demo` to see it.)',
    );
    return finish(run.status, say);
  }

  say(`No running \`npm start\` found (looked for ${stackStatePath()}).`);
  say(
    'Starting a private SyncWell and seven simulated clouds on free ports; its data lives in a temporary directory removed at the end.',
  );
  const dataDir = mkdtempSync(join(tmpdir(), 'syncwell-demo-'));
  const logPath = join(tmpdir(), `syncwell-demo-${process.pid}.log`);
  const log = createWriteStream(logPath);
  let succeeded = false;
  try {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !FOREIGN_SETTINGS.includes(name)),
    );
    const stack = await startDevStack({
      env: { ...env, PORT: String(await freePort()), SYNCWELL_DATA_DIR: dataDir },
      logDestination: log,
      webhookDebounceMs: 500,
    });
    try {
      say(
        `SyncWell API at ${stack.runtime.url}; its JSON log goes to ${logPath} (kept only if something fails).`,
      );
      const { run, client, ruleId } = await runDemoFlow(stack.runtime.url, say);
      const pushed = await demonstratePush(stack.simulators.handles.polar, client, ruleId, say);
      succeeded = run.status === 'succeeded' && pushed.status === 'succeeded';
      return finish(succeeded ? 'succeeded' : 'failed', say);
    } finally {
      await stack.close();
    }
  } finally {
    await new Promise<void>((resolve) => log.end(resolve));
    rmSync(dataDir, { recursive: true, force: true });
    if (succeeded) rmSync(logPath, { force: true });
    else say(`SyncWell's log is kept in ${logPath}.`);
  }
}

function finish(status: string, say: (line: string) => void): number {
  say(status === 'succeeded' ? 'Demo complete.' : `Demo ended with a ${status} sync.`);
  return status === 'succeeded' ? 0 : 1;
}
