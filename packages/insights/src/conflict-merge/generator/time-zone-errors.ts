import type { MergeableRecord } from '../conflict-pair.js';
import { shiftIso } from './generated-side.js';
import type { Random } from './random.js';

const MINUTE_MS = 60_000;

/**
 * The record's instants moved by `ms`, all of them (track points and sleep stages too): what a
 * platform does when it reads local wall-clock time as UTC.
 */
export function shiftInstants<R extends MergeableRecord>(record: R, ms: number): R {
  switch (record.type) {
    case 'workout':
      return {
        ...record,
        startTime: shiftIso(record.startTime, ms),
        endTime: shiftIso(record.endTime, ms),
        ...(record.track === undefined
          ? {}
          : { track: record.track.map((p) => ({ ...p, time: shiftIso(p.time, ms) })) }),
      };
    case 'sleep':
      return {
        ...record,
        startTime: shiftIso(record.startTime, ms),
        endTime: shiftIso(record.endTime, ms),
        stages: record.stages.map((s) => ({
          ...s,
          startTime: shiftIso(s.startTime, ms),
          endTime: shiftIso(s.endTime, ms),
        })),
      };
    case 'body_measurement':
      return { ...record, time: shiftIso(record.time, ms) };
    case 'daily_activity':
      return record;
  }
}

/** Local time labelled as UTC: instants moved by the offset, offset lost (0). */
export function localAsUtc<R extends MergeableRecord>(record: R): R {
  return { ...shiftInstants(record, record.utcOffsetMinutes * MINUTE_MS), utcOffsetMinutes: 0 };
}

/**
 * A wrong offset with the right instants: the device still on home time while travelling, a
 * platform that dropped the offset (0), or a daylight-saving rule applied on the wrong day.
 */
export function drawWrongOffset(random: Random, trueOffset: number, homeOffset: number): number {
  const candidates: number[] = [];
  if (homeOffset !== trueOffset) candidates.push(homeOffset, homeOffset);
  if (trueOffset !== 0) candidates.push(0);
  candidates.push(trueOffset + 60, trueOffset - 60);
  return random.pick(candidates);
}

/**
 * The record placed in the wrong zone, one of the two ways real platforms do it (half each where
 * the true offset is not 0): local time read as UTC, or a wrong offset on the right instants.
 */
export function inWrongTimeZone<R extends MergeableRecord>(random: Random, record: R, homeOffset: number): R {
  return record.utcOffsetMinutes !== 0 && random.chance(0.5)
    ? localAsUtc(record)
    : { ...record, utcOffsetMinutes: drawWrongOffset(random, record.utcOffsetMinutes, homeOffset) };
}
