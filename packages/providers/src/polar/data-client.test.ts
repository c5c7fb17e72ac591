import { readFileSync } from 'node:fs';
import type { ProviderSession, Workout } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { encodeWorkoutFit } from '../formats/index.js';
import { polarModule } from './index.js';

const exercises = JSON.parse(
  readFileSync(new URL('./fixtures/exercises.json', import.meta.url), 'utf8'),
) as unknown[];
const listed = [...exercises, { id: 'noStart', upload_time: '2026-11-23T09:00:00Z', duration: 'PT1H' }];

const fitSource: Workout = {
  type: 'workout',
  provenance: { provider: 'polar', externalId: 'aQlC83' },
  sport: 'running',
  startTime: '2026-11-20T06:30:00.000Z',
  endTime: '2026-11-20T07:12:30.000Z',
  utcOffsetMinutes: 60,
  laps: [
    { startTime: '2026-11-20T06:30:00.000Z', endTime: '2026-11-20T06:50:00.000Z' },
    { startTime: '2026-11-20T06:50:00.000Z', endTime: '2026-11-20T07:12:30.000Z' },
  ],
  track: [
    { time: '2026-11-20T06:30:00.000Z', lat: 60.17, lon: 24.94, heartRateBpm: 120 },
    { time: '2026-11-20T06:30:10.000Z', lat: 60.1702, lon: 24.9405, heartRateBpm: 125 },
  ],
};

/** A stand-in for the AccessLink origin: the list, one good FIT, one corrupt, one missing. */
const fakePolar: typeof fetch = (input) => {
  const path = new URL(input instanceof Request ? input.url : input).pathname;
  if (path === '/v3/exercises') return Promise.resolve(Response.json(listed));
  if (path === '/v3/exercises/aQlC83/fit')
    return Promise.resolve(new Response(encodeWorkoutFit(fitSource).data));
  if (path === '/v3/exercises/9811/fit')
    return Promise.resolve(new Response(new Uint8Array([14, 16, 1, 2, 3])));
  return Promise.resolve(Response.json({ status: 404, errorType: 'not_found' }, { status: 404 }));
};

const session: ProviderSession = {
  connectionId: 'c1',
  externalUserId: '475',
  accessToken: () => Promise.resolve('token-1'),
  refreshAccessToken: () => Promise.reject(new Error('not expected')),
};

const polar = polarModule.create({
  clientId: 'c',
  clientSecret: 's',
  baseUrls: { ...polarModule.facts.defaultBaseUrls, api: 'http://polar.test' },
  fetch: fakePolar,
});

describe('PolarDataClient.read', () => {
  it('merges FIT files, turns bad records into failures and goes on', async () => {
    const page = await polar.data.read(session, { dataType: 'workout', cursor: null });
    expect(page.hasMore).toBe(false);
    expect(page.nextCursor).toBe('2026-11-23T09:00:00.000Z');
    const byId = new Map(
      page.items.map((item) => [item.ok ? item.record.provenance.externalId : item.externalId, item]),
    );
    const run = byId.get('aQlC83');
    if (run?.ok !== true || run.record.type !== 'workout') throw new Error('run not read');
    expect(run.record.laps).toHaveLength(2);
    expect(run.record.track).toHaveLength(2);
    expect(run.record.energy).toEqual({ value: 530, unit: 'kcal' });
    expect(byId.get('9811')).toMatchObject({ ok: false, code: 'SW_ITEM_CORRUPT_FILE' });
    expect(byId.get('brokenDuration')).toMatchObject({ ok: false, code: 'SW_ITEM_INVALID_PAYLOAD' });
    expect(byId.get('noStart')).toMatchObject({ ok: false, code: 'SW_ITEM_INVALID_PAYLOAD' });
  });

  it('reads only uploads newer than the cursor, and only starts inside a range', async () => {
    const incremental = await polar.data.read(session, {
      dataType: 'workout',
      cursor: '2026-11-21T00:00:00.000Z',
    });
    const ids = incremental.items.map((item) =>
      item.ok ? item.record.provenance.externalId : item.externalId,
    );
    expect(ids.sort()).toEqual(['9811', 'brokenDuration', 'noStart']);
    const done = await polar.data.read(session, { dataType: 'workout', cursor: '2026-11-23T09:00:00.000Z' });
    expect(done.items.filter((item) => item.ok)).toEqual([]);
    expect(done.nextCursor).toBeNull();
    const ranged = await polar.data.read(session, {
      dataType: 'workout',
      cursor: null,
      range: { from: new Date('2026-11-20T06:00:00Z'), to: new Date('2026-11-20T07:00:00Z') },
    });
    expect(ranged.items.map((item) => item.ok && item.record.provenance.externalId)).toContain('aQlC83');
    expect(ranged.nextCursor).toBeNull();
  });
});
