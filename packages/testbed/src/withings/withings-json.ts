import type { StoredActivity, StoredMeasureGroup, StoredSleep, StoredWorkout } from './withings-state.js';

/** Stored records → Withings' JSON shapes (`data_fields` picks the metrics of days and workouts). */
export function measureGroupJson(group: StoredMeasureGroup, types: ReadonlySet<number> | undefined) {
  const { userid: _userid, ...rest } = group;
  return { ...rest, measures: group.measures.filter((m) => types === undefined || types.has(m.type)) };
}

const pick = (values: Readonly<Record<string, number>>, fields: readonly string[] | undefined) =>
  Object.fromEntries(
    Object.entries(values).filter(([name]) => fields === undefined || fields.includes(name)),
  );

export function activityJson(day: StoredActivity, fields: readonly string[] | undefined) {
  return {
    date: day.date,
    timezone: day.timezone,
    deviceid: day.deviceid,
    brand: 1,
    is_tracker: true,
    modified: day.modified,
    ...pick(day.fields, fields),
  };
}

export function workoutJson(w: StoredWorkout, fields: readonly string[] | undefined) {
  return {
    id: w.id,
    category: w.category,
    timezone: w.timezone,
    model: 93,
    attrib: 0,
    startdate: w.startdate,
    enddate: w.enddate,
    date: w.date,
    modified: w.modified,
    deviceid: w.deviceid,
    data: pick(w.data, fields),
  };
}

export function sleepSummaryJson(s: StoredSleep, fields: readonly string[] | undefined) {
  return {
    id: s.id,
    timezone: s.timezone,
    model: 32,
    model_id: 63,
    startdate: s.startdate,
    enddate: s.enddate,
    date: s.date,
    created: s.modified,
    modified: s.modified,
    data: pick(s.data, fields),
  };
}

/** Deterministic heart rate for a user at an instant: a daily rhythm plus seeded wobble. */
export function heartRateAt(userid: number, epochSeconds: number, restingBpm: number): number {
  const hourOfDay = (epochSeconds % 86_400) / 3600;
  const rhythm = 12 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI);
  const wobble = ((Math.imul(userid ^ epochSeconds, 2_654_435_761) >>> 0) % 9) - 4;
  return Math.max(40, Math.round(restingBpm + 14 + rhythm + wobble));
}
