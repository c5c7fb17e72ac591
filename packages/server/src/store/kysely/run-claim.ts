import type { DataType } from '@syncwell/core';
import { sql, type Selectable } from 'kysely';
import type { RunClaim } from '../port.js';
import { toConnection, toRule, toRun } from './row-mappers.js';
import type { StoreContext } from './store-context.js';
import type { ConflictTables } from './conflict-schema.js';
import type { ConnectionsTable, RulesTable, RunsTable } from './store-schema.js';

const UNFINISHED = ['queued', 'running'];

interface ClaimRow {
  readonly run: Selectable<RunsTable>;
  readonly rule: Selectable<RulesTable> | null;
  readonly source: Selectable<ConnectionsTable> | null;
  readonly destination: Selectable<ConnectionsTable> | null;
  readonly cursors: Record<string, string>;
  readonly resolved: boolean;
}

function toClaim(row: ClaimRow): RunClaim {
  return {
    run: toRun(row.run),
    rule: row.rule === null ? null : toRule(row.rule),
    source: row.source === null ? null : toConnection(row.source),
    destination: row.destination === null ? null : toConnection(row.destination),
    cursors: new Map(Object.entries(row.cursors) as [DataType, string][]),
    hasResolvedConflicts: row.resolved,
  };
}

/**
 * claimRun: the run marked running, with its rule, both connections, the rule's cursors and
 * whether it has resolved conflicts. PostgreSQL: one statement (the update in a CTE, the rows
 * as JSON: every column is text or a number, so JSON carries them unchanged). Elsewhere: the
 * same steps in one transaction.
 */
export function runClaimQueries(ctx: StoreContext) {
  const { db } = ctx;

  async function claimInOneStatement(id: string): Promise<RunClaim | null> {
    const now = ctx.now();
    const { rows } = await sql<ClaimRow>`
      with claimed as (
        update runs set status = 'running', started_at = coalesce(started_at, ${now})
        where id = ${id} and status in ('queued', 'running')
        returning *
      )
      select
        row_to_json(claimed) as run,
        row_to_json(r) as rule,
        row_to_json(s) as source,
        row_to_json(d) as destination,
        coalesce(
          (select json_object_agg(c.data_type, c.cursor) from sync_cursors c where c.rule_id = claimed.rule_id),
          '{}'::json
        ) as cursors,
        exists (
          select 1 from sync_conflicts sc where sc.rule_id = claimed.rule_id and sc.status = 'resolved'
        ) as resolved
      from claimed
      left join rules r on r.id = claimed.rule_id
      left join connections s on s.id = r.source_connection_id and s.user_id = r.user_id
      left join connections d on d.id = r.destination_connection_id and d.user_id = r.user_id
    `.execute(db);
    const row = rows[0];
    return row === undefined ? null : toClaim(row);
  }

  async function claimInSteps(id: string): Promise<RunClaim | null> {
    const now = ctx.now();
    return db.transaction().execute(async (trx) => {
      const run = await trx
        .updateTable('runs')
        .set((eb) => ({ status: 'running', started_at: eb.fn.coalesce('started_at', eb.val(now)) }))
        .where('id', '=', id)
        .where('status', 'in', UNFINISHED)
        .returningAll()
        .executeTakeFirst();
      if (run === undefined) return null;
      const rule =
        (await trx.selectFrom('rules').selectAll().where('id', '=', run.rule_id).executeTakeFirst()) ?? null;
      const connection = async (connectionId: string | undefined) =>
        rule === null || connectionId === undefined
          ? null
          : ((await trx
              .selectFrom('connections')
              .selectAll()
              .where('id', '=', connectionId)
              .where('user_id', '=', rule.user_id)
              .executeTakeFirst()) ?? null);
      const cursors = await trx
        .selectFrom('sync_cursors')
        .select(['data_type', 'cursor'])
        .where('rule_id', '=', run.rule_id)
        .execute();
      const resolved = await trx
        .withTables<ConflictTables>()
        .selectFrom('sync_conflicts')
        .select('id')
        .where('rule_id', '=', run.rule_id)
        .where('status', '=', 'resolved')
        .limit(1)
        .executeTakeFirst();
      return toClaim({
        run,
        rule,
        source: await connection(rule?.source_connection_id),
        destination: await connection(rule?.destination_connection_id),
        cursors: Object.fromEntries(cursors.map((c) => [c.data_type, c.cursor])),
        resolved: resolved !== undefined,
      });
    });
  }

  return {
    claimRun: (id: string) =>
      ctx.singleStatementSteps === true ? claimInOneStatement(id) : claimInSteps(id),
  };
}
