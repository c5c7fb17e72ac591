import type { ActivityMesg, FitMessages, LapMesg, RecordMesg, SessionMesg } from '@garmin/fitsdk';
import { legIndexAt, workout } from '@syncwell/core';
import type { Lap, Workout, WorkoutLeg } from '@syncwell/core';
import type { z } from 'zod';
import { counted, type DecodedWorkout, type WorkoutFileSource } from '../workout-file.js';
import { FitDecodeError } from './fit-decode-error.js';
import { readFitMessages } from './fit-read.js';
import { sportTypeOfFit } from './fit-sport-table.js';
import { spanOf, type Span } from './fit-span.js';
import { fitTrackOf, lastRecordMs } from './fit-track.js';
import { dateToFitSeconds } from './fit-units.js';

/** Where the decoded workout came from; becomes its provenance. */
export type FitSource = WorkoutFileSource;

interface TimedSession {
  readonly mesg: SessionMesg;
  readonly span: Span;
}

type Totals = Pick<Workout, 'movingTime' | 'distance' | 'energy' | 'heartRate'>;
/** What the sessions decide: sport, span and totals, and the legs of a multisport file. */
type SessionPart = Pick<Workout, 'sport' | 'startTime' | 'endTime'> & Totals & Pick<Workout, 'legs'>;

/**
 * Decodes a FIT activity file into a canonical workout, validated with the core schema.
 * One session is a workout; several sessions (a triathlon, a duathlon) are a `multisport`
 * workout whose legs are the sessions, transitions included, with totals summed over the legs.
 * Warnings count what was left out (positions off the globe, sessions the file announces but
 * lacks). Throws `FitDecodeError` only: `SW_ITEM_CORRUPT_FILE` for a damaged file or one that is
 * not an activity, `SW_ITEM_UNSUPPORTED_FILE` for an intact file the SDK cannot read.
 *
 * @example
 *   const { workout, warnings } = decodeWorkoutFit(bytes, { provider: 'polar', externalId: exerciseId });
 */
export function decodeWorkoutFit(bytes: Uint8Array, source: FitSource): DecodedWorkout {
  const messages = readFitMessages(bytes);
  try {
    return workoutOf(messages, source);
  } catch (error) {
    if (error instanceof FitDecodeError) throw error;
    // Anything else is message content our reading did not expect: never an unhandled error.
    throw new FitDecodeError('unexpected message content', { unsupported: true, cause: error });
  }
}

function workoutOf(messages: FitMessages, source: FitSource): DecodedWorkout {
  if (messages.fileIdMesgs?.[0]?.type !== 'activity') throw new FitDecodeError('not an activity file');
  const records = messages.recordMesgs ?? [];
  const warnings: string[] = [];
  const sessions = timedSessions(messages.sessionMesgs ?? [], records, warnings);
  if (sessions.length === 0) throw new FitDecodeError('activity has no session with start and end');
  const activity = messages.activityMesgs?.[0];
  const announced = activity?.numSessions;
  if (typeof announced === 'number' && announced > sessions.length) {
    warnings.push(`${String(announced - sessions.length)} of ${counted(announced, 'session')} missing`);
  }
  const track = fitTrackOf(records, messages.eventMesgs ?? []);
  if (track.badPositions > 0) {
    warnings.push(`${counted(track.badPositions, 'track point')} with an impossible position skipped`);
  }
  const candidate: z.input<typeof workout> = {
    type: 'workout',
    provenance: { provider: source.provider, externalId: source.externalId },
    utcOffsetMinutes: utcOffsetOf(activity),
    laps: lapsOf(messages.lapMesgs ?? [], sessions, records),
    ...(track.points.length > 0 ? { track: track.points } : {}),
    ...(sessions.length === 1 && sessions[0] !== undefined
      ? singleSession(sessions[0])
      : multisport(sessions, activity)),
  };
  const parsed = workout.safeParse(candidate);
  if (!parsed.success) {
    throw new FitDecodeError('activity does not form a valid workout', { cause: parsed.error });
  }
  return { workout: parsed.data, warnings };
}

