import { z } from 'zod';
import { NotFoundError, SyncWellError } from '@syncwell/core';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { startBackfill } from '../../backfill/backfill-starter.js';
import {
  backfillChunkView,
  backfillView,
  toBackfillChunkView,
  toBackfillView,
} from '../../backfill/backfill-view.js';
import { apiErrorBody } from '../api-error-body.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { idParams } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';

/** A calendar date (midnight UTC) or an instant with its offset. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).transform((text) => new Date(text));

const backfillBody = z
  .strictObject({
    from: instant
      .optional()
      .describe(
        "Oldest instant to read (inclusive). Default: the source provider's backfill window, else 365 days. Older than the provider serves, or more than the most chunks allowed: clamped, and `clamped` says so.",
      ),
    to: instant.optional().describe('Newest instant to read (exclusive). Default and latest: now.'),
  })
  .refine((b) => b.from === undefined || b.to === undefined || b.from < b.to, {
    message: '`from` must be before `to`',
  });

const backfillBodyOut = z.object({ backfill: backfillView });

/**
 * Historical backfill (DESIGN §4, §10). Another user's backfill or rule is a 404.
 */
export function registerBackfillRoutes(app: ZodApp, ctx: RouteContext): void {
  app.post(
    '/v1/rules/:id/backfill',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['rules'],
        summary: 'Start a backfill of the rule, or get the one it has',
        description:
          'A rule has at most one running or paused backfill. 202: a new backfill was planned (its chunks and first run are stored; chunk jobs carry ids only). 200: the rule already had one, which is returned unchanged whatever window was asked (also when two requests race: one backfill is made). A disabled rule gets a `paused` backfill that starts when the rule is enabled.',
        params: idParams,
        body: backfillBody.optional(),
        response: {
          200: backfillBodyOut.describe(
            'The rule already has a running or paused backfill: that one, unchanged.',
          ),
          202: backfillBodyOut.describe(
            'A new backfill, planned and started (or paused: the rule is disabled).',
          ),
        },
      },
    },
    async (request, reply) => {
      const { backfill, created } = await startBackfill(
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
      return reply.status(created ? 202 : 200).send({ backfill: toBackfillView(backfill) });
    },
  );

  app.get(
    '/v1/backfills/:id',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['backfills'],
        summary: 'Progress of a backfill',
        description:
          'Chunks by state, records written/skipped/failed, days covered, and why it ended other than cleanly. Its chunk runs: GET /v1/runs?backfillId={id}.',
        params: idParams,
        response: { 200: backfillView },
      },
    },
    async (request) => {
      const backfill = await ctx.store.getBackfill(request.params.id, callerId(request));
      if (backfill === null) throw new NotFoundError('backfill', request.params.id);
      return toBackfillView(backfill);
    },
  );

  app.get(
    '/v1/backfills/:id/chunks',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['backfills'],
        summary: "A backfill's chunks, in run order",
        description: 'Each chunk with its window, state, current run, record counts and reason.',
        params: idParams,
        response: { 200: z.object({ chunks: z.array(backfillChunkView) }) },
      },
    },
    async (request) => {
      const userId = callerId(request);
      if ((await ctx.store.getBackfill(request.params.id, userId)) === null) {
        throw new NotFoundError('backfill', request.params.id);
      }
      const chunks = await ctx.store.listBackfillChunks(request.params.id, userId);
      return { chunks: chunks.map(toBackfillChunkView) };
    },
  );

  app.post(
    '/v1/backfills/:id/cancel',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['backfills'],
        summary: 'Cancel a backfill',
        description:
          'Stops a running or paused backfill at once: no chunk starts any more, chunks not yet read end `cancelled`, and a chunk being read stops at its next page (what it committed stays). Answers 200 with the backfill, now `cancelled`, saying how far it got (chunks, records, days). Cancelling a cancelled backfill answers the same 200; one that already ended otherwise is 409 SW_CONFLICT.',
        params: idParams,
        response: {
          200: backfillBodyOut.describe('The backfill, cancelled, with how far it got.'),
          409: apiErrorBody.describe('SW_CONFLICT: it had already ended succeeded, partial or failed.'),
        },
      },
    },
    async (request) => {
      const result = await ctx.store.cancelBackfill(request.params.id, callerId(request));
      if (result === null) throw new NotFoundError('backfill', request.params.id);
      const { backfill, changed } = result;
      if (!changed && backfill.status !== 'cancelled') {
        throw new SyncWellError('SW_CONFLICT', `The backfill already ended ${backfill.status}`, {
          backfillId: backfill.id,
          status: backfill.status,
        });
      }
      return { backfill: toBackfillView(backfill) };
    },
  );
}
