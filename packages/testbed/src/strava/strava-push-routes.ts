import type { FastifyInstance, FastifyReply } from 'fastify';
import { faults } from './strava-fault.js';
import type { StravaWorld } from './strava-world.js';
import { parseId, requestFields } from './request-fields.js';
import { stravaIso } from './strava-timezone.js';

/** App-level webhook management, authenticated with client_id / client_secret (no bearer token). */
export function registerStravaPushRoutes(app: FastifyInstance, world: StravaWorld): void {
  const badCredentials = (fields: Record<string, string>, reply: FastifyReply): boolean => {
    if (fields.client_id !== world.clientId) {
      void reply.code(400).send(faults.badRequest('Application', 'client_id'));
      return true;
    }
    if (fields.client_secret !== world.clientSecret) {
      void reply.code(400).send(faults.badRequest('Application', 'client_secret'));
      return true;
    }
    return false;
  };

  app.post('/api/v3/push_subscriptions', async (request, reply) => {
    const f = requestFields(request);
    if (badCredentials(f, reply)) return reply;
    if (f.callback_url === undefined || !URL.canParse(f.callback_url)) {
      return reply.code(400).send(faults.badRequest('PushSubscription', 'callback url', 'invalid'));
    }
    if (world.webhooks.subscription !== null) {
      return reply.code(400).send(faults.badRequest('PushSubscription', '', 'already exists'));
    }
    const handshake = await world.webhooks.handshake(f.callback_url, f.verify_token ?? '');
    if (!handshake.ok)
      return reply.code(400).send(faults.badRequest('PushSubscription', 'callback url', handshake.reason));
    return reply.code(201).send({ id: world.webhooks.subscribe(f.callback_url).id });
  });

  app.get('/api/v3/push_subscriptions', async (request, reply) => {
    const f = requestFields(request);
    if (badCredentials(f, reply)) return reply;
    const sub = world.webhooks.subscription;
    return reply.send(
      sub === null
        ? []
        : [
            {
              id: sub.id,
              resource_state: 2,
              application_id: Number(world.clientId) || world.clientId,
              callback_url: sub.callbackUrl,
              created_at: stravaIso(sub.createdAtMs),
              updated_at: stravaIso(sub.createdAtMs),
            },
          ],
    );
  });

  app.delete<{ Params: { id: string } }>('/api/v3/push_subscriptions/:id', async (request, reply) => {
    const f = requestFields(request);
    if (badCredentials(f, reply)) return reply;
    const id = parseId(request.params.id);
    if (id === null || !world.webhooks.unsubscribe(id))
      return reply.code(404).send(faults.notFound('PushSubscription'));
    return reply.code(204).send();
  });
}
