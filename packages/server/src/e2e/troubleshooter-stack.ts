import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  approveConsent,
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import type { ConversationView } from '@syncwell/insights';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import { SyncWellApiClient } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';

/** One user's world for a troubleshooting scenario: both simulators, SyncWell, a workout rule. */
export interface TroubleshooterStack {
  readonly polar: PolarSimulator;
  readonly strava: StravaSimulator;
  readonly syncwell: SyncWellRuntime;
  readonly client: SyncWellApiClient;
  readonly env: Record<string, string>;
  readonly polarAthleteId: number;
  readonly stravaAthleteId: number;
  connect(provider: 'polar' | 'strava'): Promise<{ id: string }>;
  /** A rule Polar workouts → Strava (connecting both if needed). */
  rule(): Promise<{ ruleId: string; polarId: string; stravaId: string }>;
  /** Starts a conversation and answers every question from `answers` (by question id). */
  troubleshoot(message: string, answers?: Readonly<Record<string, string>>): Promise<ConversationView>;
  stop(): Promise<void>;
}

export interface TroubleshooterStackOptions {
  readonly seed: number;
  readonly polarWorkouts?: number;
  /** The insights clock (troubleshooter, summaries); real time by default. */
  readonly now?: () => Date;
  readonly env?: Record<string, string>;
  /** Reuse a data directory (restart tests); a fresh one by default. */
  readonly dataDir?: string;
  /** Reuse simulators (restart tests). */
  readonly simulators?: { polar: PolarSimulator; strava: StravaSimulator };
  /** The user to sign up, or (existingUser) to log in as on a reused data directory. */
  readonly email?: string;
  readonly existingUser?: boolean;
}

const PASSWORD = 'correct horse battery staple';

/**
 * A whole embedded SyncWell with its own Polar and Strava simulators, for one scenario at a time:
 * faults are set on the simulators, the state is produced by real syncs through the API.
 */
export async function startTroubleshooterStack(
  options: TroubleshooterStackOptions,
): Promise<TroubleshooterStack> {
  const polar =
    options.simulators?.polar ??
    (await startPolarSimulator({
      ...DEMO_CREDENTIALS.polar,
      seed: options.seed,
      athletes: 1,
      workoutsPerAthlete: options.polarWorkouts ?? 2,
    }));
  const strava =
    options.simulators?.strava ??
    (await startStravaSimulator({
      ...DEMO_CREDENTIALS.strava,
      seed: options.seed + 1,
      athletes: 1,
      uploadProcessingMs: 10,
    }));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sw-troubleshooter-'));
  const env: Record<string, string> = {
    PORT: String(await freePort()),
    SYNCWELL_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    SYNCWELL_MASTER_KEY: Buffer.alloc(32, 21).toString('base64'),
    SYNCWELL_STRAVA_POLL_INTERVAL_MS: '20',
    ...simulatorEnv('polar', polar),
    ...simulatorEnv('strava', strava),
    ...options.env,
  };
  const syncwell = await startSyncWell({
    env,
    schedulerTickMs: 3_600_000,
    summaryTickMs: 3_600_000,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const client = new SyncWellApiClient(syncwell.url);
  const email = options.email ?? `user-${options.seed}@example.com`;
  if (options.existingUser === true) await client.logIn(email, PASSWORD);
  else await client.signUpAndLogIn(email, PASSWORD);
  const connections = new Map<string, { id: string }>();
  const connect = async (provider: 'polar' | 'strava') => {
    const held = connections.get(provider);
    if (held) return held;
    const made = await client.completeConnection(
      new URL((await approveConsent(await client.startConnection(provider))).location),
    );
    connections.set(provider, made);
    return made;
  };
  let rule: { ruleId: string; polarId: string; stravaId: string } | undefined;
  return {
    polar,
    strava,
    syncwell,
    client,
    env,
    polarAthleteId: polar.athletes[0]!.id,
    stravaAthleteId: strava.athletes[0]!.id,
    connect,
    rule: async () => {
      if (rule) return rule;
      const source = await connect('polar');
      const destination = await connect('strava');
      const made = await client.createRule({
        sourceConnectionId: source.id,
        destinationConnectionId: destination.id,
        dataTypes: ['workout'],
      });
      rule = { ruleId: made.id, polarId: source.id, stravaId: destination.id };
      return rule;
    },
    troubleshoot: async (message, answers = {}) => {
      let { conversation } = await client.call<{ conversation: ConversationView }>(
        'POST',
        '/v1/insights/troubleshooter',
        {
          message,
        },
      );
      for (let turn = 0; conversation.question !== null && turn < 5; turn++) {
        const answer = answers[conversation.question.id];
        if (answer === undefined) break;
        ({ conversation } = await client.call<{ conversation: ConversationView }>(
          'POST',
          `/v1/insights/troubleshooter/${conversation.id}/answers`,
          { answer },
        ));
      }
      return conversation;
    },
    stop: async () => {
      await syncwell.close();
      if (options.simulators === undefined) await Promise.all([polar.close(), strava.close()]);
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` holds (state produced by a background job), or throws after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
