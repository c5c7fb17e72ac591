import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WeeklySummary } from '@syncwell/insights';
import { approveConsent, startGoogleHealthSimulator, type GoogleHealthSimulator } from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, simulatorEnv } from '@syncwell/devstack';
import { SyncWellApiClient } from '../client/api-client.js';
import { freePort } from '../runtime/free-port.js';
import { startSyncWell, type SyncWellRuntime } from '../runtime/syncwell-runtime.js';

/** Monday 2026-11-30, 10:00 in Berlin: last week is 23–29 November. Both clocks are pinned here. */
const NOW = Date.parse('2026-11-30T09:00:00Z');

interface GhPoint {
  steps?: { interval: { startTime: string; startUtcOffset: string }; count: string };
  weight?: { sampleTime: { physicalTime: string; utcOffset: string }; weightGrams: string };
  exercise?: { interval: { startTime: string; startUtcOffset: string } };
}

const localDate = (iso: string, offset: string) =>
  new Date(Date.parse(iso) + Number.parseInt(offset, 10) * 1000).toISOString().slice(0, 10);
const inWeek = (date: string) => date >= '2026-11-23' && date <= '2026-11-29';

describe('weekly summaries, end to end on the embedded default (Google Health simulator)', () => {
  let gh: GoogleHealthSimulator;
  let syncwell: SyncWellRuntime;
  let client: SyncWellApiClient;
  let dataDir: string;
  let userId: string;

  beforeAll(async () => {
    gh = await startGoogleHealthSimulator({
      ...DEMO_CREDENTIALS.google_health,
      seed: 31,
      users: 1,
      days: 16,
      workoutsPerUser: 6,
      now: () => NOW,
    });
    dataDir = mkdtempSync(join(tmpdir(), 'sw-summary-'));
    syncwell = await startSyncWell({
      env: {
        PORT: String(await freePort()),
        SYNCWELL_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        SYNCWELL_MASTER_KEY: Buffer.alloc(32, 31).toString('base64'),
        ...simulatorEnv('google_health', gh),
      },
      schedulerTickMs: 3_600_000,
      summaryTickMs: 3_600_000,
      now: () => new Date(NOW),
    });
    client = new SyncWellApiClient(syncwell.url);
    await client.signUpAndLogIn('weekly@example.com', 'correct horse battery staple');
    await client.completeConnection(
      new URL((await approveConsent(await client.startConnection('google_health'))).location),
    );
    userId = (await client.call<{ user: { id: string } }>('GET', '/v1/users/me')).user.id;
  }, 60_000);
  afterAll(async () => {
    await syncwell.close();
    await gh.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the schedule follows the user time zone: next Monday 08:00 in Berlin', async () => {
    const { schedule } = await client.call<{ schedule: { nextDueAt: string; timeZone: string } }>(
      'PUT',
      '/v1/insights/summaries/schedule',
      { timeZone: 'Europe/Berlin' },
    );
    expect(schedule).toMatchObject({ timeZone: 'Europe/Berlin', nextDueAt: '2026-12-07T07:00:00.000Z' });
    const bad = await client
      .call('PUT', '/v1/insights/summaries/schedule', { timeZone: 'Mars/Olympus' })
      .catch((e: unknown) => e);
    expect((bad as { status: number }).status).toBe(400);
  });

  it('latest: last week read live, every figure computed, every number in the text one of them', async () => {
    const { summary } = await client.call<{ summary: WeeklySummary }>('GET', '/v1/insights/summaries/latest');
    expect(summary.week).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(summary.writer).toBe('template');
    const user = gh.users[0]!.healthUserId;
    const points = (type: 'steps' | 'weight' | 'exercise') =>
      gh.pointsOf(user, type) as unknown as readonly GhPoint[];
    const steps = points('steps')
      .filter((p) => inWeek(localDate(p.steps!.interval.startTime, p.steps!.interval.startUtcOffset)))
      .reduce((sum, p) => sum + Number(p.steps!.count), 0);
    expect(summary.aggregates.steps?.total).toBe(steps);
    const weighIns = points('weight')
      .filter((p) => inWeek(localDate(p.weight!.sampleTime.physicalTime, p.weight!.sampleTime.utcOffset)))
      .sort(
        (a, b) =>
          Date.parse(a.weight!.sampleTime.physicalTime) - Date.parse(b.weight!.sampleTime.physicalTime),
      );
    expect(summary.aggregates.weight?.latestKg).toBe(
      Math.round(Number(weighIns.at(-1)!.weight!.weightGrams) / 100) / 10,
    );
    const workouts = points('exercise').filter((p) =>
      inWeek(localDate(p.exercise!.interval.startTime, p.exercise!.interval.startUtcOffset)),
    ).length;
    expect(summary.aggregates.workouts.count).toBe(workouts);
    expect(summary.aggregates.sleep?.nights).toBeGreaterThan(0);
    expect(summary.text).toContain(summary.aggregates.steps!.total.toLocaleString('en-US'));
    for (const token of summary.text.match(/\d[\d,]*(\.\d+)?/g) ?? []) {
      expect(JSON.stringify(summary.aggregates)).toContain(String(Number(token.replaceAll(',', ''))));
    }
  });

  it('each Monday the scheduler notifies once; only the fact that a week was sent is stored', async () => {
    await syncwell.store.upsertSummarySchedule({
      userId,
      timeZone: 'Europe/Berlin',
      enabled: true,
      nextDueAt: new Date(NOW - 60_000),
    });
    const summaries = syncwell.insights?.summaries;
    expect(summaries).toBeDefined();
    expect(await summaries!.tick()).toBe(1);
    expect(await summaries!.tick()).toBe(0);
    const { notifications } = await client.call<{ notifications: { kind: string; code: string }[] }>(
      'GET',
      '/v1/notifications',
    );
    expect(notifications.filter((n) => n.kind === 'weekly_summary')).toEqual([
      expect.objectContaining({ code: 'SW_INSIGHTS_SUMMARY_READY' }),
    ]);
    const schedule = await syncwell.store.getSummarySchedule(userId);
    expect(schedule).toMatchObject({
      lastSentWeek: '2026-11-23',
      nextDueAt: new Date('2026-12-07T07:00:00.000Z'),
    });
    // Not one figure of the summary reached the database file.
    const { summary } = await client.call<{ summary: WeeklySummary }>('GET', '/v1/insights/summaries/latest');
    const db =
      readFileSync(join(dataDir, 'syncwell.db')).toString('latin1') +
      readWalIfAny(join(dataDir, 'syncwell.db-wal'));
    expect(db).not.toContain(String(summary.aggregates.steps!.total));
    expect(db).not.toContain(summary.text.slice(0, 30));
  });
});

function readWalIfAny(path: string): string {
  try {
    return readFileSync(path).toString('latin1');
  } catch {
    return '';
  }
}
