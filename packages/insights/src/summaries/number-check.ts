import type { WeeklyAggregates } from './weekly-aggregates.js';

/** Every number the aggregates hold, as a narrative may state it (signs dropped: "down 3 %"). */
export function allowedNumbers(aggregates: WeeklyAggregates): Set<number> {
  const allowed = new Set<number>();
  const walk = (value: unknown): void => {
    if (typeof value === 'number') allowed.add(Math.abs(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(aggregates);
  return allowed;
}

/** Numbers as written in English prose: 12,345 · 7 · 81.4 · 0.5. */
const NUMBER = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;

export interface NumberCheck {
  readonly ok: boolean;
  /** Numbers in the text that are no computed aggregate. */
  readonly unknown: readonly string[];
}

/**
 * The guard of issue 13: every number in a summary's text must equal a computed aggregate.
 * A model that rounds differently, adds two figures or invents one is caught here.
 */
export function checkNumbers(text: string, aggregates: WeeklyAggregates): NumberCheck {
  const allowed = allowedNumbers(aggregates);
  const unknown = (text.match(NUMBER) ?? []).filter((token) => {
    const value = Number(token.replaceAll(',', ''));
    return ![...allowed].some((a) => Math.abs(a - value) < 1e-9);
  });
  return { ok: unknown.length === 0, unknown };
}
