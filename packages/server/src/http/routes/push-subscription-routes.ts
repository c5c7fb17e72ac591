import { z } from 'zod';
import { NotFoundError } from '@syncwell/core';
import { DELIVERY_CHANNELS, type PushTargetRow } from '../../store/port.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { idParams } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, { error: 'must be base64url' });

/** What `pushManager.subscribe()` returns in a browser, as `subscription.toJSON()`. */
const webPushBody = z.strictObject({
  channel: z.literal('web_push'),
  endpoint: z.url({ protocol: /^https?$/, error: 'must be the subscription endpoint URL' }).max(2048),
  keys: z.strictObject({
    p256dh: base64url.refine((v) => Buffer.from(v, 'base64url').length === 65, {
      error: 'must be an uncompressed P-256 public key',
    }),
    auth: base64url.refine((v) => Buffer.from(v, 'base64url').length === 16, { error: 'must be 16 bytes' }),
  }),
});
const apnsBody = z.strictObject({
  channel: z.literal('apns'),
  // An APNs device token: hex, 32 bytes today, longer allowed by Apple.
  token: z.string().regex(/^[0-9a-fA-F]{64,200}$/, { error: 'must be the hex APNs device token' }),
});
const fcmBody = z.strictObject({
  channel: z.literal('fcm'),
  token: z
    .string()
    .min(20)
    .max(4096)
    .regex(/^[A-Za-z0-9_:-]+$/, { error: 'must be an FCM registration token' }),
});

const subscriptionView = z.object({
  id: z.string(),
  channel: z.enum(['web_push', 'apns', 'fcm']),
  createdAt: z.string(),
});

function toView(row: PushTargetRow): z.infer<typeof subscriptionView> {
  return { id: row.id, channel: row.channel, createdAt: row.createdAt.toISOString() };
}

/**
 * Registers where a user's pushes go (DESIGN §10): a browser's Web Push subscription, or an
 * iPhone's APNs / an Android phone's FCM device token. Addresses are never echoed back: a
 * subscription endpoint is a capability to push to that browser.
 */
export function registerPushSubscriptionRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/v1/push-subscriptions',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['notifications'],
        description:
          "The caller's registered push targets, which outbound channels this server has configured, and the VAPID public key a browser subscribes with (`applicationServerKey`), null when Web Push is not configured.",
        response: {
          200: z.object({
            subscriptions: z.array(subscriptionView),
            channels: z.array(z.enum(DELIVERY_CHANNELS)),
            vapidPublicKey: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const rows = await ctx.store.listPushTargets(callerId(request));
      const configured = ctx.config.notifications;
      const channels = DELIVERY_CHANNELS.filter((channel) =>
        channel === 'web_push' ? configured.webPush !== undefined : configured[channel] !== undefined,
      );
      return {
        subscriptions: rows.map(toView),
        channels,
        vapidPublicKey: configured.webPush?.publicKey ?? null,
      };
    },
  );

  app.post(
    '/v1/push-subscriptions',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['notifications'],
        description:
          'Registers a Web Push subscription (`{channel:"web_push", endpoint, keys:{p256dh, auth}}`) or a device token (`{channel:"apns"|"fcm", token}`). Registering the same endpoint or token again (even as another user, on a shared device) moves it to the caller.',
        body: z.discriminatedUnion('channel', [webPushBody, apnsBody, fcmBody]),
        response: { 201: z.object({ subscription: subscriptionView }) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const row = await ctx.store.upsertPushTarget(
        body.channel === 'web_push'
          ? {
              userId: callerId(request),
              channel: 'web_push',
              address: body.endpoint,
              p256dh: body.keys.p256dh,
              auth: body.keys.auth,
            }
          : { userId: callerId(request), channel: body.channel, address: body.token },
      );
      return reply.code(201).send({ subscription: toView(row) });
    },
  );

  app.delete(
    '/v1/push-subscriptions/:id',
    {
      onRequest: ctx.requireUser,
      schema: { tags: ['notifications'], params: idParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      if (!(await ctx.store.deletePushTarget(request.params.id, callerId(request)))) {
        throw new NotFoundError('push subscription', request.params.id);
      }
      return reply.status(204).send();
    },
  );
}
