#!/usr/bin/env node
import { SyncWellError } from '@syncwell/core';
import { runDemoCommand } from '../demo/demo-command.js';
import { runStartCommand } from './start-command.js';

// The development launcher (`npm start`, `npm run demo`): SyncWell beside the simulated clouds.
// It lives above the server so the production CLI (`syncwell`) never loads a simulator.
const USAGE = `usage: syncwell-dev <command>

commands:
  start [--demo]   SyncWell (every role, embedded SQLite) plus simulators of all seven provider clouds,
                   push wired between them; --demo also runs the demo flow once it is up  (npm start)
  demo             a first sync end to end through the real OAuth pages, against the running
                   \`npm start\` or a private stack in a temporary directory  (npm run demo)
`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...flags] = argv;
  const say = (line: string) => console.log(line);
  switch (command) {
    case 'start':
      return runStartCommand(flags, say);
    case 'demo':
      return runDemoCommand(say);
    case undefined:
    case '--help':
    case 'help':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`syncwell-dev: unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SyncWellError) console.error(`syncwell-dev: ${error.message} (${error.code})`);
    else console.error('syncwell-dev: unexpected failure', error);
    process.exit(1);
  },
);
