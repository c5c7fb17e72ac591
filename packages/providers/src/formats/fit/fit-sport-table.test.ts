import { describe, expect, it } from 'vitest';
import { SPORT_TYPES } from '@syncwell/core';
import { fitSportOf, sportTypeOfFit } from './fit-sport-table.js';

describe('FIT sport table', () => {
  it('maps every canonical sport to FIT and back to itself', () => {
    for (const sport of SPORT_TYPES) {
      const fit = fitSportOf(sport);
      expect(sportTypeOfFit(fit.sport, fit.subSport)).toBe(sport);
    }
  });

  it('gives each canonical sport its own FIT pair', () => {
    const pairs = SPORT_TYPES.map((s) => `${fitSportOf(s).sport}/${fitSportOf(s).subSport}`);
    expect(new Set(pairs).size).toBe(SPORT_TYPES.length);
  });

  it('reads unknown sub-sports as the general sport and unknown sports as other', () => {
    expect(sportTypeOfFit('running', 'street')).toBe('running');
    expect(sportTypeOfFit('swimming', undefined)).toBe('swimming');
    expect(sportTypeOfFit('golf', 'generic')).toBe('other');
    expect(sportTypeOfFit(254, undefined)).toBe('other');
    expect(sportTypeOfFit(undefined, undefined)).toBe('other');
  });
});
