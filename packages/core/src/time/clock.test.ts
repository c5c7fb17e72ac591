import { describe, expect, it } from 'vitest';
import { epochMs, fixedClock, ManualClock, systemClock, tickingClock } from './index.js';
import type { Clock } from './index.js';

describe('clocks', () => {
  it('a manual clock reads its pinned instant and moves only forward when told', () => {
    const clock = new ManualClock('2028-02-29T23:30:00Z');
    const { now, nowMs } = clock;
    expect(now().toISOString()).toBe('2028-02-29T23:30:00.000Z');
    clock.advance(60 * 60_000);
    expect(nowMs()).toBe(Date.parse('2028-03-01T00:30:00Z'));
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.set('2031-12-31T23:59:00Z');
    expect(epochMs(clock)).toBe(Date.parse('2031-12-31T23:59:00Z'));
  });

  it('a fixed clock never moves', () => {
    const clock = fixedClock(new Date('2027-02-28T23:30:00Z'));
    expect(clock.now().toISOString()).toBe(clock.now().toISOString());
    expect(() => fixedClock('not a date')).toThrow(RangeError);
  });

  it('a ticking clock starts at its pin and follows its base clock from there', () => {
    const base = new ManualClock('2020-01-01T00:00:00Z');
    const clock = tickingClock('2026-11-17T17:00:00Z', base);
    expect(clock.now().toISOString()).toBe('2026-11-17T17:00:00.000Z');
    base.advance(1_500);
    expect(clock.nowMs()).toBe(Date.parse('2026-11-17T17:00:01.500Z'));
  });

  it('the system clock reads the machine clock', () => {
    const clock: Clock = systemClock;
    const before = new Date().getTime();
    const read = clock.now().getTime();
    expect(read).toBeGreaterThanOrEqual(before);
  });
});
