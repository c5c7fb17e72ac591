import { describe, expect, it } from 'vitest';
import { DAY_MS, ManualPhoneClock } from './phone-clock.js';
import {
  HCIllegalArgumentException,
  HCQuotaExceededException,
  HCSecurityException,
  SimulatedHealthConnect,
} from './health-connect-store.js';
import { HC_EXERCISE, type HCPermission, type HCRecordInput } from './health-connect-types.js';

const SW = 'org.syncwell.app';
const FIT = 'com.google.android.apps.fitness';
const T0 = Date.parse('2026-11-01T08:00:00Z');

const read = (recordType: 'Steps' | 'ExerciseSession' | 'ExerciseRoute'): HCPermission => ({
  accessType: 'read',
  recordType,
});
const write = (recordType: 'Steps' | 'ExerciseSession'): HCPermission => ({
  accessType: 'write',
  recordType,
});

function phone() {
  const clock = new ManualPhoneClock(T0);
  const hc = new SimulatedHealthConnect(clock, 3);
  hc.grant(FIT, [write('Steps'), write('ExerciseSession')]);
  hc.grant(SW, [read('Steps'), read('ExerciseSession'), write('ExerciseSession')]);
  return { clock, hc, fit: hc.app(FIT), app: hc.app(SW) };
}

const steps = (at: number, count: number): HCRecordInput => ({
  recordType: 'Steps',
  startTime: new Date(at).toISOString(),
  endTime: new Date(at + 3_600_000).toISOString(),
  count,
});

const session = (clientRecordId: string, clientRecordVersion: number, distanceM: number): HCRecordInput => ({
  recordType: 'ExerciseSession',
  startTime: '2026-11-01T06:00:00.000Z',
  endTime: '2026-11-01T07:00:00.000Z',
  exerciseType: HC_EXERCISE.running,
  distanceM,
  exerciseRoute: [{ time: '2026-11-01T06:00:00.000Z', latitude: 52.5, longitude: 13.4 }],
  metadata: { clientRecordId, clientRecordVersion },
});

