import { describe, expect, it } from 'vitest';
import { benchMatcher } from './p7-matcher.js';

/** P7 at its smallest: runs end to end without servers and reports sane numbers (goal not asserted). */
describe('P7 matcher benchmark (smoke)', () => {
  it('measures records/s against a bare binary-search loop and finds the generated copies', async () => {
    const result = await benchMatcher({ records: 20_000 });
    expect(result.id).toBe('P7');
    expect(result.figure.value).toBeGreaterThan(0);
    expect(result.bare.value).toBeGreaterThan(0);
    expect(result.ratio).toBeCloseTo(result.figure.value / result.bare.value, 6);
    // ~70 % copies, ~10 % conflicts, ~5 % shifted copies, ~15 % new: the counts line says so.
    const counts = /([\d,]+) same, ([\d,]+) conflict, ([\d,]+) unmatched/.exec(result.details[0] ?? '');
    const [same, conflict, unmatched] = (counts?.slice(1) ?? []).map((s) => Number(s.replaceAll(',', '')));
    expect(same).toBeGreaterThan(14_000);
    expect(conflict).toBeGreaterThan(1_500);
    expect(unmatched).toBeGreaterThan(2_500);
    expect(unmatched).toBeLessThan(4_000);
  }, 30_000);
});
