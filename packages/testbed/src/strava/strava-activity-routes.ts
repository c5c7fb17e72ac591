import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StravaActivityRecord } from './strava-activity-model.js';
import { detailedActivityJson, summaryActivityJson } from './strava-activity-json.js';
import { StravaApiGuard } from './strava-api-guard.js';
import { summaryAthleteJson } from './strava-athletes.js';
import { faults } from './strava-fault.js';
import { streamSet } from './strava-streams.js';
import type { ResolvedToken } from './strava-token-store.js';
import type { StravaWorld } from './strava-world.js';
import { parseBooleanField, parseId, requestFields } from './request-fields.js';

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 200;

function parsePositiveInt(value: string | undefined, fallback: number): number | null {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) return null;
  return Number(value);
}

function parseEpoch(value: string | undefined): number | undefined | null {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** The activity if the caller may see it: their own, and "Only Me" ones only with read_all. */
function visibleActivity(
  world: StravaWorld,
  token: ResolvedToken,
  rawId: string,
): StravaActivityRecord | null {
  const id = parseId(rawId);
  const activity = id === null ? undefined : world.activities.get(id);
  if (activity === undefined || activity.athleteId !== token.athleteId) return null;
  if (activity.private && !StravaApiGuard.hasScope(token, 'activity:read_all')) return null;
  return activity;
}

export function registerStravaActivityRoutes(
  app: FastifyInstance,
  world: StravaWorld,
  guard: StravaApiGuard,
): void {
  const readable = (request: FastifyRequest, reply: FastifyReply): ResolvedToken | null => {
    const token = guard.athleteOf(request);
    if (StravaApiGuard.hasScope(token, 'activity:read', 'activity:read_all')) return token;
    void reply.code(401).send(faults.missingPermission('activity:read'));
    return null;
  };
  const writable = (request: FastifyRequest, reply: FastifyReply): ResolvedToken | null => {
    const token = guard.athleteOf(request);
    if (StravaApiGuard.hasScope(token, 'activity:write')) return token;
    void reply.code(401).send(faults.missingPermission('activity:write'));
    return null;
  };

  app.get('/api/v3/athlete', async (request, reply) => {
    const athlete = world.athlete(guard.athleteOf(request).athleteId);
    if (athlete === undefined) return reply.code(404).send(faults.notFound('Athlete'));
    return reply.send({
      ...summaryAthleteJson(athlete),
      resource_state: 3,
      measurement_preference: 'meters',
    });
  });

  app.get('/api/v3/athlete/activities', async (request, reply) => {
    const token = readable(request, reply);
    if (token === null) return reply;
    const q = requestFields(request);
    const before = parseEpoch(q.before);
    const after = parseEpoch(q.after);
    const page = parsePositiveInt(q.page, 1);
    const perPage = parsePositiveInt(q.per_page, DEFAULT_PER_PAGE);
    for (const [field, value] of Object.entries({ before, after, page, per_page: perPage })) {
      if (value === null) return reply.code(400).send(faults.badRequest('Application', field));
    }
    const size = Math.min(Math.max(perPage ?? DEFAULT_PER_PAGE, 1), MAX_PER_PAGE);
    const start = (Math.max(page ?? 1, 1) - 1) * size;
    const matching = world.activities.query({
      athleteId: token.athleteId,
      ...(before === undefined || before === null ? {} : { before }),
      ...(after === undefined || after === null ? {} : { after }),
      includePrivate: StravaApiGuard.hasScope(token, 'activity:read_all'),
    });
    return reply.send(matching.slice(start, start + size).map(summaryActivityJson));
  });

  app.get<{ Params: { id: string } }>('/api/v3/activities/:id', async (request, reply) => {
    const token = readable(request, reply);
    if (token === null) return reply;
    const activity = visibleActivity(world, token, request.params.id);
    if (activity === null) return reply.code(404).send(faults.notFound('Activity'));
    return reply.send(detailedActivityJson(activity));
  });

  app.get<{ Params: { id: string } }>('/api/v3/activities/:id/laps', async (request, reply) => {
    const token = readable(request, reply);
    if (token === null) return reply;
    const activity = visibleActivity(world, token, request.params.id);
    if (activity === null) return reply.code(404).send(faults.notFound('Activity'));
    return reply.send(detailedActivityJson(activity).laps);
  });

  app.get<{ Params: { id: string } }>('/api/v3/activities/:id/streams', async (request, reply) => {
    const token = readable(request, reply);
    if (token === null) return reply;
    const activity = visibleActivity(world, token, request.params.id);
    if (activity === null) return reply.code(404).send(faults.notFound('Activity'));
    const q = requestFields(request);
    const keys = (q.keys ?? '').split(',').map((k) => k.trim());
    return reply.send(streamSet(activity, keys, parseBooleanField(q.key_by_type) ?? false));
  });

  app.put<{ Params: { id: string } }>('/api/v3/activities/:id', async (request, reply) => {
    const token = writable(request, reply);
    if (token === null) return reply;
    const activity = visibleActivity(world, token, request.params.id);
    if (activity === null) return reply.code(404).send(faults.notFound('Activity'));
    const f = requestFields(request);
    const isPrivate = parseBooleanField(f.private);
    const commute = parseBooleanField(f.commute);
    const trainer = parseBooleanField(f.trainer);
    const sportType = f.sport_type ?? f.type;
    world.updateActivity(activity.id, {
      ...(f.name === undefined ? {} : { name: f.name }),
      ...(sportType === undefined ? {} : { sportType }),
      ...(f.description === undefined ? {} : { description: f.description }),
      ...(isPrivate === undefined ? {} : { private: isPrivate }),
      ...(commute === undefined ? {} : { commute }),
      ...(trainer === undefined ? {} : { trainer }),
    });
    return reply.send(detailedActivityJson(activity));
  });

  app.post('/api/v3/activities', async (request, reply) => {
    const token = writable(request, reply);
    if (token === null) return reply;
    const f = requestFields(request);
    const sportType = f.sport_type ?? f.type;
    const localStartMs =
      f.start_date_local === undefined ? NaN : Date.parse(f.start_date_local.replace(/Z$/, '') + 'Z');
    const elapsed = Number(f.elapsed_time);
    if (f.name === undefined || f.name === '')
      return reply.code(400).send(faults.badRequest('Activity', 'name', 'missing'));
    if (sportType === undefined)
      return reply.code(400).send(faults.badRequest('Activity', 'sport_type', 'missing'));
    if (Number.isNaN(localStartMs))
      return reply.code(400).send(faults.badRequest('Activity', 'start_date_local'));
    if (!Number.isInteger(elapsed) || elapsed <= 0)
      return reply.code(400).send(faults.badRequest('Activity', 'elapsed_time'));
    const athlete = world.athlete(token.athleteId);
    // A manual entry is in the athlete's local time; Strava places it with the profile's zone.
    const offset = athlete?.utcOffsetMinutes ?? 0;
    const distance = Number(f.distance ?? 0);
    const activity = world.createActivity({
      athleteId: token.athleteId,
      name: f.name,
      description: f.description ?? null,
      sportType,
      startDateMs: localStartMs - offset * 60_000,
      utcOffsetMinutes: offset,
      elapsedTime: elapsed,
      movingTime: elapsed,
      distance: Number.isFinite(distance) && distance > 0 ? distance : 0,
      calories: 0,
      manual: true,
      trainer: parseBooleanField(f.trainer) ?? false,
      commute: parseBooleanField(f.commute) ?? false,
      private: false,
      deviceName: null,
      externalId: null,
      uploadId: null,
      samples: [],
      laps: [],
    });
    return reply.code(201).send(detailedActivityJson(activity));
  });
}
