import { describe, expect, it } from 'vitest';
import { generateConflicts, type LabelledConflict } from '../generator/generate-conflicts.js';
import { buildTrainingSet, mayTrainOn } from './training-set.js';

function fromStrava(c: LabelledConflict): boolean {
  return (
    c.pair.source.record.provenance.provider === 'strava' ||
    c.pair.destination.record.provenance.provider === 'strava'
  );
}

describe('training data', () => {
  it('never holds an example from a conflict with a Strava side', () => {
    const conflicts = [...generateConflicts({ seed: 4, epoch: '2025-01-01' }, 0, 30)];
    const strava = conflicts.filter(fromStrava);
    // The generator maps Strava records as the Strava mapping does: flagged.
    expect(strava.length).toBeGreaterThan(0);
    for (const c of strava) {
      const flagged = [c.pair.source.record, c.pair.destination.record].filter(
        (r) => r.provenance.provider === 'strava',
      );
      expect(flagged.every((r) => r.provenance.excludeFromTraining === true)).toBe(true);
    }

    const set = buildTrainingSet(conflicts);
    const trainedOn = new Set([...set.examples.values()].flat().map((e) => e.conflictId));
    expect(trainedOn.size).toBeGreaterThan(10);
    for (const c of strava) expect(trainedOn.has(c.id), `${c.id} has a Strava side`).toBe(false);
    expect(set.excluded).toBe(strava.length);
    expect(set.conflicts).toBe(conflicts.length - strava.length);
  });

  it('refuses the flag on either side, not only the source', () => {
    const [conflict] = [...generateConflicts({ seed: 4, epoch: '2025-01-01' }, 0, 1)];
    const c = conflict!;
    const flag = { ...c.pair.destination.record.provenance, excludeFromTraining: true as const };
    const flagged = {
      ...c,
      pair: {
        ...c.pair,
        destination: { ...c.pair.destination, record: { ...c.pair.destination.record, provenance: flag } },
      },
    } as LabelledConflict;
    expect(mayTrainOn(flagged)).toBe(false);
    const clean = {
      ...c,
      pair: {
        ...c.pair,
        source: {
          ...c.pair.source,
          record: { ...c.pair.source.record, provenance: { provider: 'garmin' as const, externalId: 'x' } },
        },
        destination: {
          ...c.pair.destination,
          record: {
            ...c.pair.destination.record,
            provenance: { provider: 'oura' as const, externalId: 'y' },
          },
        },
      },
    } as LabelledConflict;
    expect(mayTrainOn(clean)).toBe(true);
  });
});
