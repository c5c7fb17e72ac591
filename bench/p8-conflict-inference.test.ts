import { describe, expect, it } from 'vitest';
import { benchConflictInference } from './p8-conflict-inference.js';

/** P8 at its smallest: runs end to end with the shipped model and reports sane numbers (goal not asserted). */
describe('P8 conflict inference benchmark (smoke)', () => {
  it('measures suggestions/s and per-suggestion latency against the bare tree walks', async () => {
    const result = await benchConflictInference({ conflicts: 40, rounds: 3 });
    expect(result.id).toBe('P8');
    expect(result.figure.value).toBeGreaterThan(0);
    expect(result.bare.value).toBeGreaterThan(result.figure.value);
    expect(result.ratio).toBeCloseTo(result.figure.value / result.bare.value, 6);
    expect(result.details[0]).toMatch(/p50 [\d.]+ ms, p99 [\d.]+ ms/);
    expect(result.details[0]).toContain('over 120 calls');
    expect(result.details[1]).toMatch(/CPU time per suggestion.*p99 [\d.]+ ms/);
  }, 60_000);
});
