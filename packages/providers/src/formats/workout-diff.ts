import type { Lap, TrackPoint, Workout, WorkoutLeg } from '@syncwell/core';
import type { FieldChange } from './workout-file.js';

/** The smallest step a format stores for each kind of value; a difference within it is `rounded`. */
export interface FormatResolution {
  readonly timeMs: number;
  readonly seconds: number;
  readonly metres: number;
  readonly kcal: number;
  readonly bpm: number;
  readonly degrees: number;
  readonly altitudeM: number;
}

type Value = number | string | undefined;

/**
 * Every difference between a workout and what reading its file gave back, field by field (see
 * `FieldChange`). Track fields are counted over all points instead of listed one by one.
 * Provenance is the reader's to set and is not compared.
 */
export function diffWorkouts(
  given: Workout,
  read: readonly Workout[],
  resolution: FormatResolution,
): FieldChange[] {
  const diff = new Differ(resolution);
  if (read.length !== 1) diff.note('workout', 'changed', 1, 1, read.length);
  const back = read[0];
  if (back === undefined) return diff.changes();
  diff.text('sport', given.sport, back.sport);
  diff.text('name', given.name, back.name);
  diff.time('startTime', given.startTime, back.startTime);
  diff.time('endTime', given.endTime, back.endTime);
  diff.value('utcOffsetMinutes', given.utcOffsetMinutes, back.utcOffsetMinutes, 0);
  diff.totals('', given, back);
  diff.list('laps', given.laps, back.laps, (path, a, b) => {
    diff.time(`${path}.startTime`, a.startTime, b.startTime);
    diff.time(`${path}.endTime`, a.endTime, b.endTime);
    diff.lapTotals(path, a, b);
  });
  diff.list('legs', given.legs ?? [], back.legs ?? [], (path, a, b) => {
    diff.text(`${path}.kind`, a.kind, b.kind);
    diff.text(`${path}.sport`, sportOf(a), sportOf(b));
    diff.time(`${path}.startTime`, a.startTime, b.startTime);
    diff.time(`${path}.endTime`, a.endTime, b.endTime);
    diff.totals(`${path}.`, a, b);
  });
  diff.text('partOf', json(given.partOf), json(back.partOf));
  diff.track(given.track ?? [], back.track ?? []);
  return diff.changes();
}

class Differ {
  private readonly found = new Map<string, FieldChange>();

  constructor(private readonly resolution: FormatResolution) {}

  changes(): FieldChange[] {
    return [...this.found.values()];
  }

  note(field: string, kind: FieldChange['kind'], count = 1, given?: Value, written?: Value): void {
    const key = `${field}|${kind}`;
    const previous = this.found.get(key);
    this.found.set(key, {
      field,
      kind,
      count: (previous?.count ?? 0) + count,
      ...(previous === undefined && given !== undefined ? { given } : {}),
      ...(previous === undefined && written !== undefined ? { written } : {}),
    });
  }

  text(field: string, given: string | undefined, written: string | undefined): void {
    if (given === written) return;
    this.note(field, presence(given, written) ?? 'changed', 1, given, written);
  }

  time(field: string, given: string | undefined, written: string | undefined): void {
    this.value(field, ms(given), ms(written), this.resolution.timeMs, given, written);
  }

  value(
    field: string,
    given: number | undefined,
    written: number | undefined,
    step: number,
    shownGiven: Value = given,
    shownWritten: Value = written,
  ): void {
    if (given === written) return;
    let kind = presence(given, written);
    if (kind === undefined) {
      const delta = Math.abs((given ?? 0) - (written ?? 0));
      // A relative epsilon: float noise from scaling is not a difference.
      kind = delta <= step + 1e-9 * Math.max(1, Math.abs(given ?? 0)) ? 'rounded' : 'changed';
    }
    this.note(field, kind, 1, shownGiven, shownWritten);
  }

  totals(prefix: string, a: Totals, b: Totals): void {
    const r = this.resolution;
    this.value(`${prefix}movingTime`, a.movingTime?.value, b.movingTime?.value, r.seconds);
    this.value(`${prefix}distance`, a.distance?.value, b.distance?.value, r.metres);
    this.value(`${prefix}energy`, a.energy?.value, b.energy?.value, r.kcal);
    this.value(`${prefix}heartRate.average`, a.heartRate?.average.value, b.heartRate?.average.value, r.bpm);
    this.value(`${prefix}heartRate.maximum`, a.heartRate?.maximum.value, b.heartRate?.maximum.value, r.bpm);
  }

  lapTotals(path: string, a: Lap, b: Lap): void {
    const r = this.resolution;
    this.value(`${path}.distance`, a.distance?.value, b.distance?.value, r.metres);
    this.value(`${path}.energy`, a.energy?.value, b.energy?.value, r.kcal);
    this.value(`${path}.averageHeartRate`, a.averageHeartRate?.value, b.averageHeartRate?.value, r.bpm);
  }

  list<T>(
    field: string,
    given: readonly T[],
    written: readonly T[],
    each: (path: string, a: T, b: T) => void,
  ): void {
    if (given.length !== written.length) {
      this.note(
        field,
        written.length === 0 ? 'dropped' : given.length === 0 ? 'added' : 'changed',
        1,
        given.length,
        written.length,
      );
      return;
    }
    given.forEach((a, i) => {
      const b = written[i];
      if (b !== undefined) each(`${field}[${String(i)}]`, a, b);
    });
  }

  track(given: readonly TrackPoint[], written: readonly TrackPoint[]): void {
    if (given.length !== written.length) {
      this.note(
        'track',
        written.length === 0 ? 'dropped' : given.length === 0 ? 'added' : 'changed',
        1,
        given.length,
        written.length,
      );
      return;
    }
    const r = this.resolution;
    given.forEach((a, i) => {
      const b = written[i];
      if (b === undefined) return;
      this.time('track[].time', a.time, b.time);
      this.value('track[].lat', a.lat, b.lat, r.degrees);
      this.value('track[].lon', a.lon, b.lon, r.degrees);
      this.value('track[].altitudeM', a.altitudeM, b.altitudeM, r.altitudeM);
      this.value('track[].heartRateBpm', a.heartRateBpm, b.heartRateBpm, 0);
      this.text('track[].newSegment', a.newSegment ? 'yes' : undefined, b.newSegment ? 'yes' : undefined);
    });
  }
}

type Totals = Pick<Workout, 'movingTime' | 'distance' | 'energy' | 'heartRate'>;

function presence(given: Value, written: Value): FieldChange['kind'] | undefined {
  if (written === undefined) return 'dropped';
  if (given === undefined) return 'added';
  return undefined;
}

function ms(iso: string | undefined): number | undefined {
  return iso === undefined ? undefined : Date.parse(iso);
}

function sportOf(leg: WorkoutLeg): string | undefined {
  return leg.kind === 'sport' ? leg.sport : undefined;
}

function json(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}
