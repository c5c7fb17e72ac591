import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKFILL_POLICY, chunkMsFor, chunkWindows, gapsOf, resolveWindow } from './backfill-plan.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 5, 1));
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const w = (from: number, to: number) => ({ from: ago(from), to: ago(to) });

describe('backfill plan', () => {
  it('defaults to the provider window, else the policy default, and caps by the provider', () => {
    const base = { now: NOW, defaultWindowDays: 365 };
    expect(resolveWindow({ ...base, providerWindowDays: 30 })).toEqual(w(30, 0));
    expect(resolveWindow({ ...base, providerWindowDays: null })).toEqual(w(365, 0));
    expect(resolveWindow({ ...base, providerWindowDays: 30, from: ago(90), to: ago(10) })).toEqual(w(30, 10));
    expect(resolveWindow({ ...base, providerWindowDays: null, from: ago(90) })).toEqual(w(90, 0));
    // Never the future.
    expect(resolveWindow({ ...base, providerWindowDays: null, from: ago(2), to: ago(-5) })).toEqual(w(2, 0));
    expect(() => resolveWindow({ ...base, providerWindowDays: 30, from: ago(90), to: ago(60) })).toThrow(
      expect.objectContaining({ code: 'SW_VALIDATION_FAILED' }),
    );
  });

  it('finds only the gaps left by windows done before', () => {
    expect(gapsOf(w(30, 0), [])).toEqual([w(30, 0)]);
    expect(gapsOf(w(30, 0), [w(20, 10), w(40, 25), w(12, 8)])).toEqual([w(25, 20), w(8, 0)]);
    expect(gapsOf(w(30, 0), [w(31, -1)])).toEqual([]);
  });

  it('cuts gaps into chunks newest first, the last one short', () => {
    expect(chunkWindows([w(30, 20), w(8, 0)], 7 * DAY)).toEqual([w(7, 0), w(8, 7), w(27, 20), w(30, 27)]);
    // A sliver at the old end joins the last chunk.
    expect(chunkWindows([{ from: new Date(ago(14).getTime() - 5), to: NOW }], 7 * DAY)).toEqual([
      w(7, 0),
      { from: new Date(ago(14).getTime() - 5), to: ago(7) },
    ]);
    expect(chunkMsFor(['workout'], DEFAULT_BACKFILL_POLICY)).toBe(7 * DAY);
    expect(chunkMsFor(['workout', 'heart_rate'], DEFAULT_BACKFILL_POLICY)).toBe(2 * DAY);
  });
});
