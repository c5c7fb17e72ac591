import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitMultisportWorkout } from '@syncwell/core';
import { decodeWorkoutFit } from '../formats/fit/workout-fit-decoder.js';
import { readFitFixture } from '../formats/fit/fixtures/fit-fixtures.js';
import { garminActivityToWorkout } from './mapping.js';
import { garminActivity } from './schemas.js';
import { workoutItems } from './workout-items.js';

const raw = JSON.parse(readFileSync(new URL('./fixtures/summaries.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;
const summary = garminActivity.parse(raw.multisportActivity);
const API = 'https://apis.garmin.com';

function items(bytes: Uint8Array) {
  return workoutItems({
    activities: [raw.multisportActivity],
    files: [
      {
        summaryId: summary.summaryId,
        fileType: 'FIT',
        callbackURL: `${API}/wellness-api/rest/activityFile?id=1`,
      },
    ],
    apiBaseUrl: API,
    concurrency: 1,
    download: () => Promise.resolve(bytes),
    decodeFit: decodeWorkoutFit,
  });
}

describe('Garmin multisport activities with their FIT file', () => {
  it('keeps the legs of the file under the summary: sport multisport, five legs, the whole track', async () => {
    const [item] = await items(readFitFixture('sprint-triathlon.fit'));
    if (item?.ok !== true || item.record.type !== 'workout') throw new Error('expected a workout');
    const w = item.record;
    expect(w).toMatchObject({
      sport: 'multisport',
      name: 'Lake sprint triathlon',
      startTime: '2025-06-14T05:30:00.000Z',
      // The summary's duration is a second short of the file's last leg; the legs win.
      endTime: '2025-06-14T07:00:00.000Z',
      utcOffsetMinutes: 120,
      distance: { value: 25_980, unit: 'm' },
    });
    expect(w.legs?.map((l) => (l.kind === 'sport' ? l.sport : 'transition'))).toEqual([
      'open_water_swimming',
      'transition',
      'cycling',
      'transition',
      'running',
    ]);
    expect(w.track).toHaveLength(13);
    expect(splitMultisportWorkout(w).map((leg) => leg.provenance.externalId)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `21004455120#leg${String(n)}`),
    );
  });

  it('reads the summary sport MULTI_SPORT as multisport without a file', () => {
    const mapped = garminActivityToWorkout(summary, null);
    expect(mapped).toMatchObject({ ok: true, record: { sport: 'multisport' } });
  });

  it('skips a file the FIT SDK cannot read with SW_ITEM_UNSUPPORTED_FILE, per record', async () => {
    const [item] = await items(readFitFixture('compressed-timestamps.fit'));
    expect(item).toMatchObject({ ok: false, externalId: '21004455120', code: 'SW_ITEM_UNSUPPORTED_FILE' });
  });
});
