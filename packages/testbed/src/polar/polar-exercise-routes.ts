import type { FastifyInstance } from 'fastify';
import { encodeWorkoutFit } from '@syncwell/providers';
import { requireDataAccess } from './polar-auth.js';
import { sendPolarError } from './polar-error-body.js';
import { exerciseJson } from './polar-exercise-json.js';
import type { PolarState } from './polar-state.js';

// `/v3/exercises` has no date filter and returns recent data only; 30 days is our choice ([U]).
const RECENT_MS = 30 * 24 * 60 * 60_000;

interface ExerciseParams {
  Params: { exerciseId: string };
  Querystring: { samples?: string; zones?: string; route?: string };
}

/**
 * The non-transactional exercise endpoints: list, one exercise, and its FIT file. Reading here
 * does not commit anything: pull notifications and transactions keep offering the data.
 */
export function registerPolarExerciseRoutes(app: FastifyInstance, state: PolarState): void {
  app.get('/v3/exercises', async (request, reply) => {
    const athleteId = requireDataAccess(state, request, reply);
    if (athleteId === undefined) return reply;
    const since = state.config.nowMs() - RECENT_MS;
    const recent = state.exercisesOf(athleteId).filter((e) => Date.parse(e.uploadTime) >= since);
    return reply.send(recent.map((e) => exerciseJson(e, state.apiUrl)));
  });

  app.get<ExerciseParams>('/v3/exercises/:exerciseId', async (request, reply) => {
    const athleteId = requireDataAccess(state, request, reply);
    if (athleteId === undefined) return reply;
    const exercise = state.exercises.get(request.params.exerciseId);
    if (exercise?.athleteId !== athleteId)
      return sendPolarError(reply, 404, 'not_found', 'Exercise not found');
    const { samples, route } = request.query;
    return reply.send(
      exerciseJson(exercise, state.apiUrl, { samples: samples === 'true', route: route === 'true' }),
    );
  });

  app.get<ExerciseParams>('/v3/exercises/:exerciseId/fit', async (request, reply) => {
    const athleteId = requireDataAccess(state, request, reply);
    if (athleteId === undefined) return reply;
    const exercise = state.exercises.get(request.params.exerciseId);
    if (exercise?.athleteId !== athleteId)
      return sendPolarError(reply, 404, 'not_found', 'Exercise not found');
    return reply.type('application/octet-stream').send(Buffer.from(encodeWorkoutFit(exercise.workout).data));
  });
}
