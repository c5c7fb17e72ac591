import { SyncWellError, type DataType } from '@syncwell/core';
import {
  ACTIVE_BACKFILL_STATUSES,
  type BackfillChunkRow,
  type BackfillRow,
  type BackfillStatus,
  type NewBackfill,
  type TimeWindow,
} from '../backfill-port.js';
import type { RunRow } from '../store-rows.js';
import { backfillChunkQueries } from './backfill-chunk-queries.js';
import { readBackfill, toChunk, type Db } from './backfill-read.js';
import { advance, isTerminal, lockBackfill, startChunks } from './backfill-steps.js';
import { runQueries } from './run-queries.js';
import type { StoreContext } from './store-context.js';

/** Backfills and their chunks (migrations 0003, 0006); see BackfillStore in backfill-port.ts. */
export function backfillQueries(ctx: StoreContext) {
  const { db } = ctx;

  async function activeBackfillId(q: Db, ruleId: string): Promise<string | null> {
    const row = await q
      .selectFrom('backfills')
      .select('id')
      .where('rule_id', '=', ruleId)
      .where('status', 'in', ACTIVE_BACKFILL_STATUSES)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  /** Ends every unfinished run of the backfill's chunks as cancelled, inside `q`'s transaction. */
  async function cancelChunkRuns(q: Db, backfillId: string): Promise<void> {
    const rows = await q
      .selectFrom('backfill_chunks')
      .select('run_id')
      .where('backfill_id', '=', backfillId)
      .where('status', '=', 'running')
      .execute();
    const runs = runQueries({ ...ctx, db: q });
    for (const { run_id: runId } of rows)
      if (runId !== null) await runs.finishRun(runId, 'cancelled', 'SW_RUN_CANCELLED');
  }

  return {
    ...backfillChunkQueries(ctx),

    async createBackfill(
      input: NewBackfill,
    ): Promise<{ backfill: BackfillRow; runs: RunRow[]; created: boolean }> {
      return db.transaction().execute(async (trx) => {
        const existing = async () => {
          const id = await activeBackfillId(trx, input.ruleId);
          const backfill = id === null ? null : await readBackfill(trx, id);
          if (backfill === null) {
            throw new SyncWellError(
              'SW_CONFLICT',
              'A backfill of this rule changed while starting; try again',
              {
                ruleId: input.ruleId,
              },
            );
          }
          return { backfill, runs: [], created: false };
        };
        // An empty plan is born finished, which the unique index does not cover: look first.
        if (input.chunks.length === 0 && (await activeBackfillId(trx, input.ruleId)) !== null) {
          return existing();
        }
        const now = ctx.now();
        const status: BackfillStatus =
          input.chunks.length === 0 ? 'succeeded' : input.paused === true ? 'paused' : 'running';
        const row = {
          id: ctx.newId(),
          rule_id: input.ruleId,
          user_id: input.userId,
          data_types: JSON.stringify(input.dataTypes),
          range_from: input.range.from.getTime(),
          range_to: input.range.to.getTime(),
          status,
          created_at: now,
          updated_at: now,
          finished_at: status === 'succeeded' ? now : null,
          requested_from: input.requested?.from?.getTime() ?? null,
          requested_to: input.requested?.to?.getTime() ?? null,
          clamps: JSON.stringify(input.clamps ?? []),
        };
        // One running-or-paused backfill per rule (partial unique index): the loser of a race
        // inserts nothing (PostgreSQL waits for the winner's commit) and answers the winner.
        const inserted = await trx
          .insertInto('backfills')
          .values(row)
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .executeTakeFirst();
        if (inserted === undefined) return existing();
        const chunks = input.chunks.map((w, seq) => ({
          id: ctx.newId(),
          backfill_id: row.id,
          rule_id: input.ruleId,
          seq,
          range_from: w.from.getTime(),
          range_to: w.to.getTime(),
          status: 'pending',
          run_id: null,
          records: 0,
          checkpoint: 0,
          updated_at: now,
          cursor: null,
          executions: 0,
          stalls: 0,
          reason: null,
          permission: null,
          written: 0,
          skipped: 0,
          failed: 0,
        }));
        for (let i = 0; i < chunks.length; i += 100) {
          await trx
            .insertInto('backfill_chunks')
            .values(chunks.slice(i, i + 100))
            .execute();
        }
        const runs = status === 'running' ? await startChunks(trx, ctx, row, input.parallelism ?? 1) : [];
        const backfill = await readBackfill(trx, row.id);
        if (backfill === null) throw new Error('backfill vanished inside its own transaction');
        return { backfill, runs, created: true };
      });
    },

    getBackfill(id: string, userId?: string): Promise<BackfillRow | null> {
      return readBackfill(db, id, userId);
    },

    async findActiveBackfill(ruleId: string): Promise<BackfillRow | null> {
      const id = await activeBackfillId(db, ruleId);
      return id === null ? null : readBackfill(db, id);
    },

    async listBackfillChunks(backfillId: string, userId?: string): Promise<BackfillChunkRow[]> {
      let query = db
        .selectFrom('backfill_chunks')
        .innerJoin('backfills', 'backfills.id', 'backfill_chunks.backfill_id')
        .selectAll('backfill_chunks')
        .select('backfills.user_id')
        .where('backfill_chunks.backfill_id', '=', backfillId);
      if (userId !== undefined) query = query.where('backfills.user_id', '=', userId);
      const rows = await query.orderBy('backfill_chunks.seq').execute();
      return rows.map(toChunk);
    },

    async listDoneBackfillWindows(ruleId: string, dataTypes: readonly DataType[]): Promise<TimeWindow[]> {
      const rows = await db
        .selectFrom('backfill_chunks')
        .innerJoin('backfills', 'backfills.id', 'backfill_chunks.backfill_id')
        .select(['backfill_chunks.range_from', 'backfill_chunks.range_to', 'backfills.data_types'])
        .where('backfill_chunks.rule_id', '=', ruleId)
        // Partial chunks are read again by a later backfill: what they missed may be there now
        // (a permission granted since); the ledger keeps what they wrote from being written twice.
        .where('backfill_chunks.status', '=', 'done')
        .orderBy('backfill_chunks.range_from')
        .execute();
      // A window done for fewer data types than asked is not done for this backfill.
      return rows
        .filter((r) => {
          const covered = new Set(JSON.parse(r.data_types) as DataType[]);
          return dataTypes.every((t) => covered.has(t));
        })
        .map((r) => ({ from: new Date(r.range_from), to: new Date(r.range_to) }));
    },

    async cancelBackfill(
      id: string,
      userId: string,
    ): Promise<{ backfill: BackfillRow; changed: boolean } | null> {
      return db.transaction().execute(async (trx) => {
        const row = await lockBackfill(trx, ctx, { id, userId });
        if (row === undefined) return null;
        const changed = !isTerminal(row.status as BackfillStatus);
        if (changed) {
          const now = ctx.now();
          await cancelChunkRuns(trx, id);
          await trx
            .updateTable('backfill_chunks')
            .set({ status: 'cancelled', updated_at: now })
            .where('backfill_id', '=', id)
            .where('status', 'in', ['pending', 'running'])
            .execute();
          await trx
            .updateTable('backfills')
            .set({ status: 'cancelled', finished_at: now })
            .where('id', '=', id)
            .execute();
        }
        const backfill = await readBackfill(trx, id);
        return backfill === null ? null : { backfill, changed };
      });
    },

    async pauseBackfills(ruleId: string): Promise<number> {
      return db.transaction().execute(async (trx) => {
        const id = await activeBackfillId(trx, ruleId);
        const row = id === null ? undefined : await lockBackfill(trx, ctx, { id });
        if (row?.status !== 'running') return 0;
        await cancelChunkRuns(trx, row.id);
        // The cursor stays: a resumed chunk goes on from its last committed page. So does the run
        // id until a new run takes the chunk: a page its execution still commits moves the cursor.
        await trx
          .updateTable('backfill_chunks')
          .set({ status: 'pending', updated_at: ctx.now() })
          .where('backfill_id', '=', row.id)
          .where('status', '=', 'running')
          .execute();
        await trx.updateTable('backfills').set({ status: 'paused' }).where('id', '=', row.id).execute();
        return 1;
      });
    },

    async resumeBackfills(ruleId: string, parallelism = 1): Promise<RunRow[]> {
      return db.transaction().execute(async (trx) => {
        const id = await activeBackfillId(trx, ruleId);
        const row = id === null ? undefined : await lockBackfill(trx, ctx, { id });
        if (row?.status !== 'paused') return [];
        await trx.updateTable('backfills').set({ status: 'running' }).where('id', '=', row.id).execute();
        const { runs } = await advance(trx, ctx, { ...row, status: 'running' }, parallelism);
        return runs;
      });
    },
  };
}