/** Sessions with a start, in time order, each with its end (see `spanOf`); overlaps trimmed. */
function timedSessions(
  mesgs: readonly SessionMesg[],
  records: readonly RecordMesg[],
  warnings: string[],
): TimedSession[] {
  const started = mesgs
    .filter((mesg) => mesg.startTime instanceof Date)
    .sort((a, b) => (a.startTime as Date).getTime() - (b.startTime as Date).getTime());
  const timed: TimedSession[] = [];
  let trimmed = 0;
  started.forEach((mesg, i) => {
    const next = started[i + 1]?.startTime;
    const before = next instanceof Date ? next.getTime() : Infinity;
    const span = spanOf(mesg, (startMs) => lastRecordMs(records, startMs, before));
    if (span === undefined) return;
    // A device may stamp a leg's end a second past the next leg's start; legs never overlap.
    const endMs = Math.min(span.endMs, before);
    if (endMs < span.endMs) trimmed += 1;
    timed.push({ mesg, span: { startMs: span.startMs, endMs } });
  });
  if (trimmed > 0) warnings.push(`${counted(trimmed, 'session')} overlapped the next one, cut at its start`);
  return timed;
}

function singleSession({ mesg, span }: TimedSession): SessionPart {
  return {
    sport: sportTypeOfFit(mesg.sport, mesg.subSport),
    startTime: new Date(span.startMs).toISOString(),
    endTime: new Date(span.endMs).toISOString(),
    ...totalsOf(mesg),
  };
}

/** Several sessions: the legs, and the activity's totals as their sums (FIT has no other). */
function multisport(sessions: readonly TimedSession[], activity: ActivityMesg | undefined): SessionPart {
  const legs: WorkoutLeg[] = sessions.map(({ mesg, span }) => {
    const times = {
      startTime: new Date(span.startMs).toISOString(),
      endTime: new Date(span.endMs).toISOString(),
    };
    return mesg.sport === 'transition'
      ? { kind: 'transition', ...times, ...totalsOf(mesg) }
      : { kind: 'sport', sport: sportTypeOfFit(mesg.sport, mesg.subSport), ...times, ...totalsOf(mesg) };
  });
  const timer = activity?.totalTimerTime;
  const movingTime = typeof timer === 'number' ? timer : sumOf(legs.map((l) => l.movingTime?.value));
  const distance = sumOf(legs.map((l) => l.distance?.value));
  const energy = sumOf(legs.map((l) => l.energy?.value));
  return {
    sport: 'multisport',
    startTime: new Date(Math.min(...sessions.map((s) => s.span.startMs))).toISOString(),
    endTime: new Date(Math.max(...sessions.map((s) => s.span.endMs))).toISOString(),
    ...(movingTime === undefined ? {} : { movingTime: { value: movingTime, unit: 's' } }),
    ...(distance === undefined ? {} : { distance: { value: distance, unit: 'm' } }),
    ...(energy === undefined ? {} : { energy: { value: energy, unit: 'kcal' } }),
    ...legHeartRate(legs),
    legs,
  };
}

function totalsOf(mesg: SessionMesg): Totals {
  const { totalTimerTime, totalDistance, totalCalories, avgHeartRate, maxHeartRate } = mesg;
  return {
    ...(typeof totalTimerTime === 'number' ? { movingTime: { value: totalTimerTime, unit: 's' } } : {}),
    ...(typeof totalDistance === 'number' ? { distance: { value: totalDistance, unit: 'm' } } : {}),
    ...(typeof totalCalories === 'number' ? { energy: { value: totalCalories, unit: 'kcal' } } : {}),
    ...(typeof avgHeartRate === 'number' && typeof maxHeartRate === 'number'
      ? {
          heartRate: {
            average: { value: avgHeartRate, unit: '/min' },
            maximum: { value: maxHeartRate, unit: '/min' },
          },
        }
      : {}),
  };
}

