import { derivedExternalId, workout } from '@syncwell/core';
import type { Workout, WorkoutLeg } from '@syncwell/core';
import type { z } from 'zod';
import { counted, type DecodedWorkouts, type WorkoutFileSource } from '../workout-file.js';
import { readActivity, readLap, totalsOfLaps, type ReadActivity, type ReadLap } from './tcx-activity-read.js';
import { TcxDecodeError } from './tcx-decode-error.js';
import { TCX_NS } from './tcx-namespaces.js';
import { requiredTime } from './tcx-read.js';
import { childOf, childrenOf, parseXml, textOf, xmlTextOf } from './xml/index.js';
import type { XmlElement } from './xml/index.js';

/** Where the decoded workouts came from; becomes their provenance. */
export type TcxSource = WorkoutFileSource;

/**
 * Decodes every activity of a TCX v2 file into canonical workouts, validated with the core
 * schema: each `<Activity>` is a workout, each `<MultiSportSession>` a `multisport` workout whose
 * legs are its activities and `<Transition>` laps. TCX has no activity totals, so distance,
 * energy and moving time are the sums of the laps (see `totalsOfLaps`). A single lap reads as
 * "no laps", like FIT's session-wide lap; a `<Track>` after a lap's first starts a segment.
 * With one activity the workout keeps `source.externalId`; with several, each gets
 * `<externalId>#activity<n>` in document order.
 * Throws `TcxDecodeError` (`SW_ITEM_CORRUPT_FILE`) for malformed or truncated XML, another root
 * element, a file without an activity, or a missing or bad time.
 *
 * @example
 *   const { workouts } = decodeWorkoutTcx(bytes, { provider: 'garmin', externalId: activityId });
 */
export function decodeWorkoutTcx(xml: string | Uint8Array, source: TcxSource): DecodedWorkouts {
  const root = readRoot(xml);
  const entries = (childOf(root, TCX_NS, 'Activities')?.children ?? []).filter(
    (c) => c.ns === TCX_NS && (c.local === 'Activity' || c.local === 'MultiSportSession'),
  );
  if (entries.length === 0) throw new TcxDecodeError('no activity (course or workout file?)');
  const warnings: string[] = [];
  const workouts = entries.map((entry, i) => {
    const externalId =
      entries.length === 1
        ? source.externalId
        : derivedExternalId(source.externalId, `activity${String(i + 1)}`);
    const candidate =
      entry.local === 'Activity' ? singleActivity(readActivity(entry)) : multisportSession(entry, warnings);
    const parsed = workout.safeParse({
      type: 'workout',
      provenance: { provider: source.provider, externalId },
      ...candidate,
    });
    if (!parsed.success) {
      throw new TcxDecodeError('activity does not form a valid workout', { cause: parsed.error });
    }
    return parsed.data;
  });
  return { workouts, warnings };
}

type Parts = Omit<z.input<typeof workout>, 'type' | 'provenance'>;

function singleActivity(activity: ReadActivity): Parts {
  return {
    sport: activity.sport,
    startTime: new Date(activity.startMs).toISOString(),
    endTime: new Date(activity.endMs).toISOString(),
    utcOffsetMinutes: activity.offsetMinutes ?? 0,
    ...totalsOfLaps(activity.laps, activity.track),
    laps: lapsOf(activity),
    ...(activity.track.length > 0 ? { track: [...activity.track] } : {}),
  };
}

/** One activity's laps; a lone lap is the activity itself. */
function lapsOf(activity: ReadActivity): Workout['laps'] {
  return activity.laps.length === 1 ? [] : activity.laps.map((l) => l.lap);
}

/**
 * `<MultiSportSession>`: `FirstSport/Activity`, then per `NextSport` an optional `Transition`
 * (a lap) and an `Activity`. The workout's totals are the sums over every leg, transitions
 * included; its laps are the sport legs' own laps; its offset is the first activity's.
 */
