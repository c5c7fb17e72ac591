import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWorkoutFit } from '@syncwell/providers';
import type { Workout } from '@syncwell/core';
import { generateWorkouts } from '../synthetic/synthetic-workouts.js';
import { startStravaSimulator } from './strava-simulator.js';
import type { StravaSimulator } from './strava-simulator-handle.js';
import { apiGet, connectAthlete, TEST_CLIENT } from './strava-test-support.js';

interface UploadJson {
  id: number;
  id_str: string;
  external_id: string | null;
  error: string | null;
  status: string;
  activity_id: number | null;
}

let sim: StravaSimulator;
let token: string;
let athleteId: number;
const workouts: Workout[] = generateWorkouts({
  seed: 5,
  count: 3,
  provider: 'garmin',
  endBefore: new Date('2026-11-20T00:00:00Z'),
});

beforeAll(async () => {
  sim = await startStravaSimulator({ ...TEST_CLIENT, seed: 3, athletes: 1, uploadProcessingMs: 20 });
  athleteId = sim.athletes[0]!.id;
  token = (await connectAthlete(sim, 'read,activity:read_all,activity:write', athleteId)).access_token;
});
afterAll(async () => {
  await sim.close();
});

async function upload(
  bytes: Uint8Array,
  fields: Record<string, string>,
  fileName = 'ride.fit',
  accessToken = token,
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set('file', new Blob([bytes]), fileName);
  return fetch(`${sim.baseUrls.api}/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}` },
    body: form,
  });
}

