import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireClientHeaders } from './oura-auth.js';
import { sendOuraError, sendOuraValidationError } from './oura-error-body.js';
import type { OuraState, OuraSubscription } from './oura-state.js';
import { verifyCallback } from './oura-webhook-delivery.js';

export const OURA_WEBHOOK_DATA_TYPES = [
  'tag',
  'enhanced_tag',
  'workout',
  'session',
  'sleep',
  'daily_sleep',
  'daily_readiness',
  'daily_activity',
  'daily_spo2',
  'sleep_time',
  'rest_mode_period',
  'ring_configuration',
  'daily_stress',
  'daily_cycle_phases',
] as const;

const subscriptionBody = z.object({
  callback_url: z.url({ protocol: /^https?$/ }),
  verification_token: z.string().min(1),
  event_type: z.enum(['create', 'update', 'delete']),
  data_type: z.enum(OURA_WEBHOOK_DATA_TYPES),
});

const view = (s: OuraSubscription): Record<string, string> => ({
  id: s.id,
  callback_url: s.callbackUrl,
  event_type: s.eventType,
  data_type: s.dataType,
  expiration_time: new Date(s.expirationMs).toISOString(),
});

/**
 * `/v2/webhook/subscription` CRUD and `/renew/{id}`, app-authenticated by `x-client-id` /
 * `x-client-secret`. Creating (or moving) a subscription runs the callback handshake first;
 * one subscription per (callback, data type, event type) (409 otherwise). Subscriptions expire
 * and stop delivering until renewed.
 */
export function registerOuraWebhookRoutes(app: FastifyInstance, state: OuraState): void {
  const base = '/v2/webhook/subscription';
  const lifetime = (): number => state.config.nowMs() + state.config.subscriptionLifetimeMs;

  app.get(base, async (request, reply) => {
    if (!requireClientHeaders(state, request, reply)) return reply;
    return reply.send([...state.subscriptions.values()].map(view));
  });

  app.get<{ Params: { id: string } }>(`${base}/:id`, async (request, reply) => {
    if (!requireClientHeaders(state, request, reply)) return reply;
    const found = state.subscriptions.get(request.params.id);
    return found === undefined
      ? sendOuraError(reply, 404, 'Subscription not found')
      : reply.send(view(found));
  });

  app.post(base, async (request, reply) => {
    if (!requireClientHeaders(state, request, reply)) return reply;
    const body = subscriptionBody.safeParse(request.body);
    if (!body.success) {
      return sendOuraValidationError(
        reply,
        body.error.issues.map((i) => ({
          loc: ['body', ...i.path.map(String)],
          msg: i.message,
          type: 'value_error',
        })),
      );
    }
    const {
      callback_url: url,
      verification_token: token,
      event_type: eventType,
      data_type: dataType,
    } = body.data;
    const duplicate = [...state.subscriptions.values()].some(
      (s) => s.callbackUrl === url && s.eventType === eventType && s.dataType === dataType,
    );
    if (duplicate) return sendOuraError(reply, 409, 'Subscription already exists');
    if (!(await verifyCallback(url, token, randomBytes(16).toString('hex')))) {
      return sendOuraError(reply, 400, 'Callback URL verification failed');
    }
    const subscription: OuraSubscription = {
      id: randomUUID(),
      callbackUrl: url,
      verificationToken: token,
      eventType,
      dataType,
      expirationMs: lifetime(),
    };
    state.subscriptions.set(subscription.id, subscription);
    return reply.code(201).send(view(subscription));
  });

  app.put<{ Params: { id: string } }>(`${base}/:id`, async (request, reply) => {
    if (!requireClientHeaders(state, request, reply)) return reply;
    const found = state.subscriptions.get(request.params.id);
    if (found === undefined) return sendOuraError(reply, 404, 'Subscription not found');
    const body = subscriptionBody.safeParse(request.body);
    if (!body.success) return sendOuraError(reply, 400, 'Invalid subscription');
    if (
      !(await verifyCallback(
        body.data.callback_url,
        body.data.verification_token,
        randomBytes(16).toString('hex'),
      ))
    ) {
      return sendOuraError(reply, 400, 'Callback URL verification failed');
    }
    Object.assign(found, {
      callbackUrl: body.data.callback_url,
      verificationToken: body.data.verification_token,
      eventType: body.data.event_type,
      dataType: body.data.data_type,
    });
    return reply.send(view(found));
  });

  app.put<{ Params: { id: string } }>(`${base}/renew/:id`, async (request, reply) => {
    if (!requireClientHeaders(state, request, reply)) return reply;
    const found = state.subscriptions.get(request.params.id);
    if (found === undefined) return sendOuraError(reply, 404, 'Subscription not found');
    found.expirationMs = lifetime();
    return reply.send(view(found));
  });

  app.delete<{ Params: { id: string } }>(`${base}/:id`, async (request, reply) => {
    if (!requireClientHeaders(state, request, reply)) return reply;
    if (!state.subscriptions.delete(request.params.id))
      return sendOuraError(reply, 404, 'Subscription not found');
    return reply.code(204).send();
  });
}
