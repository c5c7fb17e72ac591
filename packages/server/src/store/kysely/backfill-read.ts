import { ERROR_CODES, type DataType, type ErrorCode, type RunItemResult } from '@syncwell/core';
import type { Kysely, Selectable } from 'kysely';
import {
  reasonNeedsUser,
  type BackfillChunkRow,
  type BackfillChunkStatus,
  type BackfillClamp,
  type BackfillRow,
  type BackfillStatus,
  type ChunkCheckpoint,
  type EndReason,
} from '../backfill-port.js';
import type { BackfillChunksTable, BackfillsTable } from './backfill-schema.js';
import type { StoreDatabase } from './store-schema.js';

/* Reading backfills and chunks back (migrations 0003, 0006): row mappers and the progress sums. */

export type Db = Kysely<StoreDatabase>;

export interface Aggregate {
  total: number;
  done: number;
  partial: number;
  failed: number;
  cancelled: number;
  pending: number;
  running: number;
  written: number;
  skipped: number;
  recordsFailed: number;
  doneMs: number;
  plannedMs: number;
}

export function parseCursors(text: string | null): Partial<Record<DataType, ChunkCheckpoint>> {
  return text === null ? {} : (JSON.parse(text) as Partial<Record<DataType, ChunkCheckpoint>>);
}

function endReason(code: string | null, permission: string | null): EndReason | null {
  return code === null ? null : { code: code as ErrorCode, permission };
}

export function toChunk(r: Selectable<BackfillChunksTable> & { user_id: string }): BackfillChunkRow {
  return {
    id: r.id,
    backfillId: r.backfill_id,
    ruleId: r.rule_id,
    userId: r.user_id,
    seq: r.seq,
    range: { from: new Date(r.range_from), to: new Date(r.range_to) },
    status: r.status as BackfillChunkStatus,
    runId: r.run_id,
    records: { written: r.written, skipped: r.skipped, failed: r.failed },
    checkpoint: r.checkpoint,
    cursors: parseCursors(r.cursor),
    executions: r.executions,
    stalls: r.stalls,
    reason: endReason(r.reason, r.permission),
  };
}

export function toBackfill(
  r: Selectable<BackfillsTable>,
  a: Aggregate,
  reason: EndReason | null,
): BackfillRow {
  return {
    id: r.id,
    ruleId: r.rule_id,
    userId: r.user_id,
    dataTypes: JSON.parse(r.data_types) as DataType[],
    range: { from: new Date(r.range_from), to: new Date(r.range_to) },
    requested: {
      from: r.requested_from === null ? null : new Date(r.requested_from),
      to: r.requested_to === null ? null : new Date(r.requested_to),
    },
    clamps: JSON.parse(r.clamps) as BackfillClamp[],
    status: r.status as BackfillStatus,
    progress: {
      chunks: {
        total: a.total,
        done: a.done,
        partial: a.partial,
        failed: a.failed,
        cancelled: a.cancelled,
        pending: a.pending,
        running: a.running,
      },
      records: { written: a.written, skipped: a.skipped, failed: a.recordsFailed },
      doneMs: a.doneMs,
      plannedMs: a.plannedMs,
    },
    reason,
    createdAt: new Date(r.created_at),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
  };
}

/** One pass over the chunks; sums come back as text from PostgreSQL (numeric), hence Number(). */
export async function aggregate(db: Db, backfillId: string): Promise<Aggregate> {
  const rows = await db
    .selectFrom('backfill_chunks')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .select((eb) => eb.fn.sum<number | string>('written').as('written'))
    .select((eb) => eb.fn.sum<number | string>('skipped').as('skipped'))
    .select((eb) => eb.fn.sum<number | string>('failed').as('failed'))
    .select((eb) => eb.fn.sum<number | string>(eb('range_to', '-', eb.ref('range_from'))).as('ms'))
    .where('backfill_id', '=', backfillId)
    .groupBy('status')
    .execute();
  const a: Aggregate = {
    total: 0,
    done: 0,
    partial: 0,
    failed: 0,
    cancelled: 0,
    pending: 0,
    running: 0,
    written: 0,
    skipped: 0,
    recordsFailed: 0,
    doneMs: 0,
    plannedMs: 0,
  };
  for (const row of rows) {
    const n = Number(row.n);
    const ms = Number(row.ms);
    a.total += n;
    a.written += Number(row.written);
    a.skipped += Number(row.skipped);
    a.recordsFailed += Number(row.failed);
    a.plannedMs += ms;
    const status = row.status as BackfillChunkStatus;
    if (status === 'done' || status === 'partial') a.doneMs += ms;
    a[status] += n;
  }
  return a;
}

/**
 * Picks the most telling of several reasons: one that needs the user first (the notice can then
 * say what to do), else the first given (callers pass them in chunk order).
 */
export function mostTelling(reasons: readonly EndReason[]): EndReason | null {
  return reasons.find((r) => reasonNeedsUser(r.code)) ?? reasons[0] ?? null;
}

/** The backfill's reason: the most telling reason of its chunks that ended partial or failed. */
async function backfillReason(db: Db, backfillId: string): Promise<EndReason | null> {
  const rows = await db
    .selectFrom('backfill_chunks')
    .select(['reason', 'permission'])
    .where('backfill_id', '=', backfillId)
    .where('status', 'in', ['partial', 'failed'])
    .where('reason', 'is not', null)
    .orderBy('seq')
    .execute();
  return mostTelling(rows.flatMap((r) => endReason(r.reason, r.permission) ?? []));
}

export async function readBackfill(db: Db, id: string, userId?: string): Promise<BackfillRow | null> {
  let query = db.selectFrom('backfills').selectAll().where('id', '=', id);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  const row = await query.executeTakeFirst();
  if (row === undefined) return null;
  const [sums, reason] = await Promise.all([aggregate(db, id), backfillReason(db, id)]);
  return toBackfill(row, sums, reason);
}

/** The most telling code among a page's items that mean missed data (see itemMissedData), by count. */
export function pageReason(items: readonly RunItemResult[]): EndReason | null {
  const counts = new Map<ErrorCode, number>();
  for (const item of items) {
    if (item.outcome === 'failed' || ERROR_CODES[item.code].retry !== 'none') {
      counts.set(item.code, (counts.get(item.code) ?? 0) + 1);
    }
  }
  const byCount = [...counts].sort((a, b) => b[1] - a[1]).map(([code]) => ({ code, permission: null }));
  return mostTelling(byCount);
}

/**
 * The chunk's reason after a page: the first one stays, unless the page brings one that needs
 * the user and the first does not. Undefined: nothing to write.
 */
export function upgradedReason(current: EndReason | null, page: EndReason | null): EndReason | undefined {
  if (page === null) return undefined;
  if (current === null) return page;
  return !reasonNeedsUser(current.code) && reasonNeedsUser(page.code) ? page : undefined;
}

/** The most telling missed-data code among a finished run's items: a partial run with no reason kept. */
export async function missedItemReason(db: Db, runId: string): Promise<EndReason | null> {
  const rows = await db
    .selectFrom('run_items')
    .select(['code', 'outcome', 'data_type', 'external_id', 'destination_id'])
    .where('run_id', '=', runId)
    .execute();
  return pageReason(
    rows.map((r) => ({
      dataType: r.data_type as DataType,
      externalId: r.external_id,
      outcome: r.outcome as RunItemResult['outcome'],
      code: r.code as ErrorCode,
      destinationId: r.destination_id,
    })),
  );
}
