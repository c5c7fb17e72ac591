import { z } from 'zod';
import { NotFoundError } from '@syncwell/core';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { startBackfill } from '../../backfill/backfill-starter.js';
import { backfillView, toBackfillView } from '../../backfill/backfill-view.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { idParams } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';

/** A calendar date (midnight UTC) or an instant with its offset. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((text) => new Date(text));

const backfillBody = z
  .strictObject({ from: instant.optional(), to: instant.optional() })
  .refine((b) => b.from === undefined || b.to === undefined || b.from < b.to, {
    message: '`from` must be before `to`',
  });

/**
 * Historical backfill (DESIGN §4, §10). POST answers 202 with the backfill once its chunks and
 * first run are stored; the chunk jobs carry ids only. Another user's backfill is a 404.
 */
export function registerBackfillRoutes(app: ZodApp, ctx: RouteContext): void {
  app.post(
    '/v1/rules/:id/backfill',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['rules'],
        params: idParams,
        body: backfillBody.optional(),
        response: { 202: z.object({ backfill: backfillView }) },
      },
    },
    async (request, reply) => {
      const backfill = await startBackfill(
        {
          store: ctx.store,
          queue: ctx.queue,
          // Configured or not, a provider's facts are known: the window cap does not need credentials.
          factsOf: (provider) =>
            ctx.providers.get(provider)?.data.facts ?? PROVIDER_MODULES.get(provider)?.facts,
          now: ctx.now,
          onEnqueueError: (error, runId) =>
            request.log.error({ err: error, runId }, 'enqueue failed; the sweep will pick the run up'),
        },
        {
          ruleId: request.params.id,
          userId: callerId(request),
          ...(request.body?.from === undefined ? {} : { from: request.body.from }),
          ...(request.body?.to === undefined ? {} : { to: request.body.to }),
        },
      );
      return reply.status(202).send({ backfill: toBackfillView(backfill) });
    },
  );

  app.get(
    '/v1/backfills/:id',
    {
      onRequest: ctx.requireUser,
      schema: { tags: ['backfills'], params: idParams, response: { 200: backfillView } },
    },
    async (request) => {
      const backfill = await ctx.store.getBackfill(request.params.id, callerId(request));
      if (backfill === null) throw new NotFoundError('backfill', request.params.id);
      return toBackfillView(backfill);
    },
  );
}
