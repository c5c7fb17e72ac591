import type { NewRule, RulePatch } from '../port.js';
import type { RuleRow } from '../store-rows.js';
import type { StoreContext } from './store-context.js';
import { toRule } from './row-mappers.js';

/** Sync rules and their schedule. */
export function ruleQueries(ctx: StoreContext) {
  const { db } = ctx;

  async function getRule(id: string, userId?: string): Promise<RuleRow | null> {
    let query = db.selectFrom('rules').selectAll().where('id', '=', id);
    if (userId !== undefined) query = query.where('user_id', '=', userId);
    const row = await query.executeTakeFirst();
    return row === undefined ? null : toRule(row);
  }

  return {
    getRule,

    async createRule(input: NewRule): Promise<RuleRow> {
      const now = ctx.now();
      const row = {
        id: ctx.newId(),
        user_id: input.userId,
        source_connection_id: input.sourceConnectionId,
        destination_connection_id: input.destinationConnectionId,
        data_types: JSON.stringify(input.dataTypes),
        conflict_strategy: input.conflictStrategy,
        interval_minutes: input.intervalMinutes,
        enabled: input.enabled ? 1 : 0,
        next_run_at: input.nextRunAt?.getTime() ?? null,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('rules').values(row).execute();
      return toRule(row);
    },

    async listRulesByUser(userId: string): Promise<RuleRow[]> {
      const rows = await db
        .selectFrom('rules')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRule);
    },

    async updateRule(id: string, userId: string, patch: RulePatch): Promise<RuleRow | null> {
      const result = await db
        .updateTable('rules')
        .set({
          updated_at: ctx.now(),
          ...(patch.dataTypes === undefined ? {} : { data_types: JSON.stringify(patch.dataTypes) }),
          ...(patch.conflictStrategy === undefined ? {} : { conflict_strategy: patch.conflictStrategy }),
          ...(patch.intervalMinutes === undefined ? {} : { interval_minutes: patch.intervalMinutes }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
          ...(patch.nextRunAt === undefined ? {} : { next_run_at: patch.nextRunAt?.getTime() ?? null }),
        })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n ? getRule(id, userId) : null;
    },

    async deleteRule(id: string, userId?: string): Promise<boolean> {
      let query = db.deleteFrom('rules').where('id', '=', id);
      if (userId !== undefined) query = query.where('user_id', '=', userId);
      const result = await query.executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async listDueRules(now: Date, limit: number): Promise<RuleRow[]> {
      const rows = await db
        .selectFrom('rules')
        .selectAll()
        .where('enabled', '=', 1)
        .where('next_run_at', '<=', now.getTime())
        .orderBy('next_run_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRule);
    },

    async claimDueRules(now: Date, limit: number, leaseMs: number): Promise<RuleRow[]> {
      const at = now.getTime();
      const lease = { next_run_at: at + Math.max(0, Math.trunc(leaseMs)), updated_at: ctx.now() };
      const due = (q: typeof db) =>
        q
          .selectFrom('rules')
          .select('id')
          .where('enabled', '=', 1)
          .where('next_run_at', '<=', at)
          .orderBy('next_run_at')
          .orderBy('id')
          .limit(Math.max(0, Math.trunc(limit)));
      if (ctx.skipLocked !== true) {
        // One statement holds SQLite's write lock throughout: nobody can claim in between.
        const rows = await db
          .updateTable('rules')
          .set(lease)
          .where('id', 'in', due(db))
          .returningAll()
          .execute();
        return rows.map(toRule);
      }
      // PostgreSQL: lock the ids first, in a statement of their own. Inside `id IN (subquery)`
      // the planner may re-run a LIMIT ... FOR UPDATE subquery per outer row and claim more
      // than `limit` rows (seen on PG 15). Rows another copy holds are skipped, not waited for.
      return db.transaction().execute(async (trx) => {
        const ids = (await due(trx).forUpdate().skipLocked().execute()).map((r) => r.id);
        if (ids.length === 0) return [];
        const rows = await trx
          .updateTable('rules')
          .set(lease)
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        return rows.map(toRule);
      });
    },

    async setRuleNextRunAt(id: string, nextRunAt: Date | null): Promise<boolean> {
      const result = await db
        .updateTable('rules')
        .set({ next_run_at: nextRunAt?.getTime() ?? null, updated_at: ctx.now() })
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async listRulesByConnection(connectionId: string): Promise<RuleRow[]> {
      const rows = await db
        .selectFrom('rules')
        .selectAll()
        .where((eb) =>
          eb.or([
            eb('source_connection_id', '=', connectionId),
            eb('destination_connection_id', '=', connectionId),
          ]),
        )
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toRule);
    },
  };
}
