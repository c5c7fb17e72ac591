import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireUser } from './polar-auth.js';
import { sendPolarError } from './polar-error-body.js';
import type { PolarState } from './polar-state.js';

const registerBody = z.object({ 'member-id': z.string().min(1) });

/**
 * AccessLink user registration: mandatory after OAuth before any data call; 409 when the user
 * is already registered. Deregistration also ends the app's access (the token dies).
 */
export function registerPolarUserRoutes(app: FastifyInstance, state: PolarState): void {
  const userJson = (athleteId: number): Record<string, unknown> => {
    const athlete = state.athletes.get(athleteId);
    const registration = state.registrations.get(athleteId);
    return {
      'polar-user-id': athleteId,
      'member-id': registration?.memberId,
      'registration-date': registration?.registeredAt,
      'first-name': athlete?.synthetic.firstName,
      'last-name': athlete?.synthetic.lastName,
      weight: athlete?.synthetic.weightKg,
      'extra-info': [],
    };
  };

  app.post('/v3/users', async (request, reply) => {
    const athleteId = requireUser(state, request, reply);
    if (athleteId === undefined) return reply;
    const body = registerBody.safeParse(request.body);
    if (!body.success) return sendPolarError(reply, 400, 'bad_request', 'member-id is required');
    if (state.registrations.has(athleteId)) {
      return sendPolarError(reply, 409, 'conflict', 'User already registered to partner');
    }
    state.registrations.set(athleteId, {
      memberId: body.data['member-id'],
      registeredAt: new Date(state.config.nowMs()).toISOString(),
    });
    return reply.code(200).send(userJson(athleteId));
  });

  app.get<{ Params: { userId: string } }>('/v3/users/:userId', async (request, reply) => {
    const athleteId = requireUser(state, request, reply);
    if (athleteId === undefined) return reply;
    if (Number(request.params.userId) !== athleteId)
      return sendPolarError(reply, 403, 'forbidden', 'Not your user');
    if (!state.registrations.has(athleteId))
      return sendPolarError(reply, 404, 'not_found', 'User not registered');
    return reply.send(userJson(athleteId));
  });

  app.delete<{ Params: { userId: string } }>('/v3/users/:userId', async (request, reply) => {
    const athleteId = requireUser(state, request, reply);
    if (athleteId === undefined) return reply;
    if (Number(request.params.userId) !== athleteId)
      return sendPolarError(reply, 403, 'forbidden', 'Not your user');
    if (!state.registrations.delete(athleteId))
      return sendPolarError(reply, 404, 'not_found', 'User not registered');
    for (const [token, owner] of state.tokens) if (owner === athleteId) state.tokens.delete(token);
    return reply.code(204).send();
  });
}
