import { z } from 'zod';
import { NotFoundError } from '@syncwell/core';
import { RUN_KINDS, RUN_STATUSES } from '../../store/port.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { runItemView, runView, toRunItemView, toRunView } from '../views/run-view.js';
import { idParams, resourceId } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';

const MAX_OFFSET = 100_000;

/** Cursors are opaque to clients; today they wrap an offset, which may change without notice. */
const cursor = z
  .string()
  .max(64)
  .transform((raw, ctx) => {
    const decoded = /^[\w-]+$/.test(raw)
      ? /^o:(\d{1,6})$/.exec(Buffer.from(raw, 'base64url').toString('utf8'))
      : null;
    const offset = decoded?.[1] === undefined ? Number.NaN : Number(decoded[1]);
    if (!Number.isInteger(offset) || offset > MAX_OFFSET) {
      ctx.addIssue({ code: 'custom', message: 'Invalid cursor' });
      return z.NEVER;
    }
    return offset;
  });

const listQuery = z.strictObject({
  ruleId: resourceId.optional(),
  status: z.enum(RUN_STATUSES).optional(),
  backfillId: resourceId
    .optional()
    .describe("Only this backfill's chunk runs (implies `kind=backfill_chunk`)."),
  kind: z
    .enum([...RUN_KINDS, 'all'])
    .optional()
    .describe(
      'Which runs: `sync` (default: live runs only, so a long backfill cannot bury them), `backfill_chunk`, or `all`. A backfill is read as one thing at GET /v1/backfills/{id}; its chunk runs with `backfillId`.',
    ),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: cursor.optional(),
});

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function registerRunRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/v1/runs',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['runs'],
        querystring: listQuery,
        response: { 200: z.object({ runs: z.array(runView), nextCursor: z.string().nullable() }) },
      },
    },
    async (request) => {
      const { ruleId, status, backfillId, limit, cursor: offset = 0 } = request.query;
      const kind = request.query.kind ?? (backfillId === undefined ? 'sync' : 'backfill_chunk');
      const runs = await ctx.store.listRuns({
        userId: callerId(request),
        ...(ruleId === undefined ? {} : { ruleId }),
        ...(status === undefined ? {} : { status }),
        ...(backfillId === undefined ? {} : { backfillId }),
        ...(kind === 'all' ? {} : { kind }),
        limit,
        offset,
      });
      return {
        runs: runs.map(toRunView),
        nextCursor: runs.length === limit ? encodeCursor(offset + limit) : null,
      };
    },
  );

  app.get(
    '/v1/runs/:id',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['runs'],
        params: idParams,
        response: { 200: z.object({ run: runView.extend({ items: z.array(runItemView) }) }) },
      },
    },
    async (request) => {
      const userId = callerId(request);
      const run = await ctx.store.getRun(request.params.id, userId);
      if (run === null) throw new NotFoundError('run', request.params.id);
      const items = await ctx.store.listRunItems(run.id, userId);
      return { run: { ...toRunView(run), items: items.map(toRunItemView) } };
    },
  );
}
