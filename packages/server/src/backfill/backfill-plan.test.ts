import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKFILL_POLICY, chunkMsFor, chunkWindows, gapsOf, resolveWindow } from './backfill-plan.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 5, 1));
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const w = (from: number, to: number) => ({ from: ago(from), to: ago(to) });

const base = { now: NOW, defaultWindowDays: 365, chunkMs: 7 * DAY, maxChunks: 520 };

describe('backfill plan', () => {
  it('defaults to the provider window, else the policy default, and caps by the provider', () => {
    const window = (request: Parameters<typeof resolveWindow>[0]) => resolveWindow(request).window;
    expect(window({ ...base, providerWindowDays: 30 })).toEqual(w(30, 0));
    expect(window({ ...base, providerWindowDays: null })).toEqual(w(365, 0));
    expect(window({ ...base, providerWindowDays: 30, from: ago(90), to: ago(10) })).toEqual(w(30, 10));
    expect(window({ ...base, providerWindowDays: null, from: ago(90) })).toEqual(w(90, 0));
    // Never the future.
    expect(window({ ...base, providerWindowDays: null, from: ago(2), to: ago(-5) })).toEqual(w(2, 0));
    expect(() => resolveWindow({ ...base, providerWindowDays: 30, from: ago(90), to: ago(60) })).toThrow(
      expect.objectContaining({ code: 'SW_VALIDATION_FAILED' }),
    );
  });

  it('reports every clamp, and defaults as none', () => {
    expect(resolveWindow({ ...base, providerWindowDays: 30 }).clamps).toEqual([]);
    expect(resolveWindow({ ...base, providerWindowDays: null, from: ago(90) }).clamps).toEqual([]);
    // Garmin's window is 30 days: 2026-10-01 → 2026-11-02 asked on 2026-11-02 at noon.
    const garmin = resolveWindow({
      ...base,
      now: new Date('2026-11-02T12:00:00Z'),
      providerWindowDays: 30,
      from: new Date('2026-10-01'),
      to: new Date('2026-11-02'),
    });
    expect(garmin).toEqual({
      window: { from: new Date('2026-10-03T12:00:00Z'), to: new Date('2026-11-02') },
      clamps: [{ bound: 'from', reason: 'provider_window', limit: 30 }],
    });
    expect(resolveWindow({ ...base, providerWindowDays: null, from: ago(2), to: ago(-5) }).clamps).toEqual([
      { bound: 'to', reason: 'future', limit: null },
    ]);
  });

  it('bounds the chunk count for providers with no window: 1900 is clamped, not 6,576 chunks', () => {
    const { window, clamps } = resolveWindow({
      ...base,
      providerWindowDays: null,
      from: new Date('1900-01-01'),
    });
    expect(window).toEqual(w(520 * 7, 0));
    expect(clamps).toEqual([{ bound: 'from', reason: 'max_chunks', limit: 520 }]);
    expect(chunkWindows([window], 7 * DAY)).toHaveLength(520);
    expect(DEFAULT_BACKFILL_POLICY.maxChunks).toBe(520);
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
