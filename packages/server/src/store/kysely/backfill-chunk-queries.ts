import type { DataType, ErrorCode } from '@syncwell/core';
import {
  reasonNeedsUser,
  type BackfillChunkRow,
  type BackfillStatus,
  type ChunkExecution,
  type ChunkFinish,
  type ChunkFinishResult,
  type ChunkPageCommit,
  type ChunkPageResult,
  type EndReason,
} from '../backfill-port.js';
import {
  missedItemReason,
  mostTelling,
  pageReason,
  parseCursors,
  readBackfill,
  toChunk,
  upgradedReason,
} from './backfill-read.js';
import { advance, lockBackfill } from './backfill-steps.js';
import { runQueries } from './run-queries.js';
import type { StoreContext } from './store-context.js';
import { writePageCommit } from './sync-state-queries.js';

/** The chunk side of BackfillStore: executions, page checkpoints, stalls and finishing. */
export function backfillChunkQueries(ctx: StoreContext) {
  const { db } = ctx;

  const chunkWithOwner = () =>
    db
      .selectFrom('backfill_chunks')
      .innerJoin('backfills', 'backfills.id', 'backfill_chunks.backfill_id')
      .selectAll('backfill_chunks')
      .select('backfills.user_id');

  return {
    async findBackfillChunkByRun(runId: string): Promise<BackfillChunkRow | null> {
      const row = await chunkWithOwner().where('backfill_chunks.run_id', '=', runId).executeTakeFirst();
      return row === undefined ? null : toChunk(row);
    },

    async beginChunkExecution(runId: string): Promise<ChunkExecution | null> {
      await db
        .updateTable('backfill_chunks')
        .set((eb) => ({ executions: eb('executions', '+', 1) }))
        .where('run_id', '=', runId)
        .execute();
      const row = await chunkWithOwner()
        .innerJoin('rules', 'rules.id', 'backfills.rule_id')
        .select([
          'backfills.status as backfill_status',
          'backfills.data_types',
          'rules.enabled',
          'rules.source_connection_id',
        ])
        .where('backfill_chunks.run_id', '=', runId)
        .executeTakeFirst();
      if (row === undefined) return null;
      return {
        chunk: toChunk(row),
        backfillStatus: row.backfill_status as BackfillStatus,
        dataTypes: JSON.parse(row.data_types) as DataType[],
        ruleEnabled: row.enabled === 1,
        sourceConnectionId: row.source_connection_id,
      };
    },

    async commitChunkPage(input: ChunkPageCommit): Promise<ChunkPageResult> {
      return db.transaction().execute(async (trx) => {
        // A backfill never moves the rule's cursor; the chunk keeps its own below.
        const committed = await writePageCommit(trx, ctx, { ...input.commit, cursor: null });
        const chunk = await trx
          .selectFrom('backfill_chunks')
          .innerJoin('backfills', 'backfills.id', 'backfill_chunks.backfill_id')
          .select([
            'backfill_chunks.run_id',
            'backfill_chunks.cursor',
            'backfill_chunks.reason',
            'backfill_chunks.permission',
            'backfills.status',
          ])
          .where('backfill_chunks.id', '=', input.chunkId)
          .executeTakeFirst();
        if (chunk === undefined) return { committed, backfillStatus: 'detached' };
        const backfillStatus = chunk.status as BackfillStatus;
        if (!committed) return { committed, backfillStatus };
        // Paused and resumed meanwhile: the chunk has a newer run, whose checkpoint this is not.
        if (chunk.run_id !== input.runId) return { committed, backfillStatus: 'detached' };
        const items = input.commit.items;
        const count = (outcome: string) => items.filter((item) => item.outcome === outcome).length;
        const cursors = parseCursors(chunk.cursor);
        if (input.checkpoint !== undefined) cursors[input.commit.dataType] = input.checkpoint;
        const reason = upgradedReason(
          chunk.reason === null ? null : { code: chunk.reason as ErrorCode, permission: chunk.permission },
          input.refusal ?? pageReason(items),
        );
        await trx
          .updateTable('backfill_chunks')
          .set((eb) => ({
            checkpoint: eb('checkpoint', '+', 1),
            stalls: 0,
            cursor: JSON.stringify(cursors),
            // `records` (migration 0003) keeps its meaning for readers of the table: items not failed.
            records: eb('records', '+', count('written') + count('skipped')),
            written: eb('written', '+', count('written')),
            skipped: eb('skipped', '+', count('skipped')),
            failed: eb('failed', '+', count('failed')),
            ...(reason === undefined ? {} : { reason: reason.code, permission: reason.permission }),
            updated_at: ctx.now(),
          }))
          .where('id', '=', input.chunkId)
          .execute();
        return { committed, backfillStatus };
      });
    },

    async recordChunkStall(chunkId: string): Promise<number> {
      const row = await db
        .updateTable('backfill_chunks')
        .set((eb) => ({ stalls: eb('stalls', '+', 1), updated_at: ctx.now() }))
        .where('id', '=', chunkId)
        .returning('stalls')
        .executeTakeFirst();
      return row?.stalls ?? 0;
    },

    async finishBackfillChunk(input: ChunkFinish): Promise<ChunkFinishResult | null> {
      return db.transaction().execute(async (trx) => {
        const chunk = await trx
          .selectFrom('backfill_chunks')
          .select(['id', 'backfill_id', 'reason', 'permission'])
          .where('run_id', '=', input.runId)
          .executeTakeFirst();
        if (chunk === undefined) return null;
        const backfill = await lockBackfill(trx, ctx, { id: chunk.backfill_id });
        if (backfill === undefined) return null;
        // The run's own end may be worse than asked: items an earlier execution committed count.
        const ended = await runQueries({ ...ctx, db: trx }).finishRunAs(
          input.runId,
          input.status,
          input.errorCode,
        );
        if (ended === null) return null;
        const now = ctx.now();
        if (ended === 'cancelled') {
          // Stopped by its owner: cancelled with its backfill; otherwise (paused, or stopped while
          // the backfill runs) back to pending with its cursor, to go on from there later.
          await trx
            .updateTable('backfill_chunks')
            .set(
              backfill.status === 'cancelled'
                ? { status: 'cancelled', updated_at: now }
                : { status: 'pending', updated_at: now },
            )
            .where('id', '=', chunk.id)
            .execute();
        } else {
          const stored: EndReason | null =
            chunk.reason === null ? null : { code: chunk.reason as ErrorCode, permission: chunk.permission };
          const reason =
            ended === 'failed'
              ? mostTelling([
                  ...(stored === null ? [] : [stored]),
                  { code: input.errorCode ?? 'SW_INTERNAL', permission: null },
                ])
              : (stored ?? (ended === 'partial' ? await missedItemReason(trx, input.runId) : null));
          // A refusal met by an earlier run of the chunk (before a pause) still makes it partial.
          const status =
            ended === 'failed' ? 'failed' : reason === null && ended !== 'partial' ? 'done' : 'partial';
          await trx
            .updateTable('backfill_chunks')
            .set({
              status,
              reason: reason?.code ?? null,
              permission: reason?.permission ?? null,
              updated_at: now,
            })
            .where('id', '=', chunk.id)
            .execute();
          if (reason !== null && reasonNeedsUser(reason.code)) {
            // Nothing after it can succeed until the user acts: the rest stays a gap, with the reason.
            await trx
              .updateTable('backfill_chunks')
              .set({ status: 'failed', reason: reason.code, permission: reason.permission, updated_at: now })
              .where('backfill_id', '=', backfill.id)
              .where('status', '=', 'pending')
              .execute();
          }
        }
        const { runs, settled } = await advance(trx, ctx, backfill, input.parallelism ?? 1);
        const after = await readBackfill(trx, backfill.id);
        if (after === null) throw new Error('backfill vanished inside its own transaction');
        return { backfill: after, runs, settled };
      });
    },
  };
}
