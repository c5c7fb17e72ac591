import type { SimDataType } from './gh-state.js';

/** The filter field each type's list accepts (AIP-160 on the record's time) [S]. */
export const FILTER_FIELDS: Readonly<Record<SimDataType, string>> = {
  exercise: 'exercise.interval.start_time',
  sleep: 'sleep.interval.end_time',
  steps: 'steps.interval.start_time',
  'heart-rate': 'heart_rate.sample_time.physical_time',
  weight: 'weight.sample_time.physical_time',
  'body-fat': 'body_fat.sample_time.physical_time',
};

/** Page-size caps [S]: 25 for session types, 10,000 for the rest; larger requests are clamped. */
export const MAX_PAGE_SIZE: Readonly<Record<SimDataType, number>> = {
  exercise: 25,
  sleep: 25,
  steps: 10_000,
  'heart-rate': 10_000,
  weight: 10_000,
  'body-fat': 10_000,
};

const CLAUSE = /^\s*([a-z_.]+)\s*(>=|<=|>|<)\s*"([^"]+)"\s*$/;

/**
 * Parses `field op "RFC3339"` clauses joined by AND into a predicate on a point's key time.
 * Returns an error text for anything else, which the route answers with 400 INVALID_ARGUMENT.
 */
export function parseTimeFilter(
  type: SimDataType,
  filter: string | undefined,
): ((ms: number) => boolean) | string {
  if (filter === undefined || filter.trim() === '') return () => true;
  const tests: ((ms: number) => boolean)[] = [];
  for (const clause of filter.split(/\s+AND\s+/)) {
    const match = CLAUSE.exec(clause);
    if (match === null) return `Invalid filter clause: ${clause.trim()}`;
    const [, field, op, value] = match;
    if (field !== FILTER_FIELDS[type]) return `Unsupported filter field for ${type}: ${field ?? ''}`;
    const bound = Date.parse(value ?? '');
    if (Number.isNaN(bound)) return `Invalid timestamp in filter: ${value ?? ''}`;
    tests.push(
      op === '>='
        ? (ms) => ms >= bound
        : op === '>'
          ? (ms) => ms > bound
          : op === '<'
            ? (ms) => ms < bound
            : (ms) => ms <= bound,
    );
  }
  return (ms) => tests.every((test) => test(ms));
}

/** Page tokens are opaque to clients; they bind the offset to the filter that produced them. */
export function encodePageToken(offset: number, filter: string): string {
  return Buffer.from(JSON.stringify({ offset, filter })).toString('base64url');
}

export function decodePageToken(token: string, filter: string): number | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      offset?: unknown;
      filter?: unknown;
    };
    return typeof parsed.offset === 'number' && parsed.filter === filter ? parsed.offset : undefined;
  } catch {
    return undefined;
  }
}
