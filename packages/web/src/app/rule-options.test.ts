import { describe, expect, it } from 'vitest';
import type { ProviderEntry, Rule } from './api/types.js';
import { duplicateOf, typeOptions } from './rule-options.js';

const provider = (id: string, readable: ProviderEntry['readable'], writable: ProviderEntry['writable']) =>
  ({
    id,
    displayName: `${id.charAt(0).toUpperCase()}${id.slice(1)}`,
    readable,
    writable,
    push: 'webhook',
    backfillWindowDays: null,
    terms: { ownerOnly: false, excludeFromTraining: false },
  }) satisfies ProviderEntry;

describe('typeOptions', () => {
  it('offers what the source reads and the destination writes, and says why not for the rest', () => {
    const polar = provider('polar', ['workout', 'sleep'], []);
    const strava = provider('strava', ['workout'], ['workout']);
    expect(typeOptions(polar, strava)).toEqual([
      { type: 'workout', possible: true, reason: null },
      { type: 'sleep', possible: false, reason: 'Strava does not accept sleep.' },
    ]);
    expect(typeOptions(strava, polar)).toEqual([
      { type: 'workout', possible: false, reason: 'Polar does not accept workouts.' },
    ]);
  });
});

describe('duplicateOf', () => {
  const rule = {
    id: 'r1',
    sourceConnectionId: 'a',
    destinationConnectionId: 'b',
    dataTypes: ['workout'],
  } as unknown as Rule;

  it('finds a rule between the same connections sharing a type, but not the rule being edited', () => {
    const candidate = {
      sourceConnectionId: 'a',
      destinationConnectionId: 'b',
      dataTypes: ['workout'] as const,
    };
    expect(duplicateOf([rule], candidate, null)).toBe(rule);
    expect(duplicateOf([rule], candidate, 'r1')).toBeNull();
    expect(duplicateOf([rule], { ...candidate, destinationConnectionId: 'c' }, null)).toBeNull();
    expect(duplicateOf([rule], { ...candidate, dataTypes: ['sleep'] }, null)).toBeNull();
  });
});