async function pollUntilDone(id: number): Promise<UploadJson> {
  for (let i = 0; i < 50; i++) {
    const state = (await (await apiGet(sim, `/uploads/${id}`, token)).json()) as UploadJson;
    if (state.status !== 'Your activity is still being processed.') return state;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('upload never finished processing');
}

describe('Strava simulator uploads', () => {
  it('accepts a FIT upload with 201, processes it asynchronously and keeps track, HR and external id', async () => {
    const workout = workouts[0]!;
    const response = await upload(encodeWorkoutFit(workout).data, {
      data_type: 'fit',
      external_id: 'sw-tag-1',
      name: 'Synced ride',
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as UploadJson;
    expect(created).toEqual({
      id: created.id,
      id_str: String(created.id),
      external_id: 'sw-tag-1',
      error: null,
      status: 'Your activity is still being processed.',
      activity_id: null,
    });
    const done = await pollUntilDone(created.id);
    expect(done).toMatchObject({ status: 'Your activity is ready.', error: null });
    const stored = sim.activitiesOf(athleteId).find((a) => a.id === done.activity_id)!;
    expect(stored).toMatchObject({
      name: 'Synced ride',
      externalId: 'sw-tag-1',
      uploadId: created.id,
      startDate: workout.startTime,
      elapsedTime: (Date.parse(workout.endTime) - Date.parse(workout.startTime)) / 1000,
      trackPointCount: workout.track!.length,
      heartRateSampleCount: workout.track!.length,
    });
    expect(stored.distance).toBeCloseTo(workout.distance!.value, 0);
    const streams = (await (
      await apiGet(
        sim,
        `/activities/${done.activity_id}/streams?keys=latlng,heartrate&key_by_type=true`,
        token,
      )
    ).json()) as Record<string, { data: unknown[] }>;
    expect(streams.heartrate!.data[0]).toBe(workout.track![0]!.heartRateBpm);
  });

  it('reports a duplicate by external id or by start time in the upload error', async () => {
    const [first] = sim.activitiesOf(athleteId);
    const sameTag = await upload(
      encodeWorkoutFit(workouts[1]!).data,
      { data_type: 'fit', external_id: 'sw-tag-1' },
      'again.fit',
    );
    const byTag = await pollUntilDone(((await sameTag.json()) as UploadJson).id);
    expect(byTag).toMatchObject({
      status: 'There was an error processing your activity.',
      error: `again.fit duplicate of activity ${first!.id}`,
      activity_id: null,
    });
    const shifted = {
      ...workouts[0]!,
      startTime: new Date(Date.parse(workouts[0]!.startTime) + 45_000).toISOString(),
    };
    const sameStart = await upload(
      gzipSync(encodeWorkoutFit(shifted).data),
      { data_type: 'fit.gz', external_id: 'other' },
      'b.fit.gz',
    );
    expect((await pollUntilDone(((await sameStart.json()) as UploadJson).id)).error).toBe(
      `b.fit.gz duplicate of activity ${first!.id}`,
    );
    expect(sim.activitiesOf(athleteId)).toHaveLength(1);
  });

  it('reports a corrupt file as a processing error', async () => {
    const garbage = encodeWorkoutFit(workouts[2]!).data.slice(0, 40);
    const response = await upload(garbage, { data_type: 'fit' });
    const done = await pollUntilDone(((await response.json()) as UploadJson).id);
    expect(done).toMatchObject({ error: 'There was an error processing your activity.', activity_id: null });
  });

  it('processes a GPX upload into an activity in the athlete’s profile zone', async () => {
    const workout = workouts[2]!;
    const points = workout
      .track!.map((p) => `<trkpt lat="${p.lat}" lon="${p.lon}"><time>${p.time}</time></trkpt>`)
      .join('');
    const gpx = `<gpx version="1.1"><trk><type>running</type><trkseg>${points}</trkseg></trk></gpx>`;
    const response = await upload(new TextEncoder().encode(gpx), { data_type: 'gpx' }, 'run.gpx');
    const done = await pollUntilDone(((await response.json()) as UploadJson).id);
    expect(done.status).toBe('Your activity is ready.');
    const stored = sim.activitiesOf(athleteId).find((a) => a.id === done.activity_id)!;
    expect(stored).toMatchObject({
      startDate: workout.startTime,
      trackPointCount: workout.track!.length,
      heartRateSampleCount: 0,
      utcOffsetMinutes: sim.athletes[0]!.utcOffsetMinutes,
      externalId: null,
    });
  });

  it('rejects bad requests synchronously and needs activity:write', async () => {
    const badType = await upload(new Uint8Array([1, 2, 3]), { data_type: 'docx' });
    expect(badType.status).toBe(400);
    expect(await badType.json()).toEqual({
      message: 'Bad Request',
      errors: [{ resource: 'Upload', field: 'data_type', code: 'invalid' }],
    });
    const readOnly = await startStravaSimulator({ ...TEST_CLIENT, athletes: 1 });
    try {
      const tokens = await connectAthlete(readOnly, 'activity:read');
      const form = new FormData();
      form.set('data_type', 'fit');
      form.set('file', new Blob([new Uint8Array([1])]), 'x.fit');
      const denied = await fetch(`${readOnly.baseUrls.api}/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens.access_token}` },
        body: form,
      });
      expect(denied.status).toBe(401);
      expect(((await denied.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe(
        'activity:write_permission',
      );
    } finally {
      await readOnly.close();
    }
  });

  it('creates a manual activity in the athlete’s local time and counts it as an upload request', async () => {
    const before = sim.rateLimitUsage();
    const response = await fetch(`${sim.baseUrls.api}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Gym',
        sport_type: 'WeightTraining',
        start_date_local: '2026-11-01T18:00:00Z',
        elapsed_time: 3600,
      }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      id: number;
      manual: boolean;
      start_date_local: string;
      start_date: string;
    };
    expect(body.manual).toBe(true);
    expect(body.start_date_local).toBe('2026-11-01T18:00:00Z');
    const offsetMs = sim.athletes[0]!.utcOffsetMinutes * 60_000;
    expect(Date.parse(body.start_date)).toBe(Date.parse('2026-11-01T18:00:00Z') - offsetMs);
    const after = sim.rateLimitUsage();
    expect(after.overall.daily - before.overall.daily).toBe(1);
    expect(after.read.daily).toBe(before.read.daily);
  });
});

describe('the demo page of received uploads', () => {
  it('lists what arrived through uploads (escaped), not activities made on Strava itself', async () => {
    const page = async () => (await fetch(`${sim.url}/demo/received`)).text();
    const response = await upload(encodeWorkoutFit(workouts[1]!).data, {
      data_type: 'fit',
      external_id: 'sw-demo-<tag>',
      name: 'Arrived <via> SyncWell',
    });
    expect(response.status).toBe(201);
    await pollUntilDone(((await response.json()) as UploadJson).id);
    sim.addActivity(athleteId, workouts[2]!, { externalId: 'made-on-strava' });
    const html = await page();
    expect(html).toContain('What the Strava simulator received');
    expect(html).toContain('sw-demo-&lt;tag&gt;');
    expect(html).toContain('Arrived &lt;via&gt; SyncWell');
    expect(html).not.toContain('made-on-strava');
  });
});
