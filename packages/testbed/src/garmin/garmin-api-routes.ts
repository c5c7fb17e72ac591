import type { FastifyInstance } from 'fastify';
import { encodeWorkoutFit } from '@syncwell/providers';
import { deliverLifecycle, summaryJson } from './garmin-delivery.js';
import { sendGarminError } from './garmin-error-body.js';
import type { GarminState } from './garmin-state.js';
import { registerGarminBackfillRoute } from './garmin-backfill-route.js';
import { GARMIN_SUMMARY_TYPES, MAX_PULL_WINDOW_S, requireUser } from './garmin-auth.js';

/**
 * The wellness API: user id, permissions, deregistration (also under `/partner-gateway`),
 * upload-time pulls of at most 24 h, activity file downloads, and backfill requests.
 */
export function registerGarminApiRoutes(app: FastifyInstance, state: GarminState): void {
  for (const prefix of ['/wellness-api/rest', '/partner-gateway/rest']) {
    app.get(`${prefix}/user/id`, async (request, reply) => {
      const userId = requireUser(state, request, reply);
      return userId === undefined ? reply : reply.send({ userId });
    });
    app.delete(`${prefix}/user/registration`, async (request, reply) => {
      const userId = requireUser(state, request, reply);
      if (userId === undefined) return reply;
      state.user(userId).registered = false;
      state.dropTokensOf(userId);
      await deliverLifecycle(state, 'deregistrations', { userId });
      return reply.code(204).send();
    });
  }
  app.get('/wellness-api/rest/user/permissions', async (request, reply) => {
    const userId = requireUser(state, request, reply);
    return userId === undefined ? reply : reply.send({ permissions: [...state.user(userId).permissions] });
  });

  app.get<{ Querystring: { id?: string } }>('/wellness-api/rest/activityFile', async (request, reply) => {
    const userId = requireUser(state, request, reply);
    if (userId === undefined) return reply;
    const file = state.summaries.find((s) => s.fileId === request.query.id && s.userId === userId);
    const workout = file?.fileId === undefined ? undefined : state.files.get(file.fileId);
    if (workout === undefined) return sendGarminError(reply, 404, 'Activity file not found');
    return reply.type('application/octet-stream').send(Buffer.from(encodeWorkoutFit(workout).data));
  });

  app.get<{ Params: { summaryType: string }; Querystring: Record<string, string | undefined> }>(
    '/wellness-api/rest/:summaryType',
    async (request, reply) => {
      const userId = requireUser(state, request, reply);
      if (userId === undefined) return reply;
      const { summaryType } = request.params;
      if (!(GARMIN_SUMMARY_TYPES as readonly string[]).includes(summaryType))
        return sendGarminError(reply, 404, 'Unknown summary type');
      const from = Number(request.query.uploadStartTimeInSeconds);
      const to = Number(request.query.uploadEndTimeInSeconds);
      if (!Number.isInteger(from) || !Number.isInteger(to) || to <= from)
        return sendGarminError(
          reply,
          400,
          'uploadStartTimeInSeconds and uploadEndTimeInSeconds are required',
        );
      if (to - from > MAX_PULL_WINDOW_S)
        return sendGarminError(reply, 400, 'Time range exceeds 86400 seconds');
      const found = state.summaries.filter(
        (s) => s.type === summaryType && s.userId === userId && s.uploadS >= from && s.uploadS < to,
      );
      return reply.send(found.map((s) => summaryJson(state, s)));
    },
  );
  registerGarminBackfillRoute(app, state);
}
