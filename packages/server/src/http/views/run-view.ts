import { z } from 'zod';
import { dataType } from '@syncwell/core';
import { RUN_KINDS, RUN_STATUSES, RUN_TRIGGERS, type RunItemRow, type RunRow } from '../../store/port.js';

export const runView = z.object({
  id: z.string(),
  ruleId: z.string(),
  kind: z
    .enum(RUN_KINDS)
    .describe(
      '`sync`: a live run (manual, scheduled, webhook); `backfill_chunk`: reads one chunk of a backfill.',
    ),
  backfillId: z
    .string()
    .nullable()
    .describe('The backfill a `backfill_chunk` run belongs to; null for `sync`.'),
  trigger: z.enum(RUN_TRIGGERS),
  status: z
    .enum(RUN_STATUSES)
    .describe(
      '`queued`, `running`, then `succeeded`, `partial` (some records did not arrive), `failed`, or `cancelled` (stopped by its owner: backfill cancelled or rule disabled; what it committed stays).',
    ),
  counts: z.object({ read: z.number(), written: z.number(), skipped: z.number(), failed: z.number() }),
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type RunView = z.infer<typeof runView>;

/** Per-item results carry ids and reason codes only, never record values (DESIGN §6.1). */
export const runItemView = z.object({
  dataType,
  externalId: z.string(),
  outcome: z.enum(['written', 'skipped', 'failed']),
  code: z.string(),
  destinationId: z.string().nullable(),
  message: z.string().nullable(),
});
export type RunItemView = z.infer<typeof runItemView>;

export function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    ruleId: row.ruleId,
    kind: row.backfillId === null ? 'sync' : 'backfill_chunk',
    backfillId: row.backfillId,
    trigger: row.trigger,
    status: row.status,
    counts: { ...row.counts },
    errorCode: row.errorCode,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export function toRunItemView(row: RunItemRow): RunItemView {
  return {
    dataType: row.dataType,
    externalId: row.externalId,
    outcome: row.outcome,
    code: row.code,
    destinationId: row.destinationId,
    message: row.message ?? null,
  };
}
