import type { Backfill, ProviderEntry } from '../api/types.js';
import { reasonWords } from './reason-codes.js';

/** How far back a person may ask, in days; a provider with a shorter window caps the list. */
export const WINDOW_CHOICES: readonly { days: number; label: string }[] = [
  { days: 7, label: 'The last week' },
  { days: 30, label: 'The last 30 days' },
  { days: 90, label: 'The last 3 months' },
  { days: 365, label: 'The last year' },
];

/** SyncWell's own limit when the provider names none (the server's default window). */
export const DEFAULT_WINDOW_DAYS = 365;

/** The choices a source allows: those within its window, and the window itself when it is not one of them. */
export function windowChoices(windowDays: number | null): readonly { days: number; label: string }[] {
  if (windowDays === null) return WINDOW_CHOICES;
  const within = WINDOW_CHOICES.filter((c) => c.days <= windowDays);
  return within.some((c) => c.days === windowDays)
    ? within
    : [...within, { days: windowDays, label: `All ${windowDays} days it keeps` }];
}

/** The source's history window in a sentence, from the provider catalogue. */
export function windowSentence(provider: Pick<ProviderEntry, 'displayName' | 'backfillWindowDays'>): string {
  return provider.backfillWindowDays === null
    ? `${provider.displayName} gives its whole history; SyncWell imports up to a year at a time.`
    : `${provider.displayName} gives only the last ${provider.backfillWindowDays} days of history.`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 copied, 2 already there" */
export function recordWords(records: Backfill['records']): string {
  const parts = [`${plural(records.written, 'record')} copied`];
  if (records.skipped > 0) parts.push(`${records.skipped} already there or not needed`);
  if (records.failed > 0) parts.push(`${records.failed} refused by the destination`);
  return parts.join(', ');
}

/** Where the import stands, or how it ended, in plain words. */
export function backfillSentence(backfill: Backfill): string {
  const { days, records } = backfill;
  const why = backfill.reason === null ? '' : ` ${reasonWords(backfill.reason.code).help}`;
  switch (backfill.status) {
    case 'running':
      return `Importing: ${days.done} of ${plural(days.total, 'day')} read, ${recordWords(records)} so far.`;
    case 'paused':
      return `Paused after ${days.done} of ${plural(days.total, 'day')}: the rule is switched off. Resume to carry on where it stopped.`;
    case 'succeeded':
      return `Finished: all ${plural(days.total, 'day')} read, ${recordWords(records)}.`;
    case 'partial':
      return `Finished, but not everything arrived: ${days.done} of ${plural(days.total, 'day')} read, ${recordWords(records)}.${why}`;
    case 'failed':
      return `The import could not read your history.${why}`;
    case 'cancelled':
      return `Cancelled after ${days.done} of ${plural(days.total, 'day')}. What was copied stays: ${recordWords(records)}.`;
  }
}
