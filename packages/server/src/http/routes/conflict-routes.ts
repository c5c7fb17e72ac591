import { z } from 'zod';
import {
  CONFLICT_CHOICES,
  CONFLICT_STATUSES,
  DATA_TYPES,
  NotFoundError,
  SyncWellError,
  type ConflictDescriptor,
} from '@syncwell/core';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { idParams, resourceId } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';
import { readConflictVersions } from '../conflicts/conflict-versions.js';

/** A descriptor: ids, a time slot and the state of the user's choice, never a health value. */
const conflictView = z.object({
  id: z.string(),
  ruleId: z.string(),
  dataType: z.enum(DATA_TYPES),
  range: z.object({ from: z.string(), to: z.string() }),
  sourceExternalId: z.string(),
  destinationId: z.string(),
  code: z.string(),
  status: z.enum(CONFLICT_STATUSES),
  resolution: z.enum(CONFLICT_CHOICES).nullable(),
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  appliedAt: z.string().nullable(),
});

const conflictVersion = z.object({
  provider: z.string(),
  unavailableCode: z.string().nullable(),
  fields: z.array(
    z.object({ key: z.string(), value: z.union([z.string(), z.number()]), unit: z.string().nullable() }),
  ),
});
const fieldOrigin = z.enum(['source', 'destination', 'merge']);
const mergeSuggestion = z
  .object({
    fields: z.record(z.string(), fieldOrigin).describe('Where each field of the suggested record comes from'),
    preferred: fieldOrigin.describe('The side a sync can keep as is; `merge` when the record must be joined'),
    confidence: z.number().min(0).max(1),
    advisor: z.string().describe("The model's version, or `rules` for the deterministic fallback"),
  })
  .describe('The AI Insights suggestion shown beside both versions');
/** Read live from both providers for this answer only; null when a connection of the rule is gone. */
const conflictVersions = z
  .object({
    source: conflictVersion,
    destination: conflictVersion,
    suggestion: mergeSuggestion.nullable().describe('Null when a side could not be read'),
    suggestedBy: z
      .enum(['service', 'fallback'])
      .nullable()
      .describe('`service`: the insights service answered; `fallback`: it was slow, down or absent'),
  })
  .nullable()
  .describe('Both records, read just now from the two providers (never stored), and a merge suggestion');

const listQuery = z.strictObject({
  status: z.enum(CONFLICT_STATUSES).optional(),
  ruleId: resourceId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

function toView(row: ConflictDescriptor): z.infer<typeof conflictView> {
  return {
    id: row.id,
    ruleId: row.ruleId,
    dataType: row.dataType,
    range: { from: row.range.from.toISOString(), to: row.range.to.toISOString() },
    sourceExternalId: row.sourceExternalId,
    destinationId: row.destinationId,
    code: row.code,
    status: row.status,
    resolution: row.resolution,
    detectedAt: row.detectedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    appliedAt: row.appliedAt?.toISOString() ?? null,
  };
}

/**
 * Conflicts (DESIGN §5, §10): the caller's own only (§6.4). Resolving records the choice; the
 * next run of the rule applies it (writes the source's record, or keeps the destination's),
 * then the conflict reads `applied`. "source" and "both" both write the source's record:
 * SyncWell never deletes at a destination, so for a workout "source" leaves the old activity
 * for the user to remove, and for a day record the destination keeps one per day either way.
 */
export function registerConflictRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/v1/conflicts',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['conflicts'],
        querystring: listQuery,
        response: { 200: z.object({ conflicts: z.array(conflictView) }) },
      },
    },
    async (request) => {
      const { status, ruleId, limit } = request.query;
      const rows = await ctx.store.listConflicts({
        userId: callerId(request),
        limit,
        ...(status === undefined ? {} : { status }),
        ...(ruleId === undefined ? {} : { ruleId }),
      });
      return { conflicts: rows.map(toView) };
    },
  );

  app.get(
    '/v1/conflicts/:id',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['conflicts'],
        params: idParams,
        response: { 200: z.object({ conflict: conflictView.extend({ versions: conflictVersions }) }) },
      },
    },
    async (request) => {
      const userId = callerId(request);
      const row = await ctx.store.getConflict(request.params.id, userId);
      if (row === null) throw new NotFoundError('conflict', request.params.id);
      return { conflict: { ...toView(row), versions: await readConflictVersions(ctx, row, userId) } };
    },
  );

  app.post(
    '/v1/conflicts/:id/resolve',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['conflicts'],
        params: idParams,
        body: z.strictObject({ choice: z.enum(CONFLICT_CHOICES) }),
        response: { 200: z.object({ conflict: conflictView }) },
      },
    },
    async (request) => {
      const { choice } = request.body;
      const row = await ctx.store.resolveConflict(request.params.id, callerId(request), choice);
      if (row === null) throw new NotFoundError('conflict', request.params.id);
      // Asking again for what was applied is harmless; changing it is not possible any more.
      if (row.status === 'applied' && row.resolution !== choice) {
        throw new SyncWellError('SW_CONFLICT_ALREADY_APPLIED', undefined, { id: row.id });
      }
      return { conflict: toView(row) };
    },
  );
}