describe('simulated Health Connect', () => {
  it('hands out upsertions and deletions since a token, paged with hasMore', () => {
    const { fit, app } = phone();
    const token = app.getChangesToken(['Steps']);
    const ids = fit.insertRecords([1, 2, 3, 4].map((i) => steps(T0 - i * 3_600_000, i * 100)));
    fit.deleteRecords([ids[0]!]);
    const first = app.getChanges(token);
    expect(first.hasMore).toBe(true);
    // Three log entries per page; the first upsertion is of a record deleted since, so it is left out.
    expect(first.changes).toHaveLength(2);
    const second = app.getChanges(first.nextChangesToken);
    expect(second.hasMore).toBe(false);
    // The first record was deleted after its upsertion: its upsertion is gone, its deletion stays.
    const all = [...first.changes, ...second.changes];
    expect(all.flatMap((c) => (c.kind === 'upsertion' ? [c.record.metadata.dataOrigin] : []))).toEqual([
      FIT,
      FIT,
      FIT,
    ]);
    expect(all.filter((c) => c.kind === 'deletion')).toEqual([{ kind: 'deletion', recordId: ids[0] }]);
    expect(app.getChanges(second.nextChangesToken).changes).toEqual([]);
  });

  it('expires a changes token after 30 days, forcing a re-read', () => {
    const { clock, fit, app } = phone();
    const token = app.getChangesToken(['Steps']);
    fit.insertRecords([steps(T0, 10)]);
    clock.advance(31 * DAY_MS);
    const answer = app.getChanges(token);
    expect(answer.changesTokenExpired).toBe(true);
    expect(answer.changes).toEqual([]);
    expect(app.readRecords('Steps').records).toHaveLength(1);
    expect(() => app.getChanges('hctoken:999')).toThrow(HCIllegalArgumentException);
  });

  it('upserts by clientRecordId: the same version once, a higher version in place', () => {
    const { hc, app } = phone();
    const [id1] = app.insertRecords([session('sw:1', 1, 5000)]);
    const [again] = app.insertRecords([session('sw:1', 1, 9999)]);
    expect(again).toBe(id1);
    const [id2] = app.insertRecords([session('sw:1', 2, 5100)]);
    expect(id2).toBe(id1);
    const live = hc.allRecords('ExerciseSession');
    expect(live).toHaveLength(1);
    expect(live[0]).toMatchObject({ distanceM: 5100, metadata: { clientRecordVersion: 2, dataOrigin: SW } });
  });

  it('raises SecurityException without a permission, including background reads', () => {
    const { hc, app } = phone();
    expect(() => app.insertRecords([steps(T0, 1)])).toThrow(HCSecurityException);
    app.foreground = false;
    expect(() => app.readRecords('Steps')).toThrow(HCSecurityException);
    hc.grant(SW, [{ accessType: 'special', permission: 'READ_HEALTH_DATA_IN_BACKGROUND' }]);
    expect(app.readRecords('Steps').records).toEqual([]);
    hc.revoke(SW, read('Steps'));
    expect(() => app.getChangesToken(['Steps'])).toThrow(HCSecurityException);
  });

  it('hides records older than 30 days before the first grant unless history is granted', () => {
    const { hc, fit, app } = phone();
    fit.insertRecords([steps(T0 - 40 * DAY_MS, 1), steps(T0 - 10 * DAY_MS, 2)]);
    expect(app.readRecords('Steps').records.map((r) => r.recordType === 'Steps' && r.count)).toEqual([2]);
    hc.grant(SW, [{ accessType: 'special', permission: 'READ_HEALTH_DATA_HISTORY' }]);
    expect(app.readRecords('Steps').records).toHaveLength(2);
  });

  it('strips the exercise route without READ_EXERCISE_ROUTES', () => {
    const { hc, fit, app } = phone();
    fit.insertRecords([session('fit:1', 0, 4000)]);
    const [r] = app.readRecords('ExerciseSession').records;
    expect(r?.recordType === 'ExerciseSession' && r.exerciseRoute).toBeUndefined();
    hc.grant(SW, [read('ExerciseRoute')]);
    const [withRoute] = app.readRecords('ExerciseSession').records;
    expect(withRoute?.recordType === 'ExerciseSession' && withRoute.exerciseRoute).toHaveLength(1);
  });

  it('pages readRecords and lets an app delete only its own records', () => {
    const { fit, app } = phone();
    const ids = fit.insertRecords([0, 1, 2].map((i) => steps(T0 - i * 3_600_000, i)));
    const p1 = app.readRecords('Steps', { pageSize: 2 });
    expect(p1.records).toHaveLength(2);
    const p2 = app.readRecords('Steps', {
      pageSize: 2,
      ...(p1.pageToken ? { pageToken: p1.pageToken } : {}),
    });
    expect(p2.records).toHaveLength(1);
    expect(p2.pageToken).toBeUndefined();
    expect(() => app.deleteRecords([ids[1]!])).toThrow(HCSecurityException);
  });
});

describe('simulated Health Connect quotas', () => {
  it('refuses reads past the window quota, fewer in the background, and refills with the next window', () => {
    const clock = new ManualPhoneClock(T0);
    const hc = new SimulatedHealthConnect(clock, 10, { windowMs: 60_000, foreground: 3, background: 1 });
    hc.grant(SW, [read('Steps'), { accessType: 'special', permission: 'READ_HEALTH_DATA_IN_BACKGROUND' }]);
    const app = hc.app(SW);
    const token = app.getChangesToken(['Steps']);
    app.readRecords('Steps');
    app.getChanges(token);
    expect(() => app.readRecords('Steps')).toThrow(HCQuotaExceededException);
    clock.advance(60_000);
    app.foreground = false;
    app.readRecords('Steps');
    expect(() => app.getChanges(token)).toThrow(HCQuotaExceededException);
  });
});