function multisportSession(session: XmlElement, warnings: string[]): Parts {
  const id = requiredTime(textOf(childOf(session, TCX_NS, 'Id')), 'MultiSportSession Id');
  const first = childOf(childOf(session, TCX_NS, 'FirstSport'), TCX_NS, 'Activity');
  if (first === undefined) throw new TcxDecodeError('MultiSportSession without FirstSport');
  const activities: ReadActivity[] = [readActivity(first)];
  const legs: { leg: WorkoutLeg; laps: readonly ReadLap[] }[] = [sportLeg(activities[0])];
  for (const next of childrenOf(session, TCX_NS, 'NextSport')) {
    const transition = childOf(next, TCX_NS, 'Transition');
    if (transition !== undefined) legs.push(transitionLeg(readLap(transition)));
    const activityEl = childOf(next, TCX_NS, 'Activity');
    if (activityEl === undefined) throw new TcxDecodeError('NextSport without Activity');
    const activity = readActivity(activityEl);
    activities.push(activity);
    legs.push(sportLeg(activity));
  }
  const trimmed = trimOverlaps(legs.map((l) => l.leg));
  if (trimmed.count > 0)
    warnings.push(`${counted(trimmed.count, 'leg')} overlapped the next one, cut at its start`);
  const allLaps = legs.flatMap((l) => l.laps);
  const track = allLaps.flatMap((l) => l.points);
  const startMs = Math.min(Date.parse(id.iso), ...trimmed.legs.map((l) => Date.parse(l.startTime)));
  const endMs = Math.max(...trimmed.legs.map((l) => Date.parse(l.endTime)));
  return {
    sport: 'multisport',
    startTime: new Date(startMs).toISOString(),
    endTime: new Date(endMs).toISOString(),
    utcOffsetMinutes: activities[0]?.offsetMinutes ?? id.offsetMinutes ?? 0,
    ...totalsOfLaps(allLaps, track),
    laps: activities.flatMap(lapsOf),
    ...(track.length > 0 ? { track } : {}),
    legs: trimmed.legs,
  };
}

function sportLeg(activity: ReadActivity | undefined): { leg: WorkoutLeg; laps: readonly ReadLap[] } {
  if (activity === undefined) throw new TcxDecodeError('MultiSportSession without FirstSport');
  return {
    leg: {
      kind: 'sport',
      sport: activity.sport,
      startTime: new Date(activity.startMs).toISOString(),
      endTime: new Date(activity.endMs).toISOString(),
      ...totalsOfLaps(activity.laps, activity.track),
    },
    laps: activity.laps,
  };
}

function transitionLeg(lap: ReadLap): { leg: WorkoutLeg; laps: readonly ReadLap[] } {
  return {
    leg: {
      kind: 'transition',
      startTime: new Date(lap.earliestMs).toISOString(),
      endTime: new Date(lap.endMs).toISOString(),
      ...totalsOfLaps([lap], lap.points),
    },
    laps: [lap],
  };
}

/** A leg reaching past the next one's start (a rounded TotalTimeSeconds) ends where that one starts. */
function trimOverlaps(legs: readonly WorkoutLeg[]): { legs: WorkoutLeg[]; count: number } {
  let count = 0;
  const trimmed = legs.map((leg, i) => {
    const next = legs[i + 1];
    if (next === undefined || Date.parse(next.startTime) >= Date.parse(leg.endTime)) return leg;
    count += 1;
    return { ...leg, endTime: next.startTime };
  });
  return { legs: trimmed, count };
}

function readRoot(xml: string | Uint8Array): XmlElement {
  let root: XmlElement;
  try {
    root = parseXml(xmlTextOf(xml));
  } catch (error) {
    throw new TcxDecodeError('not well-formed XML', { cause: error });
  }
  if (root.local !== 'TrainingCenterDatabase' || root.ns !== TCX_NS) {
    throw new TcxDecodeError('root is not a TCX v2 TrainingCenterDatabase');
  }
  return root;
}
