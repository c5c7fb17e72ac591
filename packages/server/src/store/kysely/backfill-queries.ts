import type { DataType } from '@syncwell/core';
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  BackfillChunkRow,
  BackfillChunkStatus,
  BackfillRow,
  BackfillStatus,
  ChunkFinish,
  NewBackfill,
  TimeWindow,
} from '../backfill-port.js';
import type { RunRow } from '../store-rows.js';
import type { BackfillChunksTable, BackfillsTable } from './backfill-schema.js';
import { runQueries } from './run-queries.js';
import type { StoreContext } from './store-context.js';
import type { StoreDatabase } from './store-schema.js';

type Db = Kysely<StoreDatabase>;

interface Aggregate {
  total: number;
  done: number;
  failed: number;
  pending: number;
  running: number;
  records: number;
  doneMs: number;
  plannedMs: number;
}

function toChunk(r: Selectable<BackfillChunksTable> & { user_id: string }): BackfillChunkRow {
  return {
    id: r.id,
    backfillId: r.backfill_id,
    ruleId: r.rule_id,
    userId: r.user_id,
    seq: r.seq,
    range: { from: new Date(r.range_from), to: new Date(r.range_to) },
    status: r.status as BackfillChunkStatus,
    runId: r.run_id,
    records: r.records,
    checkpoint: r.checkpoint,
  };
}

function toBackfill(r: Selectable<BackfillsTable>, a: Aggregate): BackfillRow {
  return {
    id: r.id,
    ruleId: r.rule_id,
    userId: r.user_id,
    dataTypes: JSON.parse(r.data_types) as DataType[],
    range: { from: new Date(r.range_from), to: new Date(r.range_to) },
    status: r.status as BackfillStatus,
    progress: {
      chunks: { total: a.total, done: a.done, failed: a.failed },
      records: a.records,
      doneMs: a.doneMs,
      plannedMs: a.plannedMs,
    },
    createdAt: new Date(r.created_at),
    finishedAt: r.finished_at === null ? null : new Date(r.finished_at),
  };
}

/** One pass over the chunks; sums come back as text from PostgreSQL (numeric), hence Number(). */
async function aggregate(db: Db, backfillId: string): Promise<Aggregate> {
  const rows = await db
    .selectFrom('backfill_chunks')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .select((eb) => eb.fn.sum<number | string>('records').as('records'))
    .select((eb) => eb.fn.sum<number | string>(eb('range_to', '-', eb.ref('range_from'))).as('ms'))
    .where('backfill_id', '=', backfillId)
    .groupBy('status')
    .execute();
  const a: Aggregate = {
    total: 0,
    done: 0,
    failed: 0,
    pending: 0,
    running: 0,
    records: 0,
    doneMs: 0,
    plannedMs: 0,
  };
  for (const row of rows) {
    const n = Number(row.n);
    const ms = Number(row.ms);
    a.total += n;
    a.records += Number(row.records);
    a.plannedMs += ms;
    if (row.status === 'done') {
      a.done += n;
      a.doneMs += ms;
    } else if (row.status === 'failed') a.failed += n;
    else if (row.status === 'pending') a.pending += n;
    else a.running += n;
  }
  return a;
}