/** The legs' average weighted by each leg's timer time, rounded as FIT stores it; the highest maximum. */
function legHeartRate(legs: readonly WorkoutLeg[]): Totals {
  let weighted = 0;
  let weight = 0;
  let maximum = 0;
  for (const leg of legs) {
    if (leg.heartRate === undefined) continue;
    const seconds = leg.movingTime?.value ?? (Date.parse(leg.endTime) - Date.parse(leg.startTime)) / 1000;
    weighted += leg.heartRate.average.value * seconds;
    weight += seconds;
    maximum = Math.max(maximum, leg.heartRate.maximum.value);
  }
  if (maximum === 0) return {};
  const average = weight > 0 ? weighted / weight : maximum;
  return {
    heartRate: {
      average: { value: Math.round(average), unit: '/min' },
      maximum: { value: maximum, unit: '/min' },
    },
  };
}

function sumOf(values: readonly (number | undefined)[]): number | undefined {
  const present = values.filter((v): v is number => v !== undefined);
  return present.length === 0 ? undefined : present.reduce((a, b) => a + b, 0);
}

/** Offset = local_timestamp − timestamp; files without it (many exports) are read as UTC. */
function utcOffsetOf(activity: ActivityMesg | undefined): number {
  const local = activity?.localTimestamp;
  const utc = activity?.timestamp;
  if (typeof local !== 'number' || !(utc instanceof Date)) return 0;
  const minutes = Math.round((local - dateToFitSeconds(utc)) / 60);
  return Math.abs(minutes) <= 14 * 60 ? minutes : 0;
}

/**
 * Every lap, each placed in the session it starts in. A session's lone lap spanning it with
 * trigger `sessionEnd` says nothing the session does not, and is what the encoder writes for a
 * lap-less workout or leg, so it reads back as "no laps".
 */
function lapsOf(
  mesgs: readonly LapMesg[],
  sessions: readonly TimedSession[],
  records: readonly RecordMesg[],
): Lap[] {
  const started = mesgs
    .filter((mesg) => mesg.startTime instanceof Date)
    .sort((a, b) => (a.startTime as Date).getTime() - (b.startTime as Date).getTime());
  const legs = sessions.map((s) => ({ startTime: new Date(s.span.startMs).toISOString() }));
  const bySession: { mesg: LapMesg; lap: Lap }[][] = sessions.map(() => []);
  started.forEach((mesg, i) => {
    const next = started[i + 1]?.startTime;
    const span = spanOf(mesg, (startMs) =>
      lastRecordMs(records, startMs, next instanceof Date ? next.getTime() : Infinity),
    );
    if (span === undefined) return;
    bySession[legIndexAt(legs, span.startMs)]?.push({ mesg, lap: lapOf(mesg, span) });
  });
  return bySession.flatMap((laps, i) => {
    const session = sessions[i]?.span;
    const only = laps.length === 1 ? laps[0] : undefined;
    const spansSession =
      only?.mesg.lapTrigger === 'sessionEnd' &&
      Date.parse(only.lap.startTime) === session?.startMs &&
      Date.parse(only.lap.endTime) === session.endMs;
    return spansSession ? [] : laps.map((l) => l.lap);
  });
}

function lapOf(mesg: LapMesg, span: Span): Lap {
  return {
    startTime: new Date(span.startMs).toISOString(),
    endTime: new Date(span.endMs).toISOString(),
    ...(typeof mesg.totalDistance === 'number' ? { distance: { value: mesg.totalDistance, unit: 'm' } } : {}),
    ...(typeof mesg.totalCalories === 'number'
      ? { energy: { value: mesg.totalCalories, unit: 'kcal' } }
      : {}),
    ...(typeof mesg.avgHeartRate === 'number'
      ? { averageHeartRate: { value: mesg.avgHeartRate, unit: '/min' } }
      : {}),
  };
}
