import { z } from 'zod';
import { NotFoundError } from '@syncwell/core';
import { NOTIFICATION_KINDS, type NotificationRow } from '../../store/port.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { idParams } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';

/** Ids and reason codes only: the app renders the text, and no health value or token is here. */
const notificationView = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  code: z.string(),
  connectionId: z.string().nullable(),
  ruleId: z.string().nullable(),
  runId: z.string().nullable(),
  backfillId: z.string().nullable().describe('Set on `backfill_incomplete`: the backfill that ended.'),
  permission: z
    .string()
    .nullable()
    .describe(
      'When the reason needs the user: the provider permission to grant at `connectionId`, as the provider names it (e.g. `HISTORICAL_DATA_EXPORT`).',
    ),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const listQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

function toView(row: NotificationRow): z.infer<typeof notificationView> {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    connectionId: row.connectionId,
    ruleId: row.ruleId,
    runId: row.runId,
    backfillId: row.backfillId,
    permission: row.permission,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The in-app inbox (DESIGN §10): the caller's own notifications only (DESIGN §6.4). */
export function registerNotificationRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/v1/notifications',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['notifications'],
        querystring: listQuery,
        response: { 200: z.object({ notifications: z.array(notificationView) }) },
      },
    },
    async (request) => {
      const rows = await ctx.store.listNotifications({
        userId: callerId(request),
        unreadOnly: request.query.unread === 'true',
        limit: request.query.limit,
      });
      return { notifications: rows.map(toView) };
    },
  );

  app.patch(
    '/v1/notifications/:id',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['notifications'],
        params: idParams,
        // Only marking read is offered; un-reading would reopen a deduplicated alarm.
        body: z.strictObject({ read: z.literal(true) }),
        response: { 200: z.object({ notification: notificationView }) },
      },
    },
    async (request) => {
      const row = await ctx.store.markNotificationRead(request.params.id, callerId(request));
      if (row === null) throw new NotFoundError('notification', request.params.id);
      return { notification: toView(row) };
    },
  );
}
