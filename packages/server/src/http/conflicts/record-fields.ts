import type { CanonicalRecord } from '@syncwell/core';

/** One value of a record for the person to compare: `distance` 10234 `m`, `sport` "running". */
export interface RecordField {
  readonly key: string;
  readonly value: string | number;
  /** A UCUM unit, `instant` for a UTC time, `count` for a list's length, or null. */
  readonly unit: string | null;
}

/** Where a record says where it came from (ids, tags) or how it is stored: not for comparing. */
const NOT_COMPARED = new Set(['type', 'provenance', 'utcOffsetMinutes']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * A canonical record as a flat list of comparable values, for any data type: quantities with
 * their units, times, names, and lists (laps, GPS points, samples) as counts. Built per request
 * from a live read and sent to the record's owner only; never stored or logged (DESIGN §6.1).
 */
export function recordFields(record: CanonicalRecord): RecordField[] {
  const fields: RecordField[] = [];
  const visit = (key: string, value: unknown, depth: number) => {
    if (Array.isArray(value)) fields.push({ key, value: value.length, unit: 'count' });
    else if (typeof value === 'number') fields.push({ key, value, unit: null });
    else if (typeof value === 'string')
      fields.push({ key, value, unit: INSTANT.test(value) ? 'instant' : null });
    else if (isQuantity(value)) fields.push({ key, value: value.value, unit: value.unit });
    else if (typeof value === 'object' && value !== null && depth === 0) {
      for (const [inner, innerValue] of Object.entries(value))
        visit(`${key}.${inner}`, innerValue, depth + 1);
    }
  };
  for (const [key, value] of Object.entries(record)) {
    if (!NOT_COMPARED.has(key)) visit(key, value, 0);
  }
  return fields;
}

function isQuantity(value: unknown): value is { value: number; unit: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { value: amount, unit } = value as { value?: unknown; unit?: unknown };
  return typeof amount === 'number' && typeof unit === 'string';
}
