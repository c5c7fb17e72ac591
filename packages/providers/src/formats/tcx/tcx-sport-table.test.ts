import { describe, expect, it } from 'vitest';
import { SPORT_TYPES } from '@syncwell/core';
import { sportTypeOfTcx, tcxSportOf } from './tcx-sport-table.js';

describe('TCX sport table', () => {
  it('covers every canonical sport and reads each TCX sport back as its general meaning', () => {
    for (const sport of SPORT_TYPES) {
      const tcx = tcxSportOf(sport);
      expect(['Running', 'Biking', 'Other']).toContain(tcx);
      expect(tcxSportOf(sportTypeOfTcx(tcx))).toBe(tcx);
    }
    expect(sportTypeOfTcx('Running')).toBe('running');
    expect(sportTypeOfTcx('Biking')).toBe('cycling');
    expect(sportTypeOfTcx('Other')).toBe('other');
  });

  it('reads values outside the schema enum as other', () => {
    expect(sportTypeOfTcx('running')).toBe('other');
    expect(sportTypeOfTcx('Swimming')).toBe('other');
    expect(sportTypeOfTcx(undefined)).toBe('other');
  });
});
