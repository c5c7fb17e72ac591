import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  garminBodyCompToMeasurement,
  garminHrvToSamples,
  garminPulseOxToSamples,
  garminSleepToSession,
} from './health-mapping.js';
import { garminActivityToWorkout, garminDailyToActivity, garminDailyToHeartRate } from './mapping.js';
import { garminPushRecords } from './push-records.js';
import {
  garminActivity,
  garminBodyComp,
  garminDaily,
  garminHrv,
  garminPulseOx,
  garminSleep,
} from './schemas.js';
import { sportFromGarmin } from './sport-table.js';
import { GarminWebhookVerifier } from './webhooks.js';

const raw = JSON.parse(readFileSync(new URL('./fixtures/summaries.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;
const ok = <T>(mapped: { ok: true; record: T } | { ok: false; message: string } | null): T => {
  if (mapped?.ok !== true) throw new Error(mapped === null ? 'null' : mapped.message);
  return mapped.record;
};

describe('garmin mapping', () => {
  it('keeps epoch seconds as UTC and the offset (seconds) beside them', () => {
    const w = ok(garminActivityToWorkout(garminActivity.parse(raw.activity), null));
    expect(w.startTime).toBe('2025-11-24T05:30:00.000Z');
    expect(w.endTime).toBe('2025-11-24T06:32:05.000Z');
    expect(w.utcOffsetMinutes).toBe(60);
    expect(w.sport).toBe('trail_running');
    expect(w.provenance).toMatchObject({ externalId: '20831455876', device: { model: 'fenix 8' } });
  });

  it('adds BMR to active energy, uses the local calendarDate, drops zero HR samples', () => {
    const daily = garminDaily.parse(raw.daily);
    const day = ok(garminDailyToActivity(daily));
    expect(day).toMatchObject({ date: '2025-11-24', steps: { value: 12044 }, totalEnergy: { value: 2342 } });
    const hr = ok(garminDailyToHeartRate(daily));
    expect(hr.samples.map((s) => s.bpm)).toEqual([55, 58, 61]);
    expect(hr.samples[0]!.time).toBe('2025-11-23T23:00:00.000Z');
    expect(garminDailyToHeartRate({ ...daily, timeOffsetHeartRateSamples: {} })).toBeNull();
  });

  it('reads weight in grams as kilograms and sleep stages including awake time', () => {
    const body = ok(garminBodyCompToMeasurement(garminBodyComp.parse(raw.bodyComp)));
    expect(body.weight).toEqual({ value: 72.45, unit: 'kg' });
    expect(body.utcOffsetMinutes).toBe(-300);
    const sleep = ok(garminSleepToSession(garminSleep.parse(raw.sleep)));
    expect(sleep.stages.map((s) => s.stage)).toEqual(['light', 'deep', 'awake']);
    // durationInSeconds (3000) leaves out the awake span; the session still ends after it.
    expect(sleep.endTime).toBe('2025-11-22T22:01:00.000Z');
  });

  it('maps HRV as RMSSD and SpO2, dropping impossible readings', () => {
    expect(ok(garminHrvToSamples(garminHrv.parse(raw.hrv))).samples.map((s) => [s.ms, s.statistic])).toEqual([
      [41, 'rmssd'],
      [44, 'rmssd'],
    ]);
    expect(ok(garminPulseOxToSamples(garminPulseOx.parse(raw.pulseOx))).samples).toHaveLength(1);
  });

  it('turns a PUSH body into records and a broken summary into a per-record failure', () => {
    const items = garminPushRecords({
      activities: [raw.activity, { summaryId: 'bad', startTimeInSeconds: 'yesterday' }],
      dailies: [raw.daily],
      bodyComps: [raw.bodyComp],
    });
    expect(items.flatMap((i) => (i.ok ? [i.record.type] : []))).toEqual([
      'workout',
      'daily_activity',
      'heart_rate',
      'body_measurement',
    ]);
    expect(items.find((i) => !i.ok)).toMatchObject({ externalId: 'bad', code: 'SW_ITEM_INVALID_PAYLOAD' });
    expect(sportFromGarmin('KITESURFING')).toBe('other');
  });
});

describe('GarminWebhookVerifier', () => {
  const verifier = new GarminWebhookVerifier({
    clientId: 'c',
    clientSecret: 's',
    baseUrls: { api: 'https://apis.garmin.com', authorize: 'https://a', token: 'https://t' },
    webhookVerifyToken: 'k',
  });
  const post = (body: unknown, key = 'k') => ({
    method: 'POST' as const,
    query: { key },
    headers: {},
    rawBody: new TextEncoder().encode(JSON.stringify(body)),
  });
  it('accepts keyed pings to the Garmin API and lifecycle pushes; refuses the rest', () => {
    const ping = {
      dailies: [{ userId: 'u1', callbackURL: 'https://apis.garmin.com/wellness-api/rest/dailies?token=t' }],
    };
    expect(verifier.verify(post(ping))).toMatchObject({
      kind: 'events',
      events: [{ dataType: 'daily_activity' }, { dataType: 'heart_rate' }],
    });
    expect(verifier.verify(post({ deregistrations: [{ userId: 'u1' }] }))).toMatchObject({
      events: [{ externalUserId: 'u1', dataType: null, action: 'deauthorize' }],
    });
    expect(verifier.verify(post(ping, 'nope')).kind).toBe('rejected');
    const ssrf = { dailies: [{ userId: 'u1', callbackURL: 'http://169.254.169.254/wellness-api/rest/x' }] };
    expect(verifier.verify(post(ssrf)).kind).toBe('rejected');
    expect(verifier.verify(post({ epochs: [{ userId: 'u1' }] }))).toEqual({ kind: 'events', events: [] });
  });
});

describe('GarminWebhookVerifier on real pushes', () => {
  const config = {
    clientId: 'c',
    clientSecret: 's',
    baseUrls: { api: 'https://apis.garmin.com', authorize: 'https://a', token: 'https://t' },
    webhookVerifyToken: 'k',
  };
  const post = (body: unknown) => ({
    method: 'POST' as const,
    query: { key: 'k' },
    headers: {},
    rawBody: new TextEncoder().encode(JSON.stringify(body)),
  });
  const hrvPush = { hrv: [{ userId: 'u1', summaryId: 'x1', calendarDate: '2026-11-30' }] };
  const pulseOxPushes = ['pulseOx', 'pulseox'].map((spelling) => ({
    [spelling]: [{ userId: 'u1', summaryId: 'x2', calendarDate: '2026-11-30' }],
  }));

  it('emits no event for a type Garmin pushes but SyncWell does not declare readable (hrv, pulse ox)', () => {
    const verifier = new GarminWebhookVerifier(config);
    expect(verifier.verify(post(hrvPush))).toEqual({ kind: 'events', events: [] });
    for (const push of pulseOxPushes)
      expect(verifier.verify(post(push))).toEqual({ kind: 'events', events: [] });
  });

  it('reads pulseox and pulseOx alike once the type is declared readable', () => {
    const verifier = new GarminWebhookVerifier(config, ['workout', 'spo2']);
    for (const push of pulseOxPushes) {
      expect(verifier.verify(post(push))).toEqual({
        kind: 'events',
        events: [{ externalUserId: 'u1', dataType: 'spo2', action: 'create', objectId: 'x2' }],
      });
    }
  });
});
