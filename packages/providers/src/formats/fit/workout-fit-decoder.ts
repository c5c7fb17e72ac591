import { Decoder, Stream } from '@garmin/fitsdk';
import type { ActivityMesg, LapMesg, RecordMesg, SessionMesg } from '@garmin/fitsdk';
import { workout } from '@syncwell/core';
import type { Lap, ProviderId, TrackPoint, Workout } from '@syncwell/core';
import { FitDecodeError } from './fit-decode-error.js';
import { sportTypeOfFit } from './fit-sport-table.js';
import { dateToFitSeconds, semicirclesToDegrees } from './fit-units.js';

/** Where the decoded workout came from; becomes its provenance. */
export interface FitSource {
  readonly provider: ProviderId;
  readonly externalId: string;
}

/**
 * Decodes a FIT activity file into a canonical workout, validated with the core schema.
 * Throws `FitDecodeError` (`SW_ITEM_CORRUPT_FILE`) for a truncated or corrupt file, a bad CRC,
 * or a FIT file that is not an activity.
 *
 * @example
 *   const run = decodeWorkoutFit(bytes, { provider: 'polar', externalId: exerciseId });
 */
export function decodeWorkoutFit(bytes: Uint8Array, source: FitSource): Workout {
  const stream = Stream.fromByteArray(bytes);
  const decoder = new Decoder(stream);
  if (!decoder.isFIT()) throw new FitDecodeError('not a FIT file');
  if (!decoder.checkIntegrity()) throw new FitDecodeError('truncated or CRC mismatch');

  let messages;
  try {
    const result = decoder.read();
    if (result.errors.length > 0)
      throw new FitDecodeError('decoder reported errors', { cause: result.errors[0] });
    messages = result.messages;
  } catch (error) {
    if (error instanceof FitDecodeError) throw error;
    throw new FitDecodeError('decoder failed', { cause: error });
  }

  if (messages.fileIdMesgs?.[0]?.type !== 'activity') throw new FitDecodeError('not an activity file');
  const session = messages.sessionMesgs?.[0];
  const start = session?.startTime;
  const end = session?.timestamp;
  if (session === undefined || !(start instanceof Date) || !(end instanceof Date)) {
    throw new FitDecodeError('activity has no session with start and end');
  }

  const laps = lapsOf(messages.lapMesgs ?? [], start, end);
  const track = trackOf(messages.recordMesgs ?? []);
  const candidate = {
    type: 'workout',
    provenance: { provider: source.provider, externalId: source.externalId },
    sport: sportTypeOfFit(session.sport, session.subSport),
    startTime: start.toISOString(),
    endTime: end.toISOString(),
    utcOffsetMinutes: utcOffsetOf(messages.activityMesgs?.[0]),
    ...(typeof session.totalTimerTime === 'number'
      ? { movingTime: { value: session.totalTimerTime, unit: 's' } }
      : {}),
    ...(typeof session.totalDistance === 'number'
      ? { distance: { value: session.totalDistance, unit: 'm' } }
      : {}),
    ...(typeof session.totalCalories === 'number'
      ? { energy: { value: session.totalCalories, unit: 'kcal' } }
      : {}),
    ...heartRateOf(session),
    laps,
    ...(track.length > 0 ? { track } : {}),
  };
  const parsed = workout.safeParse(candidate);
  if (!parsed.success) {
    throw new FitDecodeError('activity does not form a valid workout', { cause: parsed.error });
  }
  return parsed.data;
}

/** Offset = local_timestamp − timestamp; files without it (many exports) are read as UTC. */
function utcOffsetOf(activity: ActivityMesg | undefined): number {
  const local = activity?.localTimestamp;
  const utc = activity?.timestamp;
  if (typeof local !== 'number' || !(utc instanceof Date)) return 0;
  const minutes = Math.round((local - dateToFitSeconds(utc)) / 60);
  return Math.abs(minutes) <= 14 * 60 ? minutes : 0;
}

function heartRateOf(session: SessionMesg): Pick<Workout, 'heartRate'> {
  const { avgHeartRate: average, maxHeartRate: maximum } = session;
  if (typeof average !== 'number' || typeof maximum !== 'number') return {};
  return {
    heartRate: { average: { value: average, unit: '/min' }, maximum: { value: maximum, unit: '/min' } },
  };
}

/**
 * A lone lap spanning the whole session says nothing the session does not, and is what the
 * encoder writes for a lap-less workout, so it reads back as "no laps".
 */
function lapsOf(mesgs: readonly LapMesg[], sessionStart: Date, sessionEnd: Date): Lap[] {
  const laps: Lap[] = [];
  for (const mesg of mesgs) {
    if (!(mesg.startTime instanceof Date) || !(mesg.timestamp instanceof Date)) continue;
    laps.push({
      startTime: mesg.startTime.toISOString(),
      endTime: mesg.timestamp.toISOString(),
      ...(typeof mesg.totalDistance === 'number'
        ? { distance: { value: mesg.totalDistance, unit: 'm' } }
        : {}),
      ...(typeof mesg.totalCalories === 'number'
        ? { energy: { value: mesg.totalCalories, unit: 'kcal' } }
        : {}),
      ...(typeof mesg.avgHeartRate === 'number'
        ? { averageHeartRate: { value: mesg.avgHeartRate, unit: '/min' } }
        : {}),
    });
  }
  const only = laps.length === 1 ? mesgs[0] : undefined;
  const spansSession =
    only?.lapTrigger === 'sessionEnd' &&
    laps[0]?.startTime === sessionStart.toISOString() &&
    laps[0].endTime === sessionEnd.toISOString();
  return spansSession ? [] : laps;
}

function trackOf(records: readonly RecordMesg[]): TrackPoint[] {
  const track: TrackPoint[] = [];
  for (const record of records) {
    const { timestamp, positionLat, positionLong } = record;
    // Records without a fix (tunnels, indoor parts) carry no position and are not track points.
    if (!(timestamp instanceof Date) || typeof positionLat !== 'number' || typeof positionLong !== 'number')
      continue;
    const altitude = record.enhancedAltitude ?? record.altitude;
    const heartRate = record.heartRate;
    track.push({
      time: timestamp.toISOString(),
      lat: semicirclesToDegrees(positionLat),
      lon: semicirclesToDegrees(positionLong),
      ...(typeof altitude === 'number' ? { altitudeM: altitude } : {}),
      ...(typeof heartRate === 'number' && heartRate >= 20 && heartRate <= 260
        ? { heartRateBpm: heartRate }
        : {}),
    });
  }
  return track;
}
