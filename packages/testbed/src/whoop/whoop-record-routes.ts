import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireGrant } from './whoop-auth.js';
import { sendWhoopError, type WhoopErrorBodyFn } from './whoop-error-body.js';
import { API_PREFIX } from './whoop-collection-routes.js';
import type { WhoopKind, WhoopState } from './whoop-state.js';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** Single records by id, the cycle's recovery and sleep, the profile, body data and revoke. */
export function registerWhoopRecordRoutes(
  app: FastifyInstance,
  state: WhoopState,
  errorBody: WhoopErrorBodyFn,
): void {
  const one =
    (kind: WhoopKind, scope: string, keyOf: (request: IdRequest) => string | undefined) =>
    async (request: IdRequest, reply: FastifyReply) => {
      const grant = requireGrant(state, errorBody, request, reply, scope);
      if (grant === undefined) return reply;
      const key = keyOf(request);
      const record = key === undefined ? undefined : state.get(kind, key);
      if (record?.userId !== grant.userId) return sendWhoopError(reply, errorBody, 404, 'No resource found');
      return reply.send(record.json);
    };
  const byId = (request: IdRequest): string => request.params.id;
  app.get(`${API_PREFIX}/v2/activity/workout/:id`, one('workout', 'read:workout', byId));
  app.get(`${API_PREFIX}/v2/activity/sleep/:id`, one('sleep', 'read:sleep', byId));
  app.get(`${API_PREFIX}/v2/cycle/:id`, one('cycle', 'read:cycles', byId));
  app.get(`${API_PREFIX}/v2/cycle/:id/recovery`, one('recovery', 'read:recovery', byId));
  app.get(
    `${API_PREFIX}/v2/cycle/:id/sleep`,
    one('sleep', 'read:sleep', (request) => {
      const sleepId = state.get('recovery', request.params.id)?.json.sleep_id;
      return typeof sleepId === 'string' ? sleepId : undefined;
    }),
  );

  app.get(`${API_PREFIX}/v2/user/profile/basic`, async (request, reply) => {
    const grant = requireGrant(state, errorBody, request, reply, 'read:profile');
    if (grant === undefined) return reply;
    const user = state.users.get(grant.userId);
    return reply.send({
      user_id: grant.userId,
      email: user?.email,
      first_name: user?.synthetic.firstName,
      last_name: user?.synthetic.lastName,
    });
  });

  // Current values only: WHOOP keeps no history of body measurements.
  app.get(`${API_PREFIX}/v2/user/measurement/body`, async (request, reply) => {
    const grant = requireGrant(state, errorBody, request, reply, 'read:body_measurement');
    if (grant === undefined) return reply;
    const synthetic = state.users.get(grant.userId)?.synthetic;
    return reply.send({
      height_meter: 1.78,
      weight_kilogram: synthetic?.weightKg,
      max_heart_rate: synthetic?.maxHeartRate,
    });
  });

  app.delete(`${API_PREFIX}/v2/user/access`, async (request, reply) => {
    const grant = requireGrant(state, errorBody, request, reply, null);
    if (grant === undefined) return reply;
    state.revokeUser(grant.userId);
    return reply.code(204).send();
  });
}
