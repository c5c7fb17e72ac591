import { ERROR_CODES, SyncWellError, type ErrorCode } from '@syncwell/core';
import type { CheckedRunOpening, NewRun, RunQuery } from '../port.js';
import type { FinishedRunStatus, RunItemRow, RunRow } from '../store-rows.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { StoreContext } from './store-context.js';
import type { RunsTable, StoreDatabase } from './store-schema.js';
import { toRun, toRunItem } from './row-mappers.js';

const UNFINISHED = ['queued', 'running'];
/** Item codes that mean data did not arrive (see itemMissedData in core): every class but `none`. */
export const MISSED_DATA_CODES = (Object.keys(ERROR_CODES) as ErrorCode[]).filter(
  (code) => ERROR_CODES[code].retry !== 'none',
);
const MAX_PAGE = 200;

/** Runs and their items. Items are written only by commitPage (sync-state-queries.ts). */
export function runQueries(ctx: StoreContext) {
  const { db } = ctx;

  function newRow(input: NewRun) {
    return {
      id: ctx.newId(),
      rule_id: input.ruleId,
      user_id: input.userId,
      trigger: input.trigger,
      status: 'queued',
      items_read: 0,
      items_written: 0,
      items_skipped: 0,
      items_failed: 0,
      error_code: null,
      created_at: ctx.now(),
      started_at: null,
      finished_at: null,
      backfill_id: input.backfillId ?? null,
    };
  }

  /** The rule's queued or running live run (the one the partial unique index admits). */
  async function activeLiveRun(ruleId: string): Promise<RunRow | null> {
    const row = await db
      .selectFrom('runs')
      .selectAll()
      .where('rule_id', '=', ruleId)
      .where('status', 'in', UNFINISHED)
      .where('trigger', '!=', 'backfill')
      .executeTakeFirst();
    return row === undefined ? null : toRun(row);
  }

  /** finishRun, answering the status the run ended with (null when it had already ended). */
  function finishRunAs(id: string, status: FinishedRunStatus, errorCode?: ErrorCode) {
    return finishRunIn(db, ctx.now(), id, status, errorCode);
  }

  /** openRunChecked's checks as plain queries (SQLite, and PostgreSQL after a lost race). */
  async function openRunCheckedInSteps(input: NewRun): Promise<CheckedRunOpening> {
    const rule = await db
      .selectFrom('rules')
      .select(['source_connection_id', 'destination_connection_id', 'enabled'])
      .where('id', '=', input.ruleId)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    if (rule === undefined) return { kind: 'rule_not_found' };
    if (rule.enabled !== 1) return { kind: 'rule_disabled' };
    for (const connectionId of [rule.source_connection_id, rule.destination_connection_id]) {
      const connection = await db
        .selectFrom('connections')
        .select('status')
        .where('id', '=', connectionId)
        .where('user_id', '=', input.userId)
        .executeTakeFirst();
      if (connection?.status !== 'active') return { kind: 'connection_not_ready', connectionId };
    }
    return { kind: 'opened', ...(await openRun(input)) };
  }

  async function openRunCheckedInOneStatement(input: NewRun): Promise<CheckedRunOpening> {
    const row = newRow(input);
    const { rows } = await sql<{
      source_connection_id: string;
      destination_connection_id: string;
      /** An integer column: a number from pg's int4, a string if it were ever int8. */
      enabled: number | string;
      source_status: string | null;
      destination_status: string | null;
      created: boolean;
      active: Selectable<RunsTable> | null;
    }>`
      with checked as (
        select r.id, r.source_connection_id, r.destination_connection_id, r.enabled,
          (select c.status from connections c where c.id = r.source_connection_id and c.user_id = r.user_id)
            as source_status,
          (select c.status from connections c where c.id = r.destination_connection_id and c.user_id = r.user_id)
            as destination_status
        from rules r where r.id = ${input.ruleId} and r.user_id = ${input.userId}
      ),
      inserted as (
        insert into runs (id, rule_id, user_id, trigger, status, items_read, items_written, items_skipped,
          items_failed, error_code, created_at, started_at, finished_at, backfill_id)
        select ${row.id}, checked.id, ${row.user_id}, ${row.trigger}, 'queued', 0, 0, 0, 0, null,
          ${row.created_at}::bigint, null::bigint, null::bigint, ${row.backfill_id}
        from checked where enabled = 1 and source_status = 'active' and destination_status = 'active'
        on conflict do nothing
        returning id
      )
      select checked.source_connection_id, checked.destination_connection_id, checked.enabled, checked.source_status,
        checked.destination_status, exists (select 1 from inserted) as created,
        (select row_to_json(a) from runs a where a.rule_id = checked.id and a.status in ('queued', 'running')
          and a.trigger <> 'backfill' limit 1) as active
      from checked
    `.execute(db);
    const found = rows[0];
    if (found === undefined) return { kind: 'rule_not_found' };
    if (Number(found.enabled) !== 1) return { kind: 'rule_disabled' };
    if (found.source_status !== 'active') {
      return { kind: 'connection_not_ready', connectionId: found.source_connection_id };
    }
    if (found.destination_status !== 'active') {
      return { kind: 'connection_not_ready', connectionId: found.destination_connection_id };
    }
    if (found.created) return { kind: 'opened', run: toRun(row), created: true };
    if (found.active !== null) return { kind: 'opened', run: toRun(found.active), created: false };
    // A competing opener's run is not in this statement's snapshot: openRun waits and reads it.
    return { kind: 'opened', ...(await openRun(input)) };
  }

  async function openRun(input: NewRun): Promise<{ run: RunRow; created: boolean }> {
    // Insert-or-nothing, then read the winner. The winner may finish in between; then the
    // next insert goes through. Three rounds cover any interleaving short of a storm.
    for (let round = 0; round < 3; round++) {
      const row = newRow(input);
      // No conflict target: both engines then skip a row that any unique index refuses, and
      // PostgreSQL waits for a competing uncommitted insert, so the read below sees it.
      const inserted = await db
        .insertInto('runs')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted !== undefined) return { run: toRun(row), created: true };
      const active = await activeLiveRun(input.ruleId);
      if (active !== null) return { run: active, created: false };
    }
    throw new SyncWellError('SW_CONFLICT', "The rule's runs changed too fast to join one", {
      ruleId: input.ruleId,
    });
  }

  return {
    finishRunAs,
    openRun,

    openRunChecked: (input: NewRun) =>
      ctx.singleStatementSteps === true ? openRunCheckedInOneStatement(input) : openRunCheckedInSteps(input),

    async createRun(input: NewRun): Promise<RunRow> {
      const row = newRow(input);
      try {
        await db.insertInto('runs').values(row).execute();
      } catch (error) {
        if (!ctx.isUniqueViolation(error)) throw error;
        throw new SyncWellError('SW_CONFLICT', 'The rule already has a queued or running run', {
          ruleId: input.ruleId,
        });
      }
      return toRun(row);
    },

    async getRun(id: string, userId?: string): Promise<RunRow | null> {
      let query = db.selectFrom('runs').selectAll().where('id', '=', id);
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      const row = await query.executeTakeFirst();
      return row === undefined ? null : toRun(row);
    },

    async listRuns(q: RunQuery): Promise<RunRow[]> {
      let query = db.selectFrom('runs').selectAll().where('user_id', '=', q.userId);
      if (q.ruleId !== undefined) query = query.where('rule_id', '=', q.ruleId);
      if (q.status !== undefined) query = query.where('status', '=', q.status);
      if (q.backfillId !== undefined) query = query.where('backfill_id', '=', q.backfillId);
      if (q.kind === 'sync') query = query.where('backfill_id', 'is', null);
      if (q.kind === 'backfill_chunk') query = query.where('backfill_id', 'is not', null);
      const limit = Math.min(Math.max(1, Math.trunc(q.limit ?? 50)), MAX_PAGE);
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(Math.max(0, Math.trunc(q.offset ?? 0)))
        .execute();
      return rows.map(toRun);
    },

    async markRunRunning(id: string): Promise<boolean> {
      const now = ctx.now();
      const result = await db
        .updateTable('runs')
        .set((eb) => ({ status: 'running', started_at: eb.fn.coalesce('started_at', eb.val(now)) }))
        .where('id', '=', id)
        .where('status', 'in', UNFINISHED)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async finishRun(id: string, status: FinishedRunStatus, errorCode?: ErrorCode): Promise<boolean> {
      return (await finishRunAs(id, status, errorCode)) !== null;
    },

    async listUnfinishedRuns(): Promise<RunRow[]> {
      const rows = await db
        .selectFrom('runs')
        .selectAll()
        .where('status', 'in', UNFINISHED)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRun);
    },

    async hasActiveRun(ruleId: string): Promise<boolean> {
      const row = await db
        .selectFrom('runs')
        .select('id')
        .where('rule_id', '=', ruleId)
        .where('status', 'in', UNFINISHED)
        // A long backfill must not hold back live syncs; the rule lock still serialises them.
        .where('trigger', '!=', 'backfill')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async listRunItems(runId: string, userId?: string): Promise<RunItemRow[]> {
      let query = db
        .selectFrom('run_items')
        .innerJoin('runs', 'runs.id', 'run_items.run_id')
        .selectAll('run_items');
      query = query.where('run_items.run_id', '=', runId);
      if (userId !== undefined) query = query.where('runs.user_id', '=', userId);
      const rows = await query.orderBy('run_items.seq').execute();
      return rows.map(toRunItem);
    },
  };
}

