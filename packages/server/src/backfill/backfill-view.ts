import { z } from 'zod';
import { dataType } from '@syncwell/core';
import {
  BACKFILL_CHUNK_STATUSES,
  BACKFILL_CLAMP_REASONS,
  BACKFILL_STATUSES,
  type BackfillChunkRow,
  type BackfillRow,
} from '../store/port.js';

const DAY_MS = 86_400_000;

const window = z.object({ from: z.string(), to: z.string() });
const endReason = z
  .object({
    code: z.string().describe('A code of the error catalogue (docs/error-codes.md).'),
    permission: z
      .string()
      .nullable()
      .describe('When the user must grant a provider permission first: its name as the provider says it.'),
  })
  .nullable();
const recordCounts = z
  .object({
    written: z.number().describe('Records written to the destination by this backfill.'),
    skipped: z
      .number()
      .describe(
        'Records not written: already there (synced before, or found at the destination), or unusable or refused (see `reason` and the chunk runs).',
      ),
    failed: z.number().describe('Records the destination refused to take.'),
  })
  .describe('Items of the chunk runs by outcome (GET /v1/runs?backfillId= lists them).');

/** What the API and the CLI show of a backfill: ids, times and counts, never a record value. */
export const backfillView = z.object({
  id: z.string(),
  ruleId: z.string(),
  status: z
    .enum(BACKFILL_STATUSES)
    .describe(
      '`running`; `paused` while its rule is disabled (resumes where it stopped when enabled); then one of the terminal states `succeeded`, `partial` (some chunks or records did not arrive: see `reason`), `failed` (no chunk was read), `cancelled`.',
    ),
  dataTypes: z.array(dataType),
  requested: z
    .object({ from: z.string().nullable(), to: z.string().nullable() })
    .describe('The window as asked; a null bound was not given (the default applied).'),
  effective: window.describe('The window read, after clamps.'),
  clamped: z
    .array(
      z.object({
        bound: z.enum(['from', 'to']),
        reason: z.enum(BACKFILL_CLAMP_REASONS),
        limit: z.number().nullable(),
      }),
    )
    .describe(
      'Each bound of `effective` moved from what was asked, and why: `provider_window` (`from` older than the source provider serves; `limit` its window in days), `max_chunks` (the window needed more chunks than a backfill may have; `limit` that maximum), `future` (`to` after now). Empty when nothing was clamped.',
    ),
  chunks: z.object({
    total: z.number(),
    done: z.number().describe('Read to the end with nothing missed.'),
    partial: z.number().describe('Read to the end, some records missed (see `reason`).'),
    failed: z
      .number()
      .describe('Not read, or stopped: a reason that needs the user stops the chunks after it.'),
    cancelled: z.number(),
    pending: z.number(),
    running: z.number(),
  }),
  records: recordCounts,
  days: z.object({ total: z.number(), done: z.number() }),
  reason: endReason.describe(
    'Why it ended (or is ending) other than cleanly: the most telling chunk reason, one that needs the user first.',
  ),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type BackfillView = z.infer<typeof backfillView>;

/**
 * Days count the whole window, including parts an earlier backfill of the rule already did
 * (they are done: that is why they got no chunk), and chunks read to the end (partial included).
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
    requested: {
      from: row.requested.from?.toISOString() ?? null,
      to: row.requested.to?.toISOString() ?? null,
    },
    effective: { from: row.range.from.toISOString(), to: row.range.to.toISOString() },
    clamped: row.clamps.map((c) => ({ ...c })),
    chunks: { ...row.progress.chunks },
    records: { ...row.progress.records },
    days: {
      total: totalDays,
      done: row.status === 'succeeded' ? totalDays : Math.min(totalDays, Math.round(coveredMs / DAY_MS)),
    },
    reason: row.reason === null ? null : { ...row.reason },
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** One chunk of a backfill, for `GET /v1/backfills/{id}/chunks`. */
export const backfillChunkView = z.object({
  seq: z.number().describe('Run order, 0 first (newest history first).'),
  range: window,
  status: z.enum(BACKFILL_CHUNK_STATUSES),
  runId: z.string().nullable().describe('Its current run (GET /v1/runs/{id} for per-item codes).'),
  records: recordCounts,
  executions: z.number().describe('Job executions so far (retries and rate-limit waits included).'),
  reason: endReason,
});
export type BackfillChunkView = z.infer<typeof backfillChunkView>;

export function toBackfillChunkView(row: BackfillChunkRow): BackfillChunkView {
  return {
    seq: row.seq,
    range: { from: row.range.from.toISOString(), to: row.range.to.toISOString() },
    status: row.status,
    runId: row.runId,
    records: { ...row.records },
    executions: row.executions,
    reason: row.reason === null ? null : { ...row.reason },
  };
}
