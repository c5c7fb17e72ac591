import type {
  ConflictChoice,
  ConflictDescriptor,
  ConflictStatus,
  DataType,
  ErrorCode,
  NewConflict,
} from '@syncwell/core';
import type { Selectable } from 'kysely';
import type { ConflictQuery, ConflictRow } from '../conflict-port.js';
import type { ConflictTables, SyncConflictsTable } from './conflict-schema.js';
import type { StoreContext } from './store-context.js';

function toConflict(r: Selectable<SyncConflictsTable>): ConflictRow {
  return {
    id: r.id,
    ruleId: r.rule_id,
    dataType: r.data_type as DataType,
    range: { from: new Date(r.range_from), to: new Date(r.range_to) },
    sourceExternalId: r.source_external_id,
    destinationId: r.destination_id,
    code: r.code as ErrorCode,
    status: r.status as ConflictStatus,
    resolution: r.resolution as ConflictChoice | null,
    detectedAt: new Date(r.detected_at),
    resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at),
    appliedAt: r.applied_at === null ? null : new Date(r.applied_at),
  };
}

/** Conflict descriptors (migration 0005): the engine's three port methods and the API's three. */
export function conflictQueries(ctx: StoreContext) {
  const db = ctx.db.withTables<ConflictTables>();

  /** Ownership goes through the rule: a conflict is its rule's user's (DESIGN §6.4). */
  const ownRules = (userId: string) => db.selectFrom('rules').select('id').where('user_id', '=', userId);

  async function getConflict(id: string, userId?: string): Promise<ConflictRow | null> {
    let q = db.selectFrom('sync_conflicts').selectAll().where('id', '=', id);
    if (userId !== undefined) q = q.where('rule_id', 'in', ownRules(userId));
    const row = await q.executeTakeFirst();
    return row === undefined ? null : toConflict(row);
  }

  return {
    async recordConflicts(conflicts: readonly NewConflict[]): Promise<void> {
      if (conflicts.length === 0) return;
      const now = ctx.now();
      await db
        .insertInto('sync_conflicts')
        .values(
          conflicts.map((c) => ({
            id: ctx.newId(),
            rule_id: c.ruleId,
            data_type: c.dataType,
            range_from: c.range.from.getTime(),
            range_to: c.range.to.getTime(),
            source_external_id: c.sourceExternalId,
            destination_id: c.destinationId,
            code: c.code,
            status: 'open',
            resolution: null,
            detected_at: now,
            resolved_at: null,
            applied_at: null,
          })),
        )
        // The partial unique index keeps the first unapplied conflict of a record.
        .onConflict((oc) =>
          oc
            .columns(['rule_id', 'data_type', 'source_external_id'])
            .where('applied_at', 'is', null)
            .doNothing(),
        )
        .execute();
    },

    async listResolvedConflicts(ruleId: string): Promise<ConflictDescriptor[]> {
      const rows = await db
        .selectFrom('sync_conflicts')
        .selectAll()
        .where('rule_id', '=', ruleId)
        .where('status', '=', 'resolved')
        .orderBy('detected_at')
        .execute();
      return rows.map(toConflict);
    },

    async markConflictsApplied(ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('sync_conflicts')
        .set({ status: 'applied', applied_at: ctx.now() })
        .where('id', 'in', [...ids])
        .where('status', '=', 'resolved')
        .execute();
    },

    async listConflicts(query: ConflictQuery): Promise<ConflictRow[]> {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
      let q = db.selectFrom('sync_conflicts').selectAll().where('rule_id', 'in', ownRules(query.userId));
      if (query.ruleId !== undefined) q = q.where('rule_id', '=', query.ruleId);
      if (query.status !== undefined) q = q.where('status', '=', query.status);
      const rows = await q.orderBy('detected_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toConflict);
    },

    getConflict,

    async resolveConflict(id: string, userId: string, choice: ConflictChoice): Promise<ConflictRow | null> {
      await db
        .updateTable('sync_conflicts')
        .set({ status: 'resolved', resolution: choice, resolved_at: ctx.now() })
        .where('id', '=', id)
        .where('status', '<>', 'applied')
        .where('rule_id', 'in', ownRules(userId))
        .execute();
      return getConflict(id, userId);
    },
  };
}
