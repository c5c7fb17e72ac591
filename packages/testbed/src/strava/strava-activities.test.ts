import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePolyline } from './polyline-encoder.js';
import { startStravaSimulator } from './strava-simulator.js';
import type { StravaSimulator } from './strava-simulator-handle.js';
import { apiGet, connectAthlete, TEST_CLIENT } from './strava-test-support.js';

interface SummaryJson {
  id: number;
  start_date: string;
  start_date_local: string;
  timezone: string;
  utc_offset: number;
  external_id: string | null;
  athlete: { id: number };
  map: { summary_polyline: string };
  start_latlng: number[];
  has_heartrate: boolean;
}

let sim: StravaSimulator;
let token: string;
let athleteId: number;

beforeAll(async () => {
  sim = await startStravaSimulator({ ...TEST_CLIENT, seed: 11, athletes: 2, activitiesPerAthlete: 45 });
  athleteId = sim.athletes[0]!.id;
  token = (await connectAthlete(sim, 'read,activity:read_all', athleteId)).access_token;
});
afterAll(async () => {
  await sim.close();
});

async function list(query: string): Promise<SummaryJson[]> {
  const response = await apiGet(sim, `/athlete/activities?${query}`, token);
  expect(response.status).toBe(200);
  return (await response.json()) as SummaryJson[];
}

