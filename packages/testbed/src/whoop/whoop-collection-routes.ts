import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireGrant } from './whoop-auth.js';
import { sendWhoopError, type WhoopErrorBodyFn } from './whoop-error-body.js';
import type { WhoopKind, WhoopRecord, WhoopState } from './whoop-state.js';

export const API_PREFIX = '/developer';
const MAX_LIMIT = 25;
const DEFAULT_LIMIT = 10;

export const COLLECTIONS: readonly { path: string; kind: WhoopKind; scope: string }[] = [
  { path: '/v2/activity/workout', kind: 'workout', scope: 'read:workout' },
  { path: '/v2/activity/sleep', kind: 'sleep', scope: 'read:sleep' },
  { path: '/v2/cycle', kind: 'cycle', scope: 'read:cycles' },
  { path: '/v2/recovery', kind: 'recovery', scope: 'read:recovery' },
];

const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
  start: z.iso.datetime({ offset: true }).optional(),
  end: z.iso.datetime({ offset: true }).optional(),
  nextToken: z.string().optional(),
});

/** Newest first by start, ties by key, as a total order the page token can resume from. */
const newestFirst = (a: WhoopRecord, b: WhoopRecord): number =>
  b.startMs - a.startMs || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);

const encodeToken = (r: WhoopRecord): string => Buffer.from(`${r.startMs}:${r.key}`).toString('base64url');

function decodeToken(token: string): { startMs: number; key: string } | undefined {
  const [start, ...rest] = Buffer.from(token, 'base64url').toString('utf8').split(':');
  const startMs = Number(start);
  return Number.isFinite(startMs) && rest.length > 0 ? { startMs, key: rest.join(':') } : undefined;
}

/**
 * The v2 collections: `limit` ≤ 25 (10 by default), `start` (inclusive) and `end` (exclusive)
 * on the record's start, newest first, `nextToken` (query) ↔ `next_token` (body).
 */
export function registerWhoopCollectionRoutes(
  app: FastifyInstance,
  state: WhoopState,
  errorBody: WhoopErrorBodyFn,
): void {
  for (const { path, kind, scope } of COLLECTIONS) {
    app.get(API_PREFIX + path, async (request, reply) => {
      const grant = requireGrant(state, errorBody, request, reply, scope);
      if (grant === undefined) return reply;
      const query = pageQuery.safeParse(request.query);
      if (!query.success) return sendWhoopError(reply, errorBody, 400, 'Invalid paging parameters');
      const { limit, start, end, nextToken } = query.data;
      const after = nextToken === undefined ? undefined : decodeToken(nextToken);
      if (nextToken !== undefined && after === undefined)
        return sendWhoopError(reply, errorBody, 400, 'Invalid nextToken');
      const fromMs = start === undefined ? -Infinity : Date.parse(start);
      const toMs = end === undefined ? Infinity : Date.parse(end);
      const matching = [...state.records.values()]
        .filter(
          (r) => r.kind === kind && r.userId === grant.userId && r.startMs >= fromMs && r.startMs < toMs,
        )
        .sort(newestFirst)
        .filter(
          (r) =>
            after === undefined ||
            r.startMs < after.startMs ||
            (r.startMs === after.startMs && r.key < after.key),
        );
      const page = matching.slice(0, limit);
      const last = page[page.length - 1];
      return reply.send({
        records: page.map((r) => r.json),
        next_token: matching.length > limit && last !== undefined ? encodeToken(last) : null,
      });
    });
  }
}
