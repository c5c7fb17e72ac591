import type { ActionKind, DiagnosisCode } from '@syncwell/insights';
import { openTokenSet } from '../auth/connection-tokens.js';
import { ConnectionSession, RefreshRegistry } from '../connections/connection-session.js';
import { createInboxNotifier } from '../notifications/inbox/inbox-notifier.js';
import { createProviderBundles } from '../config/provider-bundles.js';
import {
  eventually,
  type TroubleshooterStack,
  type TroubleshooterStackOptions,
} from './troubleshooter-stack.js';

/**
 * One fault of the testbed, set up for real: the simulators misbehave, SyncWell meets it
 * through real syncs, and the troubleshooter must name it and the action that fixes it.
 */
export interface TroubleshooterScenario {
  readonly name: string;
  readonly complaint: string;
  readonly answers?: Readonly<Record<string, string>>;
  readonly expect: { readonly code: DiagnosisCode; readonly action: ActionKind };
  readonly stack?: Partial<TroubleshooterStackOptions>;
  setUp(stack: TroubleshooterStack): Promise<void>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function syncOnce(stack: TroubleshooterStack): Promise<void> {
  const { ruleId } = await stack.rule();
  await stack.client.syncAndWait(ruleId);
}

/** Starts a sync whose job will not finish soon (a wait or retries), then returns. */
async function startSync(stack: TroubleshooterStack): Promise<string> {
  const { ruleId } = await stack.rule();
  return (await stack.client.triggerSync(ruleId)).id;
}

export const TROUBLESHOOTER_SCENARIOS: readonly TroubleshooterScenario[] = [
  {
    name: 'expired token (Strava refuses to renew it)',
    complaint: 'My Polar workouts stopped showing up on Strava',
    expect: { code: 'token_expired', action: 'reconnect' },
    setUp: async (stack) => {
      // Tokens issued now live one second; then every refresh is refused (invalid_grant).
      stack.strava.faults.set({ expireTokensAfterMs: 1_000 });
      await stack.rule();
      stack.strava.faults.set({ expireTokensAfterMs: 1_000, invalidGrant: true });
      await new Promise((r) => setTimeout(r, 1_100));
      await syncOnce(stack);
    },
  },
  {
    name: 'revoked token (access withdrawn at Strava)',
    complaint: 'Workouts from Polar are not reaching Strava any more',
    expect: { code: 'access_revoked', action: 'reconnect' },
    setUp: async (stack) => {
      const { stravaId } = await stack.rule();
      await syncOnce(stack);
      const row = await stack.syncwell.store.getConnection(stravaId);
      const { accessToken } = openTokenSet(stack.syncwell.vault, stravaId, row!.tokensSealed);
      // What "Revoke access" in Strava's settings does: the grant dies, refresh tokens with it.
      const revoked = await fetch(`${stack.strava.url}/oauth/deauthorize`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (!revoked.ok) throw new Error(`deauthorize answered ${revoked.status}`);
      await stack.polar.addExercise(stack.polarAthleteId);
      await syncOnce(stack);
    },
  },
  {
    name: 'missing permission (Polar data sharing not granted)',
    complaint: 'Nothing syncs from Polar',
    expect: { code: 'scope_missing', action: 'reconnect' },
    setUp: async (stack) => {
      await stack.rule();
      stack.polar.setConsents(stack.polarAthleteId, false);
      await syncOnce(stack);
    },
  },
  {
    name: 'rate-limited (Polar answers 429)',
    complaint: 'My sync has been stuck for a while',
    expect: { code: 'rate_limited', action: 'wait_until' },
    setUp: async (stack) => {
      await stack.rule();
      stack.polar.faults.set({ rateLimitStorm: {} });
      await startSync(stack);
      await eventually(() => stack.polar.faults.stats().rateLimited > 0, 'a 429');
      await new Promise((r) => setTimeout(r, 300));
    },
  },
  {
    name: 'provider outage (Polar answers 503)',
    complaint: 'Sync is not working today',
    expect: { code: 'provider_outage', action: 'wait_until' },
    setUp: async (stack) => {
      await stack.rule();
      stack.polar.faults.set({ errorRate5xx: { rate: 1, status: 503 } });
      await startSync(stack);
      await eventually(() => stack.polar.faults.stats().serverErrors > 0, 'a 503');
      await new Promise((r) => setTimeout(r, 300));
    },
  },
  {
    name: '410 sunset (the API answers 410 Gone)',
    complaint: 'My workouts are not syncing',
    expect: { code: 'provider_sunset', action: 'reconnect' },
    setUp: async (stack) => {
      await stack.rule();
      stack.polar.faults.set({ gone410: true });
      await syncOnce(stack);
    },
  },
  {
    name: 'bad rule (switched off)',
    complaint: "My runs aren't syncing to Strava",
    expect: { code: 'rule_misconfigured', action: 'change_rule' },
    setUp: async (stack) => {
      const { ruleId } = await stack.rule();
      await syncOnce(stack);
      await stack.client.call('PATCH', `/v1/rules/${ruleId}`, { enabled: false });
    },
  },
  {
    name: 'destination rejection (Strava refuses an upload)',
    complaint: 'One of my workouts is missing on Strava',
    expect: { code: 'destination_rejected', action: 'open_run' },
    setUp: async (stack) => {
      await stack.rule();
      stack.strava.failNext(1, 400, /\/uploads$/);
      await syncOnce(stack);
    },
  },
  {
    name: 'webhooks not arriving (only the scheduled check finds new data)',
    complaint: 'New Polar workouts take hours to show up on Strava',
    expect: { code: 'webhooks_missing', action: 'rerun' },
    setUp: async (stack) => {
      const { ruleId } = await stack.rule();
      await syncOnce(stack);
      await stack.polar.addExercise(stack.polarAthleteId);
      // No notification reaches SyncWell: the hourly scheduled run is the one that finds it.
      await stack.syncwell.store.setRuleNextRunAt(ruleId, new Date(Date.now() - 1_000));
      await stack.syncwell.scheduler.tick();
      const runs = await stack.client.call<{ runs: { id: string; trigger: string }[] }>(
        'GET',
        `/v1/runs?ruleId=${ruleId}`,
      );
      const scheduled = runs.runs.find((r) => r.trigger === 'scheduled');
      if (scheduled === undefined) throw new Error('no scheduled run');
      await stack.client.waitForRun(scheduled.id);
    },
  },
  {
    name: 'stuck backfill (no progress for an hour)',
    complaint: 'Importing my older workouts has been stuck for ages',
    expect: { code: 'backfill_stuck', action: 'restart_backfill' },
    // The troubleshooter's clock runs an hour ahead: the import has not moved for that long.
    stack: { now: () => new Date(Date.now() + HOUR) },
    setUp: async (stack) => {
      const { ruleId } = await stack.rule();
      await syncOnce(stack);
      stack.polar.faults.set({ timeout: { holdMs: 3_000 } });
      await stack.client.call('POST', `/v1/rules/${ruleId}/backfill`, {
        from: new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10),
      });
      await eventually(
        () => stack.polar.faults.stats().timedOut > 0 || stack.polar.faults.stats().injected > 0,
        'a held request',
        10_000,
      ).catch(() => undefined);
    },
  },
  {
    name: 'exhausted connection (refresh failed on three days)',
    complaint: 'Strava sync keeps failing',
    expect: { code: 'connection_exhausted', action: 'reconnect' },
    setUp: async (stack) => {
      const { stravaId } = await stack.rule();
      const bundle = createProviderBundles(stack.syncwell.config, undefined).get('strava');
      if (bundle === undefined) throw new Error('strava not configured');
      // The keep-alive's refreshes on three different days, each refused by a failing token endpoint.
      for (let day = 0; day < 3; day++) {
        const row = await stack.syncwell.store.getConnection(stravaId);
        const session = new ConnectionSession(row!, {
          store: stack.syncwell.store,
          vault: stack.syncwell.vault,
          oauth: bundle.oauth,
          refreshMarginMs: 0,
          refreshes: new RefreshRegistry(),
          notifier: createInboxNotifier(stack.syncwell.store),
          now: () => stack.strava.now().getTime(),
        });
        stack.strava.failNext(1, 500, '/oauth/token');
        await session.refreshAccessToken().catch(() => undefined);
        stack.strava.advanceClock(DAY);
      }
    },
  },
  {
    name: 'nothing broken, the workout is not at the source yet (asks)',
    complaint: "I can't find yesterday's run on Strava",
    answers: { visible_at_source: 'no' },
    expect: { code: 'not_at_source', action: 'wait_until' },
    setUp: syncOnce,
  },
];
