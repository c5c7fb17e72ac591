import { z } from 'zod';
import { dataType, NotFoundError } from '@syncwell/core';
import { enqueueChunks } from '../../backfill/backfill-chunk-job.js';
import { CONFLICT_STRATEGIES } from '../../store/port.js';
import { apiErrorBody } from '../api-error-body.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { checkRuleEnds } from '../rule-compatibility.js';
import { refuseDuplicateRule } from '../rule-duplicates.js';
import { ruleView, toRuleView } from '../views/rule-view.js';
import { idParams, resourceId } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';

const dataTypes = z
  .array(dataType)
  .min(1)
  .refine((types) => new Set(types).size === types.length, { error: 'Data types must not repeat' });
const intervalMinutes = z.number().int().min(15).max(1440);
const conflictStrategy = z.enum(CONFLICT_STRATEGIES);

const createRuleBody = z.strictObject({
  sourceConnectionId: resourceId,
  destinationConnectionId: resourceId,
  dataTypes,
  conflictStrategy: conflictStrategy.default('source_wins'),
  intervalMinutes: intervalMinutes.default(60),
  enabled: z.boolean().default(true),
});
const patchRuleBody = z.strictObject({
  dataTypes: dataTypes.optional(),
  conflictStrategy: conflictStrategy.optional(),
  intervalMinutes: intervalMinutes.optional(),
  enabled: z
    .boolean()
    .optional()
    .describe(
      "false: no scheduled syncs, and the rule's backfill pauses (status `paused`); true: schedules again and resumes a paused backfill where it stopped.",
    ),
});
const ruleBody = z.object({ rule: ruleView });

/**
 * A rule's first scheduled sync comes this long after it is created or enabled, not at once:
 * a user who creates a rule and presses "sync now" gets that manual run moving the data, not a
 * scheduled run that raced it (issue 8 §4). Short against any interval (15 min at least).
 */
export const FIRST_SCHEDULED_SYNC_DELAY_MS = 2 * 60_000;

const firstSlot = (ctx: RouteContext) => new Date(ctx.now().getTime() + FIRST_SCHEDULED_SYNC_DELAY_MS);

export function registerRuleRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/v1/rules',
    {
      onRequest: ctx.requireUser,
      schema: { tags: ['rules'], response: { 200: z.object({ rules: z.array(ruleView) }) } },
    },
    async (request) => ({ rules: (await ctx.store.listRulesByUser(callerId(request))).map(toRuleView) }),
  );

  app.post(
    '/v1/rules',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['rules'],
        body: createRuleBody,
        response: { 201: ruleBody, 409: apiErrorBody, 422: apiErrorBody },
      },
    },
    async (request, reply) => {
      const userId = callerId(request);
      await checkRuleEnds(ctx, userId, request.body);
      await refuseDuplicateRule(ctx.store, userId, request.body);
      const rule = await ctx.store.createRule({
        userId,
        ...request.body,
        // Due soon, not a whole interval later (time to first sync), nor at once (see above).
        nextRunAt: request.body.enabled ? firstSlot(ctx) : null,
      });
      return reply.status(201).send({ rule: toRuleView(rule) });
    },
  );

  app.get(
    '/v1/rules/:id',
    {
      onRequest: ctx.requireUser,
      schema: { tags: ['rules'], params: idParams, response: { 200: ruleBody } },
    },
    async (request) => {
      const rule = await ctx.store.getRule(request.params.id, callerId(request));
      if (rule === null) throw new NotFoundError('rule', request.params.id);
      return { rule: toRuleView(rule) };
    },
  );

  app.patch(
    '/v1/rules/:id',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['rules'],
        params: idParams,
        body: patchRuleBody,
        response: { 200: ruleBody, 409: apiErrorBody, 422: apiErrorBody },
      },
    },
    async (request) => {
      const userId = callerId(request);
      const current = await ctx.store.getRule(request.params.id, userId);
      if (current === null) throw new NotFoundError('rule', request.params.id);
      const {
        dataTypes: newTypes,
        conflictStrategy: newStrategy,
        intervalMinutes: newInterval,
        enabled,
      } = request.body;
      if (newTypes !== undefined) {
        await checkRuleEnds(ctx, userId, { ...current, dataTypes: newTypes });
        await refuseDuplicateRule(ctx.store, userId, { ...current, dataTypes: newTypes }, current.id);
      }
      const schedule =
        enabled === false
          ? { nextRunAt: null }
          : enabled === true && !current.enabled
            ? { nextRunAt: firstSlot(ctx) }
            : {};
      const updated = await ctx.store.updateRule(current.id, userId, {
        ...(newTypes === undefined ? {} : { dataTypes: newTypes }),
        ...(newStrategy === undefined ? {} : { conflictStrategy: newStrategy }),
        ...(newInterval === undefined ? {} : { intervalMinutes: newInterval }),
        ...(enabled === undefined ? {} : { enabled }),
        ...schedule,
      });
      if (updated === null) throw new NotFoundError('rule', request.params.id);
      // A disabled rule's backfill pauses (no chunk starts; one being read stops at its next
      // page); enabling resumes it where it stopped. Both are idempotent.
      if (enabled === false) await ctx.store.pauseBackfills(updated.id);
      if (enabled === true) {
        const runs = await ctx.store.resumeBackfills(updated.id);
        await enqueueChunks(ctx.queue, runs, (error, run) =>
          request.log.error({ err: error, runId: run.id }, 'enqueue failed; the sweep will pick the run up'),
        );
      }
      return { rule: toRuleView(updated) };
    },
  );

  app.delete(
    '/v1/rules/:id',
    {
      onRequest: ctx.requireUser,
      schema: { tags: ['rules'], params: idParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      if (!(await ctx.store.deleteRule(request.params.id, callerId(request)))) {
        throw new NotFoundError('rule', request.params.id);
      }
      return reply.status(204).send();
    },
  );
}
