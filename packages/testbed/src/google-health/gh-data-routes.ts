import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendGoogleError } from './gh-error-body.js';
import { MAX_PAGE_SIZE, decodePageToken, encodePageToken, parseTimeFilter } from './gh-list-filter.js';
import { SIM_DATA_TYPES, type GoogleHealthState, type SimDataType } from './gh-state.js';

/** The user behind the request's bearer token, or a 401 UNAUTHENTICATED answer. */
export function requireUser(
  state: GoogleHealthState,
  request: FastifyRequest,
  reply: FastifyReply,
): string | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const userId = token === undefined ? undefined : state.userOfToken(token);
  if (userId === undefined) {
    void sendGoogleError(
      reply,
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    );
  }
  return userId;
}

const isSimType = (type: string): type is SimDataType => (SIM_DATA_TYPES as readonly string[]).includes(type);

/**
 * health.googleapis.com: `identity` and the `dataPoints` list of each stored type, filtered on
 * the type's time field, sorted by it, paged with `pageSize` / `pageToken` / `nextPageToken`.
 * An empty last page is `{}`: Google omits empty fields.
 */
export function registerGoogleDataRoutes(app: FastifyInstance, state: GoogleHealthState): void {
  app.get('/v4/users/me/identity', async (request, reply) => {
    const userId = requireUser(state, request, reply);
    if (userId === undefined) return reply;
    return reply.send({ name: 'users/me/identity', healthUserId: userId });
  });

  app.get<{ Params: { type: string }; Querystring: Record<string, string | undefined> }>(
    '/v4/users/me/dataTypes/:type/dataPoints',
    async (request, reply) => {
      const userId = requireUser(state, request, reply);
      if (userId === undefined) return reply;
      const { type } = request.params;
      if (!isSimType(type)) return sendGoogleError(reply, 404, `Data type ${type} not found.`);
      const filter = request.query.filter ?? '';
      const predicate = parseTimeFilter(type, filter);
      if (typeof predicate === 'string') return sendGoogleError(reply, 400, predicate);
      const requested = Number(request.query.pageSize ?? MAX_PAGE_SIZE[type]);
      if (!Number.isInteger(requested) || requested < 0)
        return sendGoogleError(reply, 400, 'Invalid pageSize.');
      const pageSize = Math.min(requested === 0 ? MAX_PAGE_SIZE[type] : requested, state.pageSizeCap(type));
      const token = request.query.pageToken;
      const offset = token === undefined || token === '' ? 0 : decodePageToken(token, filter);
      if (offset === undefined) return sendGoogleError(reply, 400, 'Invalid page token.');
      const points = (state.users.get(userId)?.points[type] ?? [])
        .filter((p) => predicate(p.keyTimeMs))
        .sort((a, b) => a.keyTimeMs - b.keyTimeMs);
      const page = points
        .slice(offset, offset + pageSize)
        .map((p) => (state.faults.corrupts('items', p.id) ? corrupt(p.json, type) : p.json));
      const more = offset + pageSize < points.length;
      return reply.send({
        ...(page.length === 0 ? {} : { dataPoints: page }),
        ...(more ? { nextPageToken: encodePageToken(offset + pageSize, filter) } : {}),
      });
    },
  );
}

/** Keeps the point's `name` and breaks its time, which every type requires. */
function corrupt(json: Record<string, unknown>, type: SimDataType): Record<string, unknown> {
  const key = type === 'heart-rate' ? 'heartRate' : type === 'body-fat' ? 'bodyFat' : type;
  return { ...json, [key]: { interval: null, sampleTime: 42 } };
}
