import { describe, expect, it } from 'vitest';
import { trackAgrees } from './track-agreement.js';
import { joinTracks, withoutTeleports } from './track-merge.js';
import { trackStats } from './track-stats.js';
import { straightTrack, withTeleport, withoutPoints } from './track-test-support.js';

describe('trackStats', () => {
  it('tells a dropout (moved while silent) from a pause (stood still) and counts teleport jumps', () => {
    const base = straightTrack(600); // 20 min at 3 m/s, a point every 2 s
    const dropout = withoutPoints(base, 100, 160); // 2 min of movement missing
    const stats = trackStats(dropout)!;
    expect(stats.dropoutMs).toBe(122_000);
    expect(stats.stationaryMs).toBe(0);
    expect(stats.coveredMs).toBe(1_198_000 - 122_000);

    // A pause: the same place for 60 s, no points in between (auto-pause).
    const paused = [
      ...base.slice(0, 100),
      { ...base[99]!, time: new Date(Date.parse(base[99]!.time) + 60_000).toISOString() },
    ];
    expect(trackStats(paused)!.stationaryMs).toBe(60_000);
    expect(trackStats(paused)!.dropoutMs).toBe(0);

    const jumped = trackStats(withTeleport(base, 300, 800))!;
    expect(jumped.jumps).toBe(2);
    expect(jumped.lengthM).toBeGreaterThan(jumped.cleanLengthM + 1500);
    expect(Math.abs(jumped.cleanLengthM - trackStats(base)!.lengthM)).toBeLessThan(20);
  });
});

describe('trackAgrees', () => {
  const base = straightTrack(900);
  it('accepts the same route and refuses a teleport, a lost head or a long dropout', () => {
    expect(trackAgrees(base, base)).toBe(true);
    expect(trackAgrees(withTeleport(base, 400, 300), base)).toBe(false);
    expect(trackAgrees(base.slice(90), base)).toBe(false); // started 3 min late
    expect(trackAgrees(withoutPoints(base, 200, 300), base)).toBe(false); // 200 s of 30 min lost
    expect(trackAgrees(withoutPoints(base, 200, 210), base)).toBe(true); // 20 s: a recording gap, not a dropout
    expect(trackAgrees(undefined, undefined)).toBe(true);
    expect(trackAgrees(undefined, base)).toBe(false);
  });
});

describe('joining two recordings', () => {
  it('fills each track’s dropouts from the other and drops teleports', () => {
    const truth = straightTrack(900);
    const watch = withTeleport(withoutPoints(truth, 100, 200), 500, 2000);
    const phone = withoutPoints(truth, 600, 700);
    expect(trackAgrees(watch, truth)).toBe(false);
    expect(trackAgrees(phone, truth)).toBe(false);
    const joined = joinTracks(watch, phone);
    expect(trackAgrees(joined, truth)).toBe(true);
    expect(trackStats(joined)!.jumps).toBe(0);
    expect(trackAgrees(joinTracks(phone, watch), truth)).toBe(true);
  });

  it('keeps a track without teleports as it is', () => {
    const track = straightTrack(50);
    expect(withoutTeleports(track)).toEqual(track);
  });
});