/**
 * finishRun inside `db` (the store, or a transaction: a page commit that ends the run),
 * answering the status the run ended with (null when it had already ended). A run
 * asked to end `succeeded` ends `partial` when any of its items missed data (itemMissedData),
 * whichever execution committed them: a run resumed after a retry or a delay reads on from
 * where it stopped, so its last execution alone cannot tell.
 */
export async function finishRunIn(
  db: Kysely<StoreDatabase>,
  now: number,
  id: string,
  status: FinishedRunStatus,
  errorCode?: ErrorCode,
): Promise<FinishedRunStatus | null> {
  // Recount from the items so the totals are right even if a page was committed twice.
  const countOf = (outcome: string) =>
    db
      .selectFrom('run_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('run_id', '=', id)
      .where('outcome', '=', outcome);
  const row = await db
    .updateTable('runs')
    .set((eb) => ({
      status:
        status === 'succeeded'
          ? eb
              .case()
              .when(
                eb.exists(
                  eb
                    .selectFrom('run_items')
                    .select('run_id')
                    .where('run_id', '=', id)
                    .where((w) => w.or([w('outcome', '=', 'failed'), w('code', 'in', MISSED_DATA_CODES)])),
                ),
              )
              .then('partial')
              .else('succeeded')
              .end()
          : status,
      error_code: errorCode ?? null,
      finished_at: now,
      items_read: eb
        .selectFrom('run_items')
        .select((s) => s.fn.countAll<number>().as('n'))
        .where('run_id', '=', id),
      items_written: countOf('written'),
      items_skipped: countOf('skipped'),
      items_failed: countOf('failed'),
    }))
    .where('id', '=', id)
    .where('status', 'in', UNFINISHED)
    .returning('status')
    .executeTakeFirst();
  return row === undefined ? null : (row.status as FinishedRunStatus);
}