describe('Strava simulator activities', () => {
  it('pages newest first with 30 per page by default', async () => {
    const first = await list('');
    const second = await list('page=2');
    expect(first).toHaveLength(30);
    expect(second).toHaveLength(15);
    const all = [...first, ...second].map((a) => Date.parse(a.start_date));
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect(new Set([...first, ...second].map((a) => a.id)).size).toBe(45);
    expect((await list('per_page=500')).length).toBe(45);
  });

  it('filters by before/after epoch seconds (exclusive) and lists oldest first with after alone', async () => {
    const all = await list('per_page=200');
    const pivot = all[10]!;
    const pivotEpoch = Date.parse(pivot.start_date) / 1000;
    const before = await list(`before=${pivotEpoch}&per_page=200`);
    expect(before).toHaveLength(34);
    expect(before.every((a) => Date.parse(a.start_date) / 1000 < pivotEpoch)).toBe(true);
    const after = await list(`after=${pivotEpoch}&per_page=5`);
    expect(after.map((a) => a.id)).toEqual(
      all
        .slice(5, 10)
        .reverse()
        .map((a) => a.id),
    );
    const window = await list(`after=${pivotEpoch - 3 * 86_400}&before=${pivotEpoch + 1}`);
    expect(window[0]?.id).toBe(pivot.id);
  });

  it('keeps whole-second starts, so after=<newest start_date> does not repeat it', async () => {
    const other = sim.athletes[1]!.id;
    const otherToken = (await connectAthlete(sim, 'activity:read_all', other)).access_token;
    const start = Date.parse('2026-11-21T08:00:00.750Z');
    const created = sim.addActivity(other, {
      type: 'workout',
      provenance: { provider: 'garmin', externalId: 'g-1' },
      sport: 'running',
      startTime: new Date(start).toISOString(),
      endTime: new Date(start + 600_000).toISOString(),
      utcOffsetMinutes: 0,
      laps: [],
    });
    expect(created.startDate).toBe('2026-11-21T08:00:00.000Z');
    const epoch = Date.parse(created.startDate) / 1000;
    const response = await apiGet(sim, `/athlete/activities?after=${epoch}`, otherToken);
    expect(((await response.json()) as SummaryJson[]).map((a) => a.id)).not.toContain(created.id);
  });

  it('renders Strava time quirks: UTC start_date, local start_date_local also ending in Z', async () => {
    const [latest] = await list('per_page=1');
    const athlete = sim.athletes[0]!;
    expect(latest!.start_date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(latest!.start_date_local).toMatch(/Z$/);
    expect(Date.parse(latest!.start_date_local) - Date.parse(latest!.start_date)).toBe(
      athlete.utcOffsetMinutes * 60_000,
    );
    expect(latest!.utc_offset).toBe(athlete.utcOffsetMinutes * 60);
    expect(latest!.timezone).toMatch(/^\(GMT[+-]\d\d:\d\d\) \S+$/);
    expect(latest!.athlete.id).toBe(athlete.id);
    expect(latest!.has_heartrate).toBe(true);
    const [lat, lng] = decodePolyline(latest!.map.summary_polyline)[0]!;
    expect(lat).toBeCloseTo(latest!.start_latlng[0]!, 4);
    expect(lng).toBeCloseTo(latest!.start_latlng[1]!, 4);
  });

  it('serves the detailed activity and its StreamSet keyed by type', async () => {
    const [latest] = await list('per_page=1');
    const detail = (await (await apiGet(sim, `/activities/${latest!.id}`, token)).json()) as Record<
      string,
      unknown
    >;
    expect(detail).toMatchObject({ id: latest!.id, resource_state: 3, description: null });
    expect(detail.calories).toBeGreaterThan(0);
    expect(detail.laps).toHaveLength(1);
    const streams = (await (
      await apiGet(
        sim,
        `/activities/${latest!.id}/streams?keys=time,latlng,heartrate,altitude&key_by_type=true`,
        token,
      )
    ).json()) as Record<
      string,
      { data: unknown[]; series_type: string; original_size: number; resolution: string }
    >;
    expect(Object.keys(streams).sort()).toEqual(['altitude', 'distance', 'heartrate', 'latlng', 'time']);
    const stored = sim.activitiesOf(athleteId).find((a) => a.id === latest!.id)!;
    expect(streams.latlng!.data).toHaveLength(stored.trackPointCount);
    expect(streams.time).toMatchObject({
      series_type: 'distance',
      resolution: 'high',
      original_size: stored.trackPointCount,
    });
    expect(streams.time!.data[0]).toBe(0);
    const list2 = (await (
      await apiGet(sim, `/activities/${latest!.id}/streams?keys=time`, token)
    ).json()) as { type: string }[];
    expect(list2.map((s) => s.type)).toEqual(['time', 'distance']);
  });

  it('answers 404 Fault for another athlete’s activity and 401 without the read scope', async () => {
    const foreign = sim.activitiesOf(sim.athletes[1]!.id)[0]!;
    const response = await apiGet(sim, `/activities/${foreign.id}`, token);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: 'Record Not Found',
      errors: [{ resource: 'Activity', field: 'id', code: 'invalid' }],
    });
    const readOnly = await connectAthlete(sim, 'read', athleteId);
    const denied = await apiGet(sim, '/athlete/activities', readOnly.access_token);
    expect(denied.status).toBe(401);
    expect(await denied.json()).toEqual({
      message: 'Authorization Error',
      errors: [{ resource: 'AccessToken', field: 'activity:read_permission', code: 'missing' }],
    });
  });

  it('keeps framework errors in Fault shape: unknown paths and malformed bodies', async () => {
    const unknown = await apiGet(sim, '/no/such/path', token);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: 'Record Not Found' });
    const malformed = await fetch(`${sim.baseUrls.api}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      message: 'Bad Request',
      errors: [{ resource: 'Request' }],
    });
  });

  it('hides "Only Me" activities from activity:read tokens', async () => {
    const newest = sim.activitiesOf(athleteId)[0]!;
    sim.updateActivity(newest.id, { private: true });
    const publicOnly = await connectAthlete(sim, 'activity:read', athleteId);
    const seen = (await (
      await apiGet(sim, '/athlete/activities?per_page=200', publicOnly.access_token)
    ).json()) as SummaryJson[];
    expect(seen.map((a) => a.id)).not.toContain(newest.id);
    expect((await apiGet(sim, `/activities/${newest.id}`, publicOnly.access_token)).status).toBe(404);
    // Scopes belong to the athlete's grant, so re-authorizing narrowed them for every token.
    token = (await connectAthlete(sim, 'activity:read_all', athleteId)).access_token;
    expect((await list('per_page=200')).map((a) => a.id)).toContain(newest.id);
    sim.updateActivity(newest.id, { private: false });
  });
});
