import type { Run, RunItem, RunStatus } from '../api/types.js';

const WAITING_CODES = new Set(['SW_ITEM_CONFLICT_PENDING', 'SW_ITEM_CONFLICT_NOT_OVERWRITABLE']);

export const RUN_STATUS_WORDS: Readonly<Record<RunStatus, string>> = {
  queued: 'Waiting to start',
  running: 'Syncing',
  succeeded: 'Done',
  partial: 'Done, with some items skipped',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/**
 * The result of a run in a sentence: "3 found, 2 copied, 1 waiting for your choice." With the
 * items at hand, conflicts waiting for the person are told apart from what was not needed.
 */
export function runSummary(run: Run, items?: readonly RunItem[]): string {
  const { read, written, skipped, failed } = run.counts;
  if (run.status === 'queued') return 'Waiting for a free worker…';
  if (run.status === 'running')
    return read === 0 ? 'Looking for new data…' : `${read} found so far, ${written} copied…`;
  if (run.status === 'failed' && read === 0) return 'Nothing could be read this time.';
  if (read === 0) return 'Nothing new to copy: everything is up to date.';
  const parts = [`${read} found`, `${written} copied`];
  const waiting = items?.filter((item) => WAITING_CODES.has(item.code)).length ?? 0;
  if (waiting > 0) parts.push(`${waiting} waiting for your choice`);
  if (skipped - waiting > 0) parts.push(`${skipped - waiting} not needed`);
  if (failed > 0) parts.push(`${failed} could not be copied`);
  return `${parts.join(', ')}.`;
}
