import type { NotificationKind } from '../notification-rows.js';
import type {
  DeliveryChannel,
  DeliveryRow,
  DeliveryStatus,
  DeviceChannel,
  NotificationSettingsRow,
  PushStore,
  PushTargetRow,
} from '../push-port.js';
import type { StoreContext } from './store-context.js';

// Type aliases, not interfaces: Kysely's withTables wants implicit index signatures.
type PushTargetsTable = {
  id: string;
  user_id: string;
  channel: string;
  address: string;
  p256dh: string | null;
  auth: string | null;
  created_at: number;
};
type NotificationSettingsTable = {
  user_id: string;
  disabled: string;
  quiet_start_minute: number | null;
  quiet_end_minute: number | null;
  time_zone: string | null;
  updated_at: number;
};
type NoticeStatesTable = { user_id: string; subject: string; state: string; updated_at: number };
type DeliveriesTable = {
  id: string;
  user_id: string;
  channel: string;
  target_id: string | null;
  notice: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  outcome: string | null;
  created_at: number;
  updated_at: number;
};
type PushTables = {
  push_targets: PushTargetsTable;
  notification_settings: NotificationSettingsTable;
  notice_states: NoticeStatesTable;
  notification_deliveries: DeliveriesTable;
};

function toTarget(r: PushTargetsTable): PushTargetRow {
  return {
    id: r.id,
    userId: r.user_id,
    channel: r.channel as DeviceChannel,
    address: r.address,
    p256dh: r.p256dh,
    auth: r.auth,
    createdAt: new Date(r.created_at),
  };
}

function toSettings(r: NotificationSettingsTable): NotificationSettingsRow {
  const disabled = JSON.parse(r.disabled) as { kind: NotificationKind; channel: DeliveryChannel }[];
  const quiet =
    r.quiet_start_minute === null || r.quiet_end_minute === null || r.time_zone === null
      ? null
      : { startMinute: r.quiet_start_minute, endMinute: r.quiet_end_minute, timeZone: r.time_zone };
  return { userId: r.user_id, disabled, quietHours: quiet };
}

function toDelivery(r: DeliveriesTable): DeliveryRow {
  return {
    id: r.id,
    userId: r.user_id,
    channel: r.channel as DeliveryChannel,
    targetId: r.target_id,
    notice: r.notice,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: new Date(r.next_attempt_at),
    outcome: r.outcome,
    createdAt: new Date(r.created_at),
  };
}

/** Push targets, preferences, announced states and the delivery outbox (migration 0008). */
export function pushQueries(ctx: StoreContext): PushStore {
  const db = ctx.db.withTables<PushTables>();
  return {
    async upsertPushTarget(input) {
      const values = {
        id: ctx.newId(),
        user_id: input.userId,
        channel: input.channel,
        address: input.address,
        p256dh: input.p256dh ?? null,
        auth: input.auth ?? null,
        created_at: ctx.now(),
      };
      const row = await db
        .insertInto('push_targets')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['channel', 'address']).doUpdateSet({
            user_id: values.user_id,
            p256dh: values.p256dh,
            auth: values.auth,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTarget(row);
    },

    async listPushTargets(userId) {
      const rows = await db
        .selectFrom('push_targets')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toTarget);
    },

    async getPushTarget(id) {
      const row = await db.selectFrom('push_targets').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : toTarget(row);
    },

    async deletePushTarget(id, userId) {
      let q = db.deleteFrom('push_targets').where('id', '=', id);
      if (userId !== undefined) q = q.where('user_id', '=', userId);
      const result = await q.executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async getNotificationSettings(userId) {
      const row = await db
        .selectFrom('notification_settings')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row === undefined ? null : toSettings(row);
    },

    async putNotificationSettings(settings) {
      const values = {
        user_id: settings.userId,
        disabled: JSON.stringify(settings.disabled.map((d) => ({ kind: d.kind, channel: d.channel }))),
        quiet_start_minute: settings.quietHours?.startMinute ?? null,
        quiet_end_minute: settings.quietHours?.endMinute ?? null,
        time_zone: settings.quietHours?.timeZone ?? null,
        updated_at: ctx.now(),
      };
      const row = await db
        .insertInto('notification_settings')
        .values(values)
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({
            disabled: values.disabled,
            quiet_start_minute: values.quiet_start_minute,
            quiet_end_minute: values.quiet_end_minute,
            time_zone: values.time_zone,
            updated_at: values.updated_at,
          }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSettings(row);
    },

    async claimNoticeState(userId, subject, state) {
      // One statement: the update only happens when the state differs, and RETURNING yields a
      // row only for an insert or that update, so of two racing workers exactly one sees it.
      const row = await db
        .insertInto('notice_states')
        .values({ user_id: userId, subject, state, updated_at: ctx.now() })
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'subject'])
            .doUpdateSet({ state, updated_at: ctx.now() })
            .where('notice_states.state', '<>', state),
        )
        .returning('state')
        .executeTakeFirst();
      return row !== undefined;
    },

    async enqueueDeliveries(deliveries) {
      if (deliveries.length === 0) return;
      const now = ctx.now();
      await db
        .insertInto('notification_deliveries')
        .values(
          deliveries.map((d) => ({
            id: ctx.newId(),
            user_id: d.userId,
            channel: d.channel,
            target_id: d.targetId ?? null,
            notice: d.notice,
            status: 'pending',
            attempts: 0,
            next_attempt_at: d.notBefore.getTime(),
            outcome: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    },

    async claimDueDeliveries(now, limit, leaseMs) {
      const at = now.getTime();
      const lease = { next_attempt_at: at + leaseMs, updated_at: ctx.now() };
      const due = (q: typeof db) =>
        q
          .selectFrom('notification_deliveries')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', at)
          .orderBy('next_attempt_at')
          .limit(Math.max(0, Math.trunc(limit)));
      if (ctx.skipLocked !== true) {
        const rows = await db
          .updateTable('notification_deliveries')
          .set(lease)
          .where('id', 'in', due(db))
          .returningAll()
          .execute();
        return rows.map(toDelivery);
      }
      return db.transaction().execute(async (trx) => {
        const ids = (await due(trx).forUpdate().skipLocked().execute()).map((r) => r.id);
        if (ids.length === 0) return [];
        const rows = await trx
          .updateTable('notification_deliveries')
          .set(lease)
          .where('id', 'in', ids)
          .returningAll()
          .execute();
        return rows.map(toDelivery);
      });
    },

    async recordDeliveryAttempt(id, result) {
      await db
        .updateTable('notification_deliveries')
        .set((eb) => ({
          status: result.status,
          outcome: result.outcome,
          attempts: eb('attempts', '+', 1),
          updated_at: ctx.now(),
          ...(result.nextAttemptAt === undefined ? {} : { next_attempt_at: result.nextAttemptAt.getTime() }),
        }))
        .where('id', '=', id)
        .execute();
    },

    async listDeliveries(userId, limit = 100) {
      const rows = await db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('id')
        .limit(Math.min(Math.max(limit, 1), 500))
        .execute();
      return rows.map(toDelivery);
    },
  };
}
