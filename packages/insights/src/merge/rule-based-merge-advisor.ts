import type { CanonicalRecord, RecordOf } from '@syncwell/core';
import {
  preferredOrigin,
  type ConflictPair,
  type FieldOrigin,
  type MergeAdvisor,
  type MergeSuggestion,
} from './merge-advisor.js';

type Side = 'source' | 'destination';

/**
 * The deterministic fallback: completeness rules that need no model. The more complete side
 * gives each field (a device recording beats a manual entry, a longer track beats a shorter
 * one, a day's larger totals are the later reading). Its confidence stays modest, so under the
 * `ai_suggestion` strategy its answers mostly reach the user as a suggestion rather than act.
 */
export const ruleBasedMergeAdvisor: MergeAdvisor = {
  name: 'rules',
  suggest(pair: ConflictPair): MergeSuggestion {
    const { source, destination } = pair;
    if (source.type === 'workout' && destination.type === 'workout') return workouts(source, destination);
    const side = moreComplete(source, destination);
    const fields: Record<string, FieldOrigin> = {};
    for (const key of Object.keys({ ...source, ...destination })) {
      if (key !== 'type' && key !== 'provenance') fields[key] = side;
    }
    return suggestion(fields, source.type === 'daily_activity' ? 0.7 : 0.6);
  },
};

function suggestion(fields: Record<string, FieldOrigin>, confidence: number): MergeSuggestion {
  return { fields, preferred: preferredOrigin(fields), confidence, advisor: 'rules' };
}

function workouts(source: RecordOf<'workout'>, destination: RecordOf<'workout'>): MergeSuggestion {
  const manual = (w: RecordOf<'workout'>) => w.provenance.device === undefined && w.track === undefined;
  const pick = (a: number, b: number): Side => (a >= b ? 'source' : 'destination');
  const trackLength = (w: RecordOf<'workout'>) => w.track?.length ?? 0;
  const fields: Record<string, FieldOrigin> = {
    sport: 'source',
    startTime: pick(-Date.parse(source.startTime), -Date.parse(destination.startTime)),
    endTime: pick(Date.parse(source.endTime), Date.parse(destination.endTime)),
    distance: pick(source.distance?.value ?? 0, destination.distance?.value ?? 0),
    energy: pick(source.energy?.value ?? 0, destination.energy?.value ?? 0),
    heartRate: pick(source.heartRate ? 1 : 0, destination.heartRate ? 1 : 0),
    track: pick(trackLength(source), trackLength(destination)),
    laps: pick(source.laps.length, destination.laps.length),
  };
  // A manual entry next to a recording: the recording is the truth, and the rules know it.
  if (manual(source) !== manual(destination)) {
    const device: Side = manual(source) ? 'destination' : 'source';
    for (const key of Object.keys(fields)) fields[key] = device;
    return suggestion(fields, 0.8);
  }
  return suggestion(fields, 0.6);
}

function moreComplete(source: CanonicalRecord, destination: CanonicalRecord): Side {
  return completeness(source) >= completeness(destination) ? 'source' : 'destination';
}

/** A rough size of what a record holds: totals for days, stages for nights, samples for series. */
function completeness(record: CanonicalRecord): number {
  switch (record.type) {
    case 'daily_activity':
      return (record.steps?.value ?? 0) + (record.activeEnergy?.value ?? 0);
    case 'sleep':
      return Date.parse(record.endTime) - Date.parse(record.startTime) + record.stages.length;
    case 'body_measurement':
      return (record.weight ? 1 : 0) + (record.bodyFat ? 1 : 0);
    case 'heart_rate':
    case 'hrv':
    case 'spo2':
      return record.samples.length;
    case 'workout':
      return (record.track?.length ?? 0) + record.laps.length;
  }
}