/** Backfills and their chunks (migration 0003); see BackfillStore in backfill-port.ts. */
export function backfillQueries(ctx: StoreContext) {
  const { db } = ctx;

  async function readBackfill(q: Db, id: string, userId?: string): Promise<BackfillRow | null> {
    let query = q.selectFrom('backfills').selectAll().where('id', '=', id);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const row = await query.executeTakeFirst();
    return row === undefined ? null : toBackfill(row, await aggregate(q, id));
  }

  /** Gives up to `slots` pending chunks (lowest seq first) their run rows. */
  async function startChunks(q: Db, backfill: Selectable<BackfillsTable>, slots: number): Promise<RunRow[]> {
    if (slots <= 0) return [];
    const pending = await q
      .selectFrom('backfill_chunks')
      .select('id')
      .where('backfill_id', '=', backfill.id)
      .where('status', '=', 'pending')
      .orderBy('seq')
      .limit(slots)
      .execute();
    const runsOf = runQueries({ ...ctx, db: q });
    const runs: RunRow[] = [];
    for (const chunk of pending) {
      const run = await runsOf.createRun({
        ruleId: backfill.rule_id,
        userId: backfill.user_id,
        trigger: 'backfill',
      });
      await q
        .updateTable('backfill_chunks')
        .set({ status: 'running', run_id: run.id, updated_at: ctx.now() })
        .where('id', '=', chunk.id)
        .execute();
      runs.push(run);
    }
    return runs;
  }

  /** Running while any chunk is pending or running; then succeeded, partial or failed. */
  function settledStatus(a: Aggregate): BackfillStatus {
    if (a.pending + a.running > 0) return 'running';
    if (a.failed === 0) return 'succeeded';
    return a.done === 0 ? 'failed' : 'partial';
  }

  return {
    async createBackfill(input: NewBackfill): Promise<{ backfill: BackfillRow; runs: RunRow[] }> {
      return db.transaction().execute(async (trx) => {
        const now = ctx.now();
        const row = {
          id: ctx.newId(),
          rule_id: input.ruleId,
          user_id: input.userId,
          data_types: JSON.stringify(input.dataTypes),
          range_from: input.range.from.getTime(),
          range_to: input.range.to.getTime(),
          status: input.chunks.length === 0 ? 'succeeded' : 'running',
          created_at: now,
          updated_at: now,
          finished_at: input.chunks.length === 0 ? now : null,
        };
        await trx.insertInto('backfills').values(row).execute();
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
        }));
        for (let i = 0; i < chunks.length; i += 100) {
          await trx
            .insertInto('backfill_chunks')
            .values(chunks.slice(i, i + 100))
            .execute();
        }
        const runs = await startChunks(trx, row, input.parallelism ?? 1);
        const backfill = await readBackfill(trx, row.id);
        if (backfill === null) throw new Error('backfill vanished inside its own transaction');
        return { backfill, runs };
      });
    },

    getBackfill(id: string, userId?: string): Promise<BackfillRow | null> {
      return readBackfill(db, id, userId);
    },

    async findRunningBackfill(ruleId: string): Promise<BackfillRow | null> {
      const row = await db
        .selectFrom('backfills')
        .select('id')
        .where('rule_id', '=', ruleId)
        .where('status', '=', 'running')
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      return row === undefined ? null : readBackfill(db, row.id);
    },

    async listBackfillChunks(backfillId: string): Promise<BackfillChunkRow[]> {
      const rows = await db
        .selectFrom('backfill_chunks')
        .innerJoin('backfills', 'backfills.id', 'backfill_chunks.backfill_id')
        .selectAll('backfill_chunks')
        .select('backfills.user_id')
        .where('backfill_chunks.backfill_id', '=', backfillId)
        .orderBy('backfill_chunks.seq')
        .execute();
      return rows.map(toChunk);
    },

    async findBackfillChunkByRun(runId: string): Promise<BackfillChunkRow | null> {
      const row = await db
        .selectFrom('backfill_chunks')
        .innerJoin('backfills', 'backfills.id', 'backfill_chunks.backfill_id')
        .selectAll('backfill_chunks')
        .select('backfills.user_id')
        .where('backfill_chunks.run_id', '=', runId)
        .executeTakeFirst();
      return row === undefined ? null : toChunk(row);
    },

    async listDoneBackfillWindows(ruleId: string, dataTypes: readonly DataType[]): Promise<TimeWindow[]> {
      const rows = await db
        .selectFrom('backfill_chunks')
        .innerJoin('backfills', 'backfills.id', 'backfill_chunks.backfill_id')
        .select(['backfill_chunks.range_from', 'backfill_chunks.range_to', 'backfills.data_types'])
        .where('backfill_chunks.rule_id', '=', ruleId)
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

    async recordChunkProgress(chunkId: string, checkpoint: number, records: number): Promise<void> {
      await db
        .updateTable('backfill_chunks')
        .set({ checkpoint, records, updated_at: ctx.now() })
        .where('id', '=', chunkId)
        .where('status', '=', 'running')
        .execute();
    },

    async finishBackfillChunk(input: ChunkFinish): Promise<{ backfill: BackfillRow; runs: RunRow[] } | null> {
      return db.transaction().execute(async (trx) => {
        const chunk = await trx
          .selectFrom('backfill_chunks')
          .select(['id', 'backfill_id'])
          .where('run_id', '=', input.runId)
          .executeTakeFirst();
        if (chunk === undefined) return null;
        const now = ctx.now();
        // Touching the backfill row first takes its row lock in PostgreSQL: two chunks of one
        // backfill finishing at once take turns, so neither starts the same pending chunk.
        const backfill = await trx
          .updateTable('backfills')
          .set({ updated_at: now })
          .where('id', '=', chunk.backfill_id)
          .returningAll()
          .executeTakeFirst();
        if (backfill === undefined) return null;
        const finished = await runQueries({ ...ctx, db: trx }).finishRun(
          input.runId,
          input.status,
          input.errorCode,
        );
        if (!finished) return null;
        // Distinct records: a chunk read again after a crash lists its records a second time.
        const seen = await trx
          .selectFrom('run_items')
          .select((eb) =>
            eb.fn
              .count<number | string>(sql`data_type || ':' || external_id`)
              .distinct()
              .as('n'),
          )
          .where('run_id', '=', input.runId)
          .where('outcome', '!=', 'failed')
          .executeTakeFirst();
        await trx
          .updateTable('backfill_chunks')
          .set({
            status: input.status === 'failed' ? 'failed' : 'done',
            records: Number(seen?.n ?? 0),
            updated_at: now,
          })
          .where('id', '=', chunk.id)
          .execute();
        if (input.stopBackfill === true) {
          // Nothing left can succeed (the connection needs re-auth): the rest stays a gap.
          await trx
            .updateTable('backfill_chunks')
            .set({ status: 'failed', updated_at: now })
            .where('backfill_id', '=', backfill.id)
            .where('status', '=', 'pending')
            .execute();
        }
        const before = await aggregate(trx, backfill.id);
        const runs = await startChunks(trx, backfill, (input.parallelism ?? 1) - before.running);
        const after = runs.length > 0 ? await aggregate(trx, backfill.id) : before;
        const status = settledStatus(after);
        if (status !== 'running') {
          await trx
            .updateTable('backfills')
            .set({ status, finished_at: now })
            .where('id', '=', backfill.id)
            .execute();
        }
        return {
          backfill: toBackfill(
            { ...backfill, status, finished_at: status === 'running' ? null : now },
            after,
          ),
          runs,
        };
      });
    },
  };
}
