import { readFileSync } from 'node:fs';
import { canonicalRecord, type DailyActivity } from '@syncwell/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConflictPair } from './conflict-pair.js';
import { generateConflicts } from './generator/generate-conflicts.js';
import { conflictModelPaths, readConflictMergeModel, readConflictMergeModelSync } from './model-file.js';
import { ConflictModelError, loadConflictMergeModel, type ConflictMergeModel } from './model/model-format.js';
import { suggestMerge } from './suggest-merge.js';

let model: ConflictMergeModel;
beforeAll(() => {
  model = readConflictMergeModelSync();
});

function swapped(pair: ConflictPair): ConflictPair {
  return { ...pair, source: pair.destination, destination: pair.source } as ConflictPair;
}

const MIRROR = { source: 'destination', destination: 'source', merged: 'merged' } as const;

function day(steps: number, active: number, total: number, provider: 'garmin' | 'oura'): DailyActivity {
  return {
    type: 'daily_activity',
    provenance: { provider, externalId: `${provider}-day`, syncTag: 'sw:123' },
    date: '2026-03-01',
    utcOffsetMinutes: 60,
    steps: { value: steps, unit: '{steps}' },
    distance: { value: Math.round(steps * 0.75), unit: 'm' },
    activeEnergy: { value: active, unit: 'kcal' },
    totalEnergy: { value: total, unit: 'kcal' },
    activeTime: { value: Math.round(steps * 0.6), unit: 's' },
    restingHeartRate: { value: 58, unit: '/min' },
  };
}

describe('suggestMerge', () => {
  it('gives the same answer whichever side is the source', () => {
    for (const conflict of generateConflicts({ seed: 8, epoch: '2025-01-01' }, 0, 16)) {
      const a = suggestMerge(conflict.pair, model);
      const b = suggestMerge(swapped(conflict.pair), model);
      a.fields.forEach((choice, i) => {
        const other = b.fields[i]!;
        expect(other.field).toBe(choice.field);
        expect(other.agreed).toBe(choice.agreed);
        if (choice.agreed) return;
        expect(other.from, `${conflict.mode} ${choice.field}`).toBe(MIRROR[choice.from]);
        expect(other.confidence).toBeCloseTo(choice.confidence, 12);
      });
    }
  });

  it('keeps the complete day over one synced at lunchtime, and says so field by field', () => {
    const complete = day(11_200, 540, 2_310, 'garmin');
    const lunchtime = day(4_100, 190, 1_020, 'oura');
    const pair: ConflictPair = {
      dataType: 'daily_activity',
      source: { record: lunchtime, meta: { deviceKind: 'ring', lastModified: '2026-03-01T11:05:00Z' } },
      destination: { record: complete, meta: { deviceKind: 'watch', lastModified: '2026-03-02T06:30:00Z' } },
    };
    const suggestion = suggestMerge(pair, model);
    const steps = suggestion.fields.find((f) => f.field === 'steps')!;
    expect(steps).toMatchObject({ from: 'destination', agreed: false });
    expect(steps.confidence).toBeGreaterThan(0.9);
    expect(suggestion.fields.find((f) => f.field === 'restingHeartRate')!.agreed).toBe(true);
    expect(suggestion.verdict).toBe('destination');
    expect(suggestion.merged.steps?.value).toBe(11_200);
    // The merged record is a new record: no SyncWell write tag carried over.
    expect(suggestion.merged.provenance).toEqual({ provider: 'garmin', externalId: 'garmin-day' });
    expect(suggestion.modelVersion).toBe(model.version);
  });

  it('marks every field agreed when the sides hold the same values', () => {
    const record = day(9_000, 400, 2_100, 'garmin');
    const suggestion = suggestMerge(
      { dataType: 'daily_activity', source: { record, meta: {} }, destination: { record, meta: {} } },
      model,
    );
    expect(suggestion.fields.every((f) => f.agreed && f.confidence === 1)).toBe(true);
    expect(suggestion.verdict).toBe('destination');
    expect(suggestion.confidence).toBe(1);
  });

  it('carries the Strava flag into a merged record that holds a Strava side’s values', () => {
    const [conflict] = [...generateConflicts({ seed: 8, epoch: '2025-01-01' }, 3, 1)];
    const pair = conflict!.pair;
    const strava = {
      ...pair,
      source: {
        ...pair.source,
        record: {
          ...pair.source.record,
          provenance: { provider: 'strava', externalId: '1', excludeFromTraining: true },
        },
      },
    } as ConflictPair;
    expect(suggestMerge(strava, model).merged.provenance.excludeFromTraining).toBe(true);
  });

  it('refuses sides that are not records of the conflict’s type', () => {
    const record = day(9_000, 400, 2_100, 'garmin');
    const pair = {
      dataType: 'sleep',
      source: { record, meta: {} },
      destination: { record, meta: {} },
    } as unknown as ConflictPair;
    expect(() => suggestMerge(pair, model)).toThrow(
      expect.objectContaining({ code: 'SW_VALIDATION_FAILED' }),
    );
  });
});

describe('the model file', () => {
  it('loads from disk at start-up, and a broken or foreign file is refused with SW_INSIGHTS_MODEL_INVALID', async () => {
    await expect(readConflictMergeModel()).resolves.toMatchObject({ version: model.version });
    await expect(readConflictMergeModel('/nonexistent/model.json')).rejects.toBeInstanceOf(
      ConflictModelError,
    );
    expect(() => loadConflictMergeModel({ format: 'something else' })).toThrow(ConflictModelError);
    const json = JSON.parse(readFileSync(conflictModelPaths().model, 'utf8')) as {
      types: { sleep: { features: string[] } };
    };
    json.types.sleep.features = [...json.types.sleep.features].reverse();
    expect(() => loadConflictMergeModel(json)).toThrow(/other sleep features/);
    expect(() => loadConflictMergeModel(null)).toThrow(
      expect.objectContaining({ code: 'SW_INSIGHTS_MODEL_INVALID' }),
    );
  });
});

describe('merged records', () => {
  it('are valid canonical records, whatever metadata or optional values are missing', () => {
    let checked = 0;
    for (const conflict of generateConflicts({ seed: 12, epoch: '2025-01-01' }, 0, 24)) {
      const { source, destination } = conflict.pair;
      const bare = {
        ...conflict.pair,
        source: { record: source.record, meta: {} },
        destination: { ...destination, record: withoutOptional(destination.record, checked) },
      } as ConflictPair;
      for (const pair of [conflict.pair, bare]) {
        const merged = suggestMerge(pair, model).merged;
        const parsed = canonicalRecord.safeParse(merged);
        expect(parsed.success, `${conflict.mode}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(48);
  });
});

/** The record without one of its optional values (a different one per call). */
function withoutOptional(
  record: ConflictPair['source']['record'],
  n: number,
): ConflictPair['source']['record'] {
  const optional = [
    'movingTime',
    'energy',
    'heartRate',
    'distance',
    'restingHeartRate',
    'activeTime',
    'bodyFat',
    'track',
  ];
  const key = optional[n % optional.length]!;
  if (key === 'bodyFat' && record.type === 'body_measurement' && record.weight === undefined) return record;
  const { [key]: _dropped, ...rest } = record as unknown as Record<string, unknown>;
  return rest as unknown as typeof record;
}
