import { workout as workoutSchema, type SportType, type TrackPoint, type Workout } from '@syncwell/core';

/**
 * Just enough GPX 1.1 and Garmin TCX reading for the simulator's upload pipeline: track points
 * (time, position, elevation, heart rate), sport, and TCX lap totals. Both formats carry UTC
 * times only; Strava places them in a zone from the GPS position, the simulator uses the
 * athlete's profile offset instead.
 */
export interface TrackFileContext {
  readonly externalId: string;
  readonly utcOffsetMinutes: number;
}

const tag = (xml: string, name: string): string | undefined =>
  new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([^<]*)</(?:\\w+:)?${name}>`).exec(xml)?.[1]?.trim();

const num = (text: string | undefined): number | undefined => {
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
};

const SPORT_WORDS: readonly [RegExp, SportType][] = [
  [/trail/i, 'trail_running'],
  [/run/i, 'running'],
  [/mountain|mtb/i, 'mountain_biking'],
  [/bik|cycl|ride/i, 'cycling'],
  [/walk/i, 'walking'],
  [/hik/i, 'hiking'],
  [/swim/i, 'swimming'],
];

function sportOf(label: string | undefined): SportType {
  return SPORT_WORDS.find(([pattern]) => label !== undefined && pattern.test(label))?.[1] ?? 'other';
}

function point(
  time: string | undefined,
  lat: number | undefined,
  lon: number | undefined,
  block: string,
): TrackPoint | null {
  if (time === undefined || lat === undefined || lon === undefined) return null;
  const altitudeM = num(tag(block, 'ele') ?? tag(block, 'AltitudeMeters'));
  const hr = num(tag(block, 'hr') ?? /<HeartRateBpm[^>]*>\s*<Value>([^<]*)<\/Value>/.exec(block)?.[1]);
  return {
    time: new Date(time).toISOString(),
    lat,
    lon,
    ...(altitudeM === undefined ? {} : { altitudeM }),
    ...(hr === undefined ? {} : { heartRateBpm: Math.round(hr) }),
  };
}

function toWorkout(
  track: TrackPoint[],
  sport: SportType,
  context: TrackFileContext,
  extra: Partial<Workout>,
): Workout {
  const first = track[0];
  const last = track.at(-1);
  if (first === undefined || last === undefined) throw new Error('no track points');
  return workoutSchema.parse({
    type: 'workout',
    provenance: { provider: 'strava', externalId: context.externalId },
    sport,
    startTime: first.time,
    endTime: last.time,
    utcOffsetMinutes: context.utcOffsetMinutes,
    laps: [],
    track,
    ...extra,
  });
}

export function readGpx(bytes: Uint8Array, context: TrackFileContext): Workout {
  const xml = new TextDecoder().decode(bytes);
  if (!/<gpx\b/.test(xml)) throw new Error('not a GPX document');
  const track: TrackPoint[] = [];
  for (const m of xml.matchAll(/<trkpt\b([^>]*)>([\s\S]*?)<\/trkpt>/g)) {
    const attrs = m[1] ?? '';
    const p = point(
      tag(m[2] ?? '', 'time'),
      num(/lat="([^"]*)"/.exec(attrs)?.[1]),
      num(/lon="([^"]*)"/.exec(attrs)?.[1]),
      m[2] ?? '',
    );
    if (p !== null) track.push(p);
  }
  return toWorkout(track, sportOf(tag(xml, 'type')), context, {});
}

export function readTcx(bytes: Uint8Array, context: TrackFileContext): Workout {
  const xml = new TextDecoder().decode(bytes);
  if (!/<TrainingCenterDatabase\b/.test(xml)) throw new Error('not a TCX document');
  const track: TrackPoint[] = [];
  for (const m of xml.matchAll(/<Trackpoint>([\s\S]*?)<\/Trackpoint>/g)) {
    const block = m[1] ?? '';
    const p = point(
      tag(block, 'Time'),
      num(tag(block, 'LatitudeDegrees')),
      num(tag(block, 'LongitudeDegrees')),
      block,
    );
    if (p !== null) track.push(p);
  }
  const laps = [...xml.matchAll(/<Lap StartTime="([^"]+)">([\s\S]*?)<\/Lap>/g)];
  const totalMetres = laps.reduce((sum, lap) => sum + (num(tag(lap[2] ?? '', 'DistanceMeters')) ?? 0), 0);
  const totalKcal = laps.reduce((sum, lap) => sum + (num(tag(lap[2] ?? '', 'Calories')) ?? 0), 0);
  return toWorkout(track, sportOf(/<Activity Sport="([^"]*)"/.exec(xml)?.[1]), context, {
    ...(totalMetres > 0 ? { distance: { value: totalMetres, unit: 'm' } } : {}),
    ...(totalKcal > 0 ? { energy: { value: totalKcal, unit: 'kcal' } } : {}),
  });
}
