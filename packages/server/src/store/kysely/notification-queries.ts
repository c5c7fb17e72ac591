import type { ErrorCode } from '@syncwell/core';
import type { Selectable } from 'kysely';
import type {
  KeepAliveQuery,
  NewNotification,
  NotificationKind,
  NotificationQuery,
  NotificationRow,
  RefreshFailure,
} from '../notification-rows.js';
import type { ConnectionRow } from '../store-rows.js';
import { toConnection } from './row-mappers.js';
import type { StoreContext } from './store-context.js';
import type { NotificationsTable } from './store-schema.js';

function toNotification(r: Selectable<NotificationsTable>): NotificationRow {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind as NotificationKind,
    connectionId: r.connection_id,
    ruleId: r.rule_id,
    runId: r.run_id,
    backfillId: r.backfill_id,
    code: r.code as ErrorCode,
    permission: r.permission,
    createdAt: new Date(r.created_at),
    readAt: r.read_at === null ? null : new Date(r.read_at),
  };
}

/** The in-app inbox and the refresh-failure tally (migration 0004). */
export function notificationQueries(ctx: StoreContext) {
  const { db } = ctx;

  async function openFor(connectionId: string, kind: NotificationKind) {
    return db
      .selectFrom('notifications')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .where('kind', '=', kind)
      .where('read_at', 'is', null)
      .executeTakeFirst();
  }

  return {
    async createNotification(
      input: NewNotification,
    ): Promise<{ notification: NotificationRow; created: boolean }> {
      const id = ctx.newId();
      // The partial unique index settles races between workers: the loser inserts nothing.
      const inserted = await db
        .insertInto('notifications')
        .values({
          id,
          user_id: input.userId,
          kind: input.kind,
          connection_id: input.connectionId ?? null,
          rule_id: input.ruleId ?? null,
          run_id: input.runId ?? null,
          backfill_id: input.backfillId ?? null,
          code: input.code,
          permission: input.permission ?? null,
          created_at: ctx.now(),
          read_at: null,
        })
        .onConflict((oc) => oc.columns(['connection_id', 'kind']).where('read_at', 'is', null).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted !== undefined) return { notification: toNotification(inserted), created: true };
      const existing =
        input.connectionId === undefined ? undefined : await openFor(input.connectionId, input.kind);
      if (existing === undefined) throw new Error('notification insert conflicted but no open row exists');
      return { notification: toNotification(existing), created: false };
    },

    async listNotifications(query: NotificationQuery): Promise<NotificationRow[]> {
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
      let q = db.selectFrom('notifications').selectAll().where('user_id', '=', query.userId);
      if (query.unreadOnly === true) q = q.where('read_at', 'is', null);
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toNotification);
    },

    async markNotificationRead(id: string, userId: string): Promise<NotificationRow | null> {
      await db
        .updateTable('notifications')
        .set({ read_at: ctx.now() })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .execute();
      const row = await db
        .selectFrom('notifications')
        .selectAll()
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row === undefined ? null : toNotification(row);
    },

    async recordRefreshFailure(failure: RefreshFailure): Promise<number> {
      await db
        .insertInto('connection_refresh_failures')
        .values({
          connection_id: failure.connectionId,
          token_version: failure.tokenVersion,
          day: failure.at.toISOString().slice(0, 10),
          code: failure.code,
          created_at: failure.at.getTime(),
        })
        .onConflict((oc) =>
          oc.columns(['connection_id', 'token_version', 'day']).doUpdateSet({ code: failure.code }),
        )
        .execute();
      const row = await db
        .selectFrom('connection_refresh_failures')
        .select((eb) => eb.fn.countAll<number | string>().as('days'))
        .where('connection_id', '=', failure.connectionId)
        .where('token_version', '=', failure.tokenVersion)
        .executeTakeFirstOrThrow();
      return Number(row.days);
    },

    async clearRefreshFailures(connectionId: string): Promise<void> {
      await db.deleteFrom('connection_refresh_failures').where('connection_id', '=', connectionId).execute();
    },

    async listKeepAliveConnections(query: KeepAliveQuery): Promise<ConnectionRow[]> {
      if (query.providers.length === 0) return [];
      const rows = await db
        .selectFrom('connections')
        .selectAll()
        .where('status', '=', 'active')
        .where('provider', 'in', [...query.providers])
        .where('updated_at', '<', query.untouchedSince.getTime())
        .orderBy('updated_at')
        .limit(query.limit)
        .execute();
      return rows.map(toConnection);
    },
  };
}
