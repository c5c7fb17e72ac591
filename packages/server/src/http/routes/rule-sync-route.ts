import { z } from 'zod';
import { NotFoundError, SyncWellError } from '@syncwell/core';
import { RunDispatcher } from '../../scheduler/run-dispatcher.js';
import { apiErrorBody } from '../api-error-body.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { runView, toRunView } from '../views/run-view.js';
import { idParams } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';

/**
 * Manual sync. The run row is written first and the job carries ids only (DESIGN §4, §6.1).
 * If the enqueue fails the run stays `queued` and the start-up sweep enqueues it again, so the
 * request still answers 202: the store, not the queue, holds the promise.
 *
 * Runs coalesce (issue 8 §4): while the rule has a queued or running live run, the request
 * answers that run instead of making a second one that would read nothing; the store's partial
 * unique index makes this hold for concurrent requests too.
 */
export function registerRuleSyncRoute(app: ZodApp, ctx: RouteContext): void {
  app.post(
    '/v1/rules/:id/sync',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['rules'],
        summary: 'Sync the rule now',
        description:
          "202 with the run that will move the data: a new manual run (jumps the queue), or the rule's queued or running run when it has one (the same id for every request until it ends; backfill chunk runs do not count).",
        params: idParams,
        response: {
          202: z
            .object({ run: runView })
            .describe("The run that will move the data: new, or the rule's queued or running one."),
          409: apiErrorBody.describe(
            'SW_RULE_DISABLED (enable the rule first) or SW_CONNECTION_NOT_READY (a connection needs the user).',
          ),
        },
      },
    },
    async (request, reply) => {
      const userId = callerId(request);
      // One statement on PostgreSQL: the rule is the caller's, both connections active, the run opened.
      const opening = await ctx.store.openRunChecked({
        ruleId: request.params.id,
        userId,
        trigger: 'manual',
      });
      if (opening.kind === 'rule_not_found') throw new NotFoundError('rule', request.params.id);
      if (opening.kind === 'rule_disabled') {
        throw new SyncWellError('SW_RULE_DISABLED', undefined, { ruleId: request.params.id });
      }
      if (opening.kind === 'connection_not_ready') {
        throw new SyncWellError('SW_CONNECTION_NOT_READY', undefined, { connectionId: opening.connectionId });
      }
      const { run, created } = opening;
      if (created) {
        try {
          await new RunDispatcher(ctx.store, ctx.queue).enqueue(run);
        } catch (error) {
          request.log.error({ err: error, runId: run.id }, 'enqueue failed; the sweep will pick the run up');
        }
      }
      return reply.status(202).send({ run: toRunView(run) });
    },
  );
}
