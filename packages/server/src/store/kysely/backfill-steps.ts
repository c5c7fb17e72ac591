import type { Selectable } from 'kysely';
import type { BackfillStatus } from '../backfill-port.js';
import type { RunRow } from '../store-rows.js';
import type { BackfillsTable } from './backfill-schema.js';
import { aggregate, type Aggregate, type Db } from './backfill-read.js';
import { runQueries } from './run-queries.js';
import type { StoreContext } from './store-context.js';

/* The steps that move a backfill, each inside the caller's transaction (backfill-queries.ts). */

const TERMINAL: readonly BackfillStatus[] = ['succeeded', 'partial', 'failed', 'cancelled'];

export function isTerminal(status: BackfillStatus): boolean {
  return TERMINAL.includes(status);
}

/**
 * Locks the backfill row (PostgreSQL: the update takes its row lock until commit) so that steps
 * on one backfill take turns: two chunks finishing at once never start the same pending chunk,
 * and a cancel never crosses a chunk start.
 */
export async function lockBackfill(
  q: Db,
  ctx: StoreContext,
  where: { id: string; userId?: string },
): Promise<Selectable<BackfillsTable> | undefined> {
  let query = q.updateTable('backfills').set({ updated_at: ctx.now() }).where('id', '=', where.id);
  if (where.userId !== undefined) query = query.where('user_id', '=', where.userId);
  return query.returningAll().executeTakeFirst();
}

/** Gives up to `slots` pending chunks (lowest seq first) their run rows. */
export async function startChunks(
  q: Db,
  ctx: StoreContext,
  backfill: Pick<Selectable<BackfillsTable>, 'id' | 'rule_id' | 'user_id'>,
  slots: number,
): Promise<RunRow[]> {
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
      backfillId: backfill.id,
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

/**
 * Where the chunks leave the backfill: cancelled stays cancelled; while any chunk is pending or
 * running it is running (or paused); then succeeded when every chunk read cleanly, failed when
 * none was read, partial in between.
 */
export function settledStatus(a: Aggregate, current: BackfillStatus): BackfillStatus {
  if (current === 'cancelled') return 'cancelled';
  if (a.pending + a.running > 0) return current === 'paused' ? 'paused' : 'running';
  if (a.failed + a.partial + a.cancelled === 0) return 'succeeded';
  return a.done + a.partial === 0 ? 'failed' : 'partial';
}

/**
 * Starts chunks up to `parallelism` while the backfill runs, then writes its settled status.
 * Returns the runs to enqueue and whether this step ended the backfill.
 */
export async function advance(
  q: Db,
  ctx: StoreContext,
  backfill: Selectable<BackfillsTable>,
  parallelism: number,
): Promise<{ runs: RunRow[]; status: BackfillStatus; settled: boolean }> {
  const current = backfill.status as BackfillStatus;
  const before = await aggregate(q, backfill.id);
  const runs = current === 'running' ? await startChunks(q, ctx, backfill, parallelism - before.running) : [];
  const after = runs.length > 0 ? await aggregate(q, backfill.id) : before;
  const status = settledStatus(after, current);
  const settled = status !== current && isTerminal(status);
  if (settled) {
    await q
      .updateTable('backfills')
      .set({ status, finished_at: ctx.now() })
      .where('id', '=', backfill.id)
      .execute();
  }
  return { runs, status, settled };
}
