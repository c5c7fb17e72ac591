import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantMs } from './iso-instant.js';

describe('instantMs', () => {
  it('agrees with Date.parse on canonical instants with 0–6 fraction digits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1900-01-01T00:00:00Z'), max: Date.parse('2200-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 6 }),
        (ms, digits) => {
          const full = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
          const text =
            digits === 0
              ? `${full.slice(0, 19)}Z`
              : `${full.slice(0, 19)}.${`${full.slice(20, 23)}000`.slice(0, digits)}Z`;
          expect(instantMs(text)).toBe(Date.parse(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('falls back to Date.parse (NaN included) for anything else', () => {
    for (const text of [
      '2025-03-01T08:00:00+02:00',
      '2025-03-01',
      'garbage',
      '2025-13-01T08:00:00Z',
      '2025-03-01T08:00:00.Z',
    ]) {
      expect(instantMs(text)).toStrictEqual(Date.parse(text));
    }
  });
});
