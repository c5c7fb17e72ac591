import { readFileSync } from 'node:fs';
import { canonicalRecord } from '@syncwell/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fieldTruths } from '../field-truth.js';
import { sidesAgree } from '../field-agreement.js';
import { MERGE_FIELDS } from '../merge-fields.js';
import { failureModeCatalogue, MODES_BY_TYPE, TYPE_SHARES } from './failure-modes.js';
import { generateConflict, generateConflicts } from './generate-conflicts.js';
import { modeTableCells, tableCellsIn } from './mode-table.js';

const OPTIONS = { seed: 31, epoch: '2025-06-01' };

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the conflict generator', () => {
  it('is deterministic: the same seed and index give the same conflict, whatever the clock says', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const first = JSON.stringify([...generateConflicts(OPTIONS, 0, 6)]);
    vi.setSystemTime(new Date('1999-07-01T12:34:56Z'));
    const again = JSON.stringify([...generateConflicts(OPTIONS, 0, 6)]);
    expect(again).toBe(first);
    // Any conflict can be made on its own (how the held-out split is produced).
    expect(JSON.stringify(generateConflict(OPTIONS, 7))).toBe(
      JSON.stringify([...generateConflicts(OPTIONS, 7, 1)][0]),
    );
    expect(JSON.stringify(generateConflict({ ...OPTIONS, seed: 32 }, 7))).not.toBe(
      JSON.stringify(generateConflict(OPTIONS, 7)),
    );
  });

  it('never draws from Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    expect(() => [...generateConflicts(OPTIONS, 100, 8)]).not.toThrow();
  });

  it('places conflicts from the epoch on, and refuses an epoch that is not a date', () => {
    for (const c of generateConflicts(OPTIONS, 200, 10)) {
      const record = c.truth;
      const instant =
        'startTime' in record
          ? record.startTime
          : 'time' in record
            ? record.time
            : `${record.date}T12:00:00Z`;
      expect(Date.parse(instant)).toBeGreaterThan(Date.parse('2025-05-31T00:00:00Z'));
    }
    expect(() => generateConflict({ seed: 1, epoch: 'someday' }, 0)).toThrow(RangeError);
  });

  it('makes valid canonical records whose two sides differ, with the truth among the options', () => {
    let decisive = 0;
    for (const c of generateConflicts(OPTIONS, 300, 40)) {
      for (const record of [c.pair.source.record, c.pair.destination.record, c.truth]) {
        expect(canonicalRecord.safeParse(record).success, `${c.id} ${c.mode}`).toBe(true);
      }
      const fields = MERGE_FIELDS[c.pair.dataType] as readonly string[];
      expect(
        fields.some((f) => !sidesAgree(c.pair.dataType, f, c.pair.source.record, c.pair.destination.record)),
      ).toBe(true);
      decisive += fieldTruths(c).filter((t) => t.label !== 'either' && t.label !== 'none').length;
    }
    expect(decisive).toBeGreaterThan(40);
  });

  it('draws modes by the documented shares (docs/conflict-merge.md holds the table)', () => {
    expect(Object.values(TYPE_SHARES).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (const modes of Object.values(MODES_BY_TYPE)) {
      expect(modes.reduce((a, m) => a + m.share, 0)).toBeCloseTo(1, 9);
    }
    expect(failureModeCatalogue().reduce((a, m) => a + m.share, 0)).toBeCloseTo(1, 9);
    const doc = readFileSync(new URL('../../../../../docs/conflict-merge.md', import.meta.url), 'utf8');
    expect(tableCellsIn(doc)).toEqual(modeTableCells());
  });
});
