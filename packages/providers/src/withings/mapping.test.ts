import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeForBodyStatus } from './body-status.js';
import { activitySpec, measureSpec, workoutSpec } from './list-specs.js';
import { sleepToSession } from './mapping.js';
import { scaledMeasure } from './measure-scale.js';
import { withingsSleepBody, withingsSleepSummary } from './schemas.js';
import { localMidnightMs, offsetMinutesAt } from './timezone.js';
import { WithingsWebhookVerifier } from './webhooks.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as {
    body: Record<string, unknown>;
  } & Record<string, unknown>;

describe('Withings mapping', () => {
  it('scales measures as value × 10^unit without binary noise', () => {
    expect(scaledMeasure(7231, -2)).toBe(72.31);
    expect(scaledMeasure(72310, -3)).toBe(72.31);
    expect(scaledMeasure(18240, -3)).toBe(18.24);
    expect(scaledMeasure(82, 0)).toBe(82);
  });

  it('maps weigh-ins with the zone offset at that date, skips blood pressure, rejects a broken group', () => {
    const { body } = fixture('getmeas.json');
    const groups = measureSpec.listOf(body).map((g) => measureSpec.item.safeParse(g));
    expect(groups.map((g) => g.success)).toEqual([true, true, true, false]);
    const [winter, pressure, summer] = groups.flatMap((g) =>
      g.success ? [measureSpec.map(g.data, body)] : [],
    );
    expect(winter).toMatchObject({
      ok: true,
      record: {
        time: '2025-11-24T07:11:00.000Z',
        utcOffsetMinutes: 60,
        weight: { value: 72.31, unit: 'kg' },
        bodyFat: { value: 18.24, unit: '%' },
        provenance: { provider: 'withings', externalId: '5612093401' },
      },
    });
    expect(pressure).toEqual({ ok: 'skip' });
    // Same zone name, summer time: the offset is +02:00.
    expect(summer).toMatchObject({ ok: true, record: { utcOffsetMinutes: 120, weight: { value: 74.5 } } });
  });

  it('maps an activity day on a DST change, and fails a day with an unknown zone', () => {
    const { body } = fixture('getactivity.json');
    const [day, mars] = activitySpec
      .listOf(body)
      .map((a) => activitySpec.map(activitySpec.item.parse(a), body));
    expect(day).toMatchObject({
      ok: true,
      record: {
        date: '2026-03-29',
        utcOffsetMinutes: 120,
        steps: { value: 9412, unit: '{steps}' },
        distance: { value: 7153.4, unit: 'm' },
        activeEnergy: { value: 402.81, unit: 'kcal' },
        totalEnergy: { value: 2104.3, unit: 'kcal' },
        activeTime: { value: 1860, unit: 's' },
      },
    });
    expect(mars).toEqual({ ok: false, message: 'unknown timezone Mars/Olympus_Mons' });
    // The local day began at +01:00, before the clocks went forward.
    expect(new Date(localMidnightMs('2026-03-29', 'Europe/Paris') ?? 0).toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
  });

  it('maps a night with stages clipped to the session, in New York standard time', () => {
    const raw = fixture('sleep.json');
    const summary = withingsSleepSummary.parse(raw.summary);
    const states = withingsSleepBody.parse((raw.get as { body: unknown }).body).series;
    const mapped = sleepToSession(summary, states);
    if (mapped.ok !== true || mapped.record.type !== 'sleep') throw new Error('sleep did not map');
    expect(mapped.record.utcOffsetMinutes).toBe(-300);
    expect(mapped.record.stages.map((s) => s.stage)).toEqual(['awake', 'light', 'deep', 'rem', 'light']);
    expect(mapped.record.stages[0]?.startTime).toBe('2025-11-09T02:30:00.000Z');
    expect(mapped.record.endTime).toBe('2025-11-09T10:00:00.000Z');
  });

  it('maps workouts (category → sport, no HR summary when the watch reported 0)', () => {
    const { body } = fixture('getworkouts.json');
    const [run, other] = workoutSpec
      .listOf(body)
      .map((w) => workoutSpec.map(workoutSpec.item.parse(w), body));
    expect(run).toMatchObject({
      ok: true,
      record: {
        sport: 'running',
        startTime: '2025-11-23T22:00:00.000Z',
        utcOffsetMinutes: 540,
        movingTime: { value: 2700 },
        distance: { value: 9012, unit: 'm' },
        energy: { value: 612, unit: 'kcal' },
        heartRate: { average: { value: 151 }, maximum: { value: 178 } },
      },
    });
    expect(other).toMatchObject({ ok: true, record: { sport: 'other' } });
    expect(other?.ok === true && 'heartRate' in other.record).toBe(false);
  });

  it('classifies body statuses by where they arrive', () => {
    expect(codeForBodyStatus(401, 'data')).toBe('SW_PROVIDER_AUTH_EXPIRED');
    expect(codeForBodyStatus(601, 'data')).toBe('SW_PROVIDER_RATE_LIMITED');
    expect(codeForBodyStatus(503, 'data')).toBe('SW_PROVIDER_REQUEST_REJECTED');
    expect(codeForBodyStatus(503, 'refresh')).toBe('SW_PROVIDER_AUTH_REVOKED');
    expect(codeForBodyStatus(503, 'code-exchange')).toBe('SW_OAUTH_EXCHANGE_FAILED');
    expect(codeForBodyStatus(2554, 'data')).toBe('SW_PROVIDER_FORBIDDEN');
    expect(codeForBodyStatus(522, 'data')).toBe('SW_PROVIDER_TIMEOUT');
    expect(codeForBodyStatus(215, 'data')).toBe('SW_PROVIDER_UNAVAILABLE');
  });

  it('reads Notify form bodies: appli → data types, unlink → deauthorize, JSON refused', () => {
    const verifier = new WithingsWebhookVerifier({
      clientId: 'c',
      clientSecret: 's',
      baseUrls: { api: '', authorize: '', token: '' },
    });
    const post = (body: string, contentType = 'application/x-www-form-urlencoded') =>
      verifier.verify({
        method: 'POST',
        query: {},
        headers: { 'content-type': contentType },
        rawBody: new TextEncoder().encode(body),
      });
    expect(post('userid=12345&appli=1&startdate=1530576000&enddate=1530698753')).toEqual({
      kind: 'events',
      events: [{ externalUserId: '12345', dataType: 'body_measurement', action: 'create' }],
    });
    expect(post('userid=12345&appli=44&startdate=1&enddate=2')).toMatchObject({
      events: [{ dataType: 'sleep' }],
    });
    expect(post('userid=12345&appli=46&action=unlink')).toMatchObject({
      events: [{ action: 'deauthorize', dataType: null }],
    });
    expect(post('userid=12345&appli=50&startdate=1&enddate=2')).toEqual({ kind: 'events', events: [] });
    expect(post('{"userid":1}', 'application/json').kind).toBe('rejected');
    expect(post('').kind).toBe('handshake');
    expect(offsetMinutesAt('Asia/Kolkata', 0)).toBe(330);
  });
});
