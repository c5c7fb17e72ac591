import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireClient } from './polar-auth.js';
import { sendPolarError } from './polar-error-body.js';
import type { PolarState, PolarWebhook } from './polar-state.js';
import { pingWebhook } from './polar-webhook-delivery.js';

export const POLAR_WEBHOOK_EVENTS = [
  'EXERCISE',
  'SLEEP',
  'CONTINUOUS_HEART_RATE',
  'ACTIVITY_SUMMARY',
  'SLEEP_WISE_ALERTNESS',
  'SLEEP_WISE_CIRCADIAN_BEDTIME',
  'PHYSICAL_INFORMATION',
] as const;

const webhookUrl = z.url({ protocol: /^https?$/ });
const createBody = z.object({ events: z.array(z.enum(POLAR_WEBHOOK_EVENTS)).min(1), url: webhookUrl });
const patchBody = z.object({
  events: z.array(z.enum(POLAR_WEBHOOK_EVENTS)).min(1).optional(),
  url: webhookUrl.optional(),
});

const publicView = (w: PolarWebhook): Record<string, unknown> => ({
  id: w.id,
  events: w.events,
  url: w.url,
  active: w.active,
});

/**
 * App-level webhook management (Basic client auth). One webhook per app (409 on a second); the
 * URL must answer an unsigned PING with 200 before it is accepted; the signing secret is shown
 * only in the creation answer. Responses wrap in `data` as Polar's do ([U] for GET's list form).
 */
export function registerPolarWebhookRoutes(app: FastifyInstance, state: PolarState): void {
  app.post('/v3/webhooks', async (request, reply) => {
    if (!requireClient(state, request, reply)) return reply;
    const body = createBody.safeParse(request.body);
    if (!body.success) return sendPolarError(reply, 400, 'bad_request', 'events and url are required');
    if (state.webhook !== undefined) return sendPolarError(reply, 409, 'conflict', 'Webhook already exists');
    const ping = await pingWebhook(body.data.url, state.config.nowMs());
    if (ping !== 200) return sendPolarError(reply, 400, 'bad_request', `Webhook PING failed: ${ping}`);
    const webhook: PolarWebhook = {
      id: randomBytes(4).toString('hex'),
      events: [...body.data.events],
      url: body.data.url,
      secret: state.config.webhookSecret ?? randomBytes(32).toString('hex'),
      active: true,
    };
    state.webhook = webhook;
    return reply.code(201).send({
      data: {
        id: webhook.id,
        events: webhook.events,
        url: webhook.url,
        signature_secret_key: webhook.secret,
      },
    });
  });

  app.get('/v3/webhooks', async (request, reply) => {
    if (!requireClient(state, request, reply)) return reply;
    return reply.send({ data: state.webhook === undefined ? [] : [publicView(state.webhook)] });
  });

  app.patch<{ Params: { webhookId: string } }>('/v3/webhooks/:webhookId', async (request, reply) => {
    if (!requireClient(state, request, reply)) return reply;
    const webhook = state.webhook;
    if (webhook?.id !== request.params.webhookId)
      return sendPolarError(reply, 404, 'not_found', 'Webhook not found');
    const body = patchBody.safeParse(request.body);
    if (!body.success) return sendPolarError(reply, 400, 'bad_request', 'Invalid webhook patch');
    if (body.data.url !== undefined && body.data.url !== webhook.url) {
      const ping = await pingWebhook(body.data.url, state.config.nowMs());
      if (ping !== 200) return sendPolarError(reply, 400, 'bad_request', `Webhook PING failed: ${ping}`);
      webhook.url = body.data.url;
    }
    if (body.data.events !== undefined) webhook.events = [...body.data.events];
    return reply.send({ data: publicView(webhook) });
  });

  app.delete<{ Params: { webhookId: string } }>('/v3/webhooks/:webhookId', async (request, reply) => {
    if (!requireClient(state, request, reply)) return reply;
    if (state.webhook?.id !== request.params.webhookId)
      return sendPolarError(reply, 404, 'not_found', 'Webhook not found');
    state.webhook = undefined;
    return reply.code(204).send();
  });

  for (const [path, active] of [
    ['/v3/webhooks/activate', true],
    ['/v3/webhooks/deactivate', false],
  ] as const) {
    app.post(path, async (request, reply) => {
      if (!requireClient(state, request, reply)) return reply;
      if (state.webhook === undefined) return sendPolarError(reply, 404, 'not_found', 'No webhook');
      state.webhook.active = active;
      return reply.code(204).send();
    });
  }

  app.get('/v3/notifications', async (request, reply) => {
    if (!requireClient(state, request, reply)) return reply;
    const users = new Set<number>();
    for (const id of state.unseenExercises) {
      const exercise = state.exercises.get(id);
      if (exercise !== undefined && state.registrations.has(exercise.athleteId))
        users.add(exercise.athleteId);
    }
    if (users.size === 0) return reply.code(204).send();
    return reply.send({
      'available-user-data': [...users].map((userId) => ({
        'user-id': userId,
        'data-type': 'EXERCISE',
        url: `${state.apiUrl}/v3/users/${userId}/exercise-transactions`,
      })),
    });
  });
}
