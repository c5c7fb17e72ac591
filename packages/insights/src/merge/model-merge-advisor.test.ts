import type { HeartRateSamples, Workout } from '@syncwell/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MERGE_FIELDS } from '../conflict-merge/merge-fields.js';
import { generateConflicts, type LabelledConflict } from '../conflict-merge/generator/generate-conflicts.js';
import { readConflictMergeModelSync } from '../conflict-merge/model-file.js';
import type { ConflictMergeModel } from '../conflict-merge/model/model-format.js';
import { suggestMerge } from '../conflict-merge/suggest-merge.js';
import type { ConflictPair } from './merge-advisor.js';
import { modelMergeAdvisor, toModelPair } from './model-merge-advisor.js';
import { sideMeta } from './side-meta.js';

let model: ConflictMergeModel;
beforeAll(() => {
  model = readConflictMergeModelSync();
  generated = [...generateConflicts({ seed: 31, epoch: '2025-01-01' }, 0, 120)];
});

/** The generator's pairs as the port carries them: records only, their metadata dropped. */
function portPair(pair: {
  dataType: ConflictPair['dataType'];
  source: { record: unknown };
  destination: { record: unknown };
}) {
  return {
    dataType: pair.dataType,
    source: pair.source.record,
    destination: pair.destination.record,
  } as ConflictPair;
}

let generated: LabelledConflict[] = [];
const conflicts = () => generated;

function heartRateDay(provider: 'polar' | 'garmin', bpm: number): HeartRateSamples {
  return {
    type: 'heart_rate',
    provenance: { provider, externalId: `${provider}-hr` },
    date: '2026-03-01',
    utcOffsetMinutes: 60,
    samples: [{ time: '2026-03-01T08:00:00Z', bpm }],
  };
}

describe('modelMergeAdvisor', () => {
  it('answers every type the model covers with the model, field by field, and names its version', () => {
    const advisor = modelMergeAdvisor(model);
    expect(advisor.name).toBe(model.version);
    const seen = new Set<string>();
    for (const conflict of conflicts()) {
      const pair = portPair(conflict.pair);
      const suggestion = advisor.suggest(pair);
      seen.add(pair.dataType);
      expect(suggestion.advisor).toBe(model.version);
      expect(Object.keys(suggestion.fields)).toEqual([...MERGE_FIELDS[conflict.pair.dataType]]);
      const direct = suggestMerge(toModelPair(pair)!, model);
      expect(suggestion.confidence).toBe(direct.confidence);
      for (const choice of direct.fields)
        expect(suggestion.fields[choice.field]).toBe(choice.from === 'merged' ? 'merge' : choice.from);
      expect(suggestion.preferred).toBe(direct.verdict === 'merged' ? 'merge' : direct.verdict);
    }
    expect([...seen].sort()).toEqual(['body_measurement', 'daily_activity', 'sleep', 'workout']);
  });

  it("maps the model's joined track to the port's `merge`, and then leaves the choice to the user", () => {
    const advisor = modelMergeAdvisor(model);
    const joined = conflicts()
      .filter((c) => c.pair.dataType === 'workout')
      .map((c) => advisor.suggest(portPair(c.pair)))
      .find((s) => s.fields.track === 'merge');
    expect(joined, 'a generated double recording whose tracks the model joins').toBeDefined();
    expect(joined!.preferred).toBe('merge');
  });

  it('hands types the model does not cover to the rules', () => {
    const advisor = modelMergeAdvisor(model);
    const suggestion = advisor.suggest({
      dataType: 'heart_rate',
      source: heartRateDay('polar', 61),
      destination: heartRateDay('garmin', 64),
    });
    expect(suggestion.advisor).toBe('rules');
  });

  it('gives the model the metadata the records carry, which changes its answer', () => {
    // The same pair with and without metadata: the adapter's facts reach the features.
    const differs = conflicts().some((conflict) => {
      const pair = toModelPair(portPair(conflict.pair))!;
      const bare = {
        ...pair,
        source: { ...pair.source, meta: {} },
        destination: { ...pair.destination, meta: {} },
      };
      const a = suggestMerge(pair, model);
      const b = suggestMerge(bare as typeof pair, model);
      return a.fields.some((f, i) => f.confidence !== b.fields[i]!.confidence);
    });
    expect(differs).toBe(true);
  });
});

describe('sideMeta', () => {
  const workout = (provenance: Workout['provenance'], extra: Partial<Workout> = {}): Workout => ({
    type: 'workout',
    provenance,
    sport: 'running',
    name: 'Run',
    startTime: '2026-03-01T07:00:00Z',
    endTime: '2026-03-01T08:00:00Z',
    utcOffsetMinutes: 60,
    laps: [],
    ...extra,
  });
  const heartRate = {
    average: { value: 140, unit: '/min' },
    maximum: { value: 170, unit: '/min' },
  } as Workout['heartRate'];

  it('reads the recorder from the device the provider named, else the platform’s own hardware', () => {
    expect(
      sideMeta(
        workout(
          { provider: 'polar', externalId: '1', device: { manufacturer: 'Polar', model: 'Vantage V3' } },
          { heartRate },
        ),
      ),
    ).toEqual({ entry: 'device', deviceKind: 'watch' });
    expect(
      sideMeta(workout({ provider: 'strava', externalId: '2', device: { model: 'Strava iPhone App' } })),
    ).toEqual({ entry: 'device', deviceKind: 'phone' });
    expect(
      sideMeta(
        workout(
          { provider: 'garmin', externalId: '3', device: { manufacturer: 'Garmin', model: 'Edge 540' } },
          { heartRate },
        ),
      ),
    ).toEqual({ entry: 'device', deviceKind: 'bike_computer' });
    expect(sideMeta(workout({ provider: 'oura', externalId: '4' }, { heartRate }))).toEqual({
      entry: 'device',
      deviceKind: 'ring',
    });
    expect(sideMeta(heartRateDay('garmin', 60))).toEqual({ deviceKind: 'watch' });
  });

  it('calls a workout with no stream and no named device a manual entry', () => {
    expect(sideMeta(workout({ provider: 'strava', externalId: '5' }))).toEqual({ entry: 'manual' });
  });

  it('claims nothing it cannot see', () => {
    expect(sideMeta(heartRateDay('polar', 60))).toEqual({ deviceKind: 'watch' });
    expect(
      sideMeta({
        type: 'body_measurement',
        provenance: { provider: 'health_connect', externalId: 'w' },
        time: '2026-03-01T07:00:00Z',
        utcOffsetMinutes: 60,
        weight: { value: 70, unit: 'kg' },
      }),
    ).toEqual({});
  });
});
