import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SyncWellError, type WebhookEvent, type WebhookRequest, type WebhookVerifier } from '@syncwell/core';
import type { RouteContext } from '../app-deps.js';
import { configuredBundle } from '../provider-lookup.js';
import type { ZodApp } from '../zod-app.js';

const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

export class WebhookRejectedError extends SyncWellError {
  constructor(provider: string) {
    // The verifier's reason stays in our logs: telling a forger why helps the forger.
    super('SW_WEBHOOK_REJECTED', undefined, { provider });
  }
}

/**
 * Provider notifications. Registered in their own scope whose only body parser keeps the exact
 * bytes, because signatures are computed over them (DESIGN §6.5); nothing is trusted or
 * routed before the bundle's verifier accepts the request.
 */
export async function registerWebhookRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  await app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES },
      (_request, body, parsed) => {
        parsed(null, body);
      },
    );

    scope.withTypeProvider<ZodTypeProvider>().route({
      method: ['GET', 'POST'],
      url: '/v1/webhooks/:provider',
      schema: {
        tags: ['webhooks'],
        params: z.strictObject({ provider: z.string().max(64) }),
        response: { 200: z.unknown() },
      },
      handler: async (request, reply) => {
        const { id, bundle } = configuredBundle(ctx.providers, request.params.provider);
        if (bundle.webhooks === null) throw new WebhookRejectedError(id);
        const outcome = bundle.webhooks.verify(toWebhookRequest(request));
        if (outcome.kind === 'rejected') {
          request.log.warn({ provider: id, reason: outcome.reason }, 'webhook rejected');
          throw new WebhookRejectedError(id);
        }
        // The handshake's status is the provider's protocol, not one of our declared codes.
        if (outcome.kind === 'handshake')
          return (reply as FastifyReply).status(outcome.status).send(outcome.body);
        let routed = 0;
        for (const event of outcome.events) {
          if (!(await fromOurSubscription(bundle.webhooks, event))) {
            request.log.warn({ provider: id }, 'webhook event names a subscription that is not ours');
            continue;
          }
          const connections = await ctx.store.findConnectionsByProviderExternalUser(id, event.externalUserId);
          if (connections.length === 0) continue;
          routed += 1;
          await ctx.onWebhookEvents(
            connections.map((connection) => connection.id),
            event,
          );
        }
        request.log.info({ provider: id, events: outcome.events.length, routed }, 'webhook accepted');
        return reply.status(200).send({ received: outcome.events.length });
      },
    });
    done();
  });
}

/**
 * An unsigned provider's lifecycle event must name our own push subscription (Strava's
 * `subscription_id`) before it is even checked; a lookup that fails counts as "not ours", which
 * loses nothing: the event could only have triggered a check, and the next sync checks anyway.
 */
async function fromOurSubscription(verifier: WebhookVerifier, event: WebhookEvent): Promise<boolean> {
  if (event.action !== 'deauthorize' || verifier.ownsSubscription === undefined) return true;
  try {
    return await verifier.ownsSubscription(event.subscriptionId);
  } catch {
    return false;
  }
}

function toWebhookRequest(request: FastifyRequest): WebhookRequest {
  return {
    method: request.method === 'GET' ? 'GET' : 'POST',
    query: firstValues(request.query, false),
    headers: firstValues(request.headers, true),
    rawBody: Buffer.isBuffer(request.body) ? request.body : new Uint8Array(),
  };
}

/** Repeated query parameters or headers: the verifier sees the first value, as most frameworks do. */
function firstValues(values: unknown, lowerCaseKeys: boolean): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  if (typeof values !== 'object' || values === null) return flat;
  for (const [key, value] of Object.entries(values)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') flat[lowerCaseKeys ? key.toLowerCase() : key] = first;
  }
  return flat;
}
