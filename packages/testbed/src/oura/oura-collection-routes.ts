import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireDataAccess } from './oura-auth.js';
import { corruptOuraItem, itemKey } from './oura-corrupt-item.js';
import { sendOuraError, sendOuraValidationError, type OuraValidationIssue } from './oura-error-body.js';
import { decodeNextToken, pageOf } from './oura-paging.js';
import {
  OURA_COLLECTIONS,
  type OuraCollection,
  type OuraDocument,
  type OuraState,
  type OuraUser,
} from './oura-state.js';

type Query = Readonly<Record<string, string | undefined>>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/v2/usercollection/{type}` (list, `next_token` paging), `/{type}/{id}` (one document, what a
 * webhook's `object_id` points at) and `personal_info`, plus the `/v2/sandbox/usercollection`
 * mirror serving a fixed sandbox user to any valid token. Documents filter on the local `day`
 * (`start_date`..`end_date`, both inclusive); heart rate on `start_datetime`..`end_datetime`.
 */
export function registerOuraCollectionRoutes(
  app: FastifyInstance,
  state: OuraState,
  sandbox: OuraUser,
): void {
  for (const [prefix, isSandbox] of [
    ['/v2/usercollection', false],
    ['/v2/sandbox/usercollection', true],
  ] as const) {
    const who = (user: OuraUser): OuraUser => (isSandbox ? sandbox : user);
    app.get(`${prefix}/personal_info`, async (request, reply) => {
      const user = requireDataAccess(state, request, reply, 'personal_info');
      if (user === undefined) return reply;
      const { id, synthetic } = who(user);
      return reply.send({
        id,
        age: 40,
        weight: synthetic.weightKg,
        height: 1.75,
        biological_sex: 'female',
        email: null,
      });
    });
    app.get<{ Params: { collection: string } }>(`${prefix}/:collection`, async (request, reply) => {
      const collection = knownCollection(request.params.collection, reply);
      if (collection === undefined) return reply;
      const user = requireDataAccess(state, request, reply, collection);
      if (user === undefined) return reply;
      return listCollection(state, request, reply, collection, who(user));
    });
    app.get<{ Params: { collection: string; id: string } }>(
      `${prefix}/:collection/:id`,
      async (request, reply) => {
        const collection = knownCollection(request.params.collection, reply);
        if (collection === undefined) return reply;
        const user = requireDataAccess(state, request, reply, collection);
        if (user === undefined) return reply;
        const doc = who(user).docs[collection].find((d) => d.id === request.params.id);
        return doc === undefined ? sendOuraError(reply, 404, 'Document not found') : reply.send(doc);
      },
    );
  }
}

function knownCollection(name: string, reply: FastifyReply): OuraCollection | undefined {
  if ((OURA_COLLECTIONS as readonly string[]).includes(name)) return name as OuraCollection;
  sendOuraError(reply, 404, 'Not Found');
  return undefined;
}

function listCollection(
  state: OuraState,
  request: FastifyRequest,
  reply: FastifyReply,
  collection: OuraCollection,
  user: OuraUser,
): FastifyReply {
  const query = request.query as Query;
  const isSeries = collection === 'heartrate';
  const [startName, endName] = isSeries ? ['start_datetime', 'end_datetime'] : ['start_date', 'end_date'];
  const issues: OuraValidationIssue[] = [];
  const bound = (name: string): number | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    const ms = Date.parse(isSeries ? value : `${value}T00:00:00Z`);
    if ((!isSeries && !DATE.test(value)) || Number.isNaN(ms)) {
      issues.push({
        loc: ['query', name],
        msg: `invalid ${isSeries ? 'datetime' : 'date'} format`,
        type: 'value_error',
      });
    }
    return ms;
  };
  const nowMs = state.config.nowMs();
  const end = bound(endName) ?? (isSeries ? nowMs : Date.parse(new Date(nowMs).toISOString().slice(0, 10)));
  const start = bound(startName) ?? end - 86_400_000;
  if (issues.length > 0) return sendOuraValidationError(reply, issues);
  if (start > end) return sendOuraError(reply, 400, `${startName} is after ${endName}`);
  const fingerprint = `${collection}|${String(start)}|${String(end)}`;
  const token = query.next_token;
  const offset = token === undefined ? 0 : decodeNextToken(token, fingerprint);
  if (offset === undefined) return sendOuraError(reply, 400, 'Invalid next_token');
  const inWindow = user.docs[collection].filter((doc) => {
    const at = isSeries ? Date.parse(String(doc.timestamp)) : Date.parse(`${String(doc.day)}T00:00:00Z`);
    return at >= start && at <= end;
  });
  const page = pageOf(inWindow, offset, state.config.pageSize(collection), fingerprint);
  const data = page.data.map((doc: OuraDocument) =>
    state.faults.corrupts('items', itemKey(collection, doc)) ? corruptOuraItem(collection, doc) : doc,
  );
  return reply.send({ data, next_token: page.next_token });
}
