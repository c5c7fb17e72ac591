import { z } from 'zod';
import { dataType } from '@syncwell/core';
import { BACKFILL_STATUSES, type BackfillRow } from '../store/port.js';

const DAY_MS = 86_400_000;

/** What the API and the CLI show of a backfill: ids, times and counts, never a record value. */
export const backfillView = z.object({
  id: z.string(),
  ruleId: z.string(),
  status: z.enum(BACKFILL_STATUSES),
  dataTypes: z.array(dataType),
  range: z.object({ from: z.string(), to: z.string() }),
  chunks: z.object({ total: z.number(), done: z.number(), failed: z.number() }),
  records: z.number(),
  days: z.object({ total: z.number(), done: z.number() }),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type BackfillView = z.infer<typeof backfillView>;

/**
 * Days count the whole window, including parts an earlier backfill of the rule already did
 * (they are done: that is why they got no chunk).
 */
export function toBackfillView(row: BackfillRow): BackfillView {
  const windowMs = row.range.to.getTime() - row.range.from.getTime();
  const totalDays = Math.round(windowMs / DAY_MS);
  const coveredMs = windowMs - row.progress.plannedMs + row.progress.doneMs;
  return {
    id: row.id,
    ruleId: row.ruleId,
    status: row.status,
    dataTypes: [...row.dataTypes],
    range: { from: row.range.from.toISOString(), to: row.range.to.toISOString() },
    chunks: { ...row.progress.chunks },
    records: row.progress.records,
    days: {
      total: totalDays,
      done: row.status === 'succeeded' ? totalDays : Math.min(totalDays, Math.round(coveredMs / DAY_MS)),
    },
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
