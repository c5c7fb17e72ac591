import { z } from 'zod';
import { NotFoundError } from '@syncwell/core';
import { createDeviceCredential } from '../../auth/opaque-tokens.js';
import { DEVICE_PLATFORMS, type DeviceRow } from '../../store/port.js';
import type { RouteContext } from '../app-deps.js';
import { requestDevice } from '../device-auth.js';
import { callerId } from '../request-user.js';
import { idParams } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';

const deviceView = z.object({
  id: z.string(),
  platform: z.enum(DEVICE_PLATFORMS),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

function toView(row: DeviceRow): z.infer<typeof deviceView> {
  return {
    id: row.id,
    platform: row.platform,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * Device registration (DESIGN §6a, docs/device-sync.md): a signed-in user registers a phone and
 * receives its credential once; the phone then calls the device API with
 * `Authorization: Device <credential>`. Upload, pull and acknowledge are not built yet.
 */
export function registerDeviceRoutes(app: ZodApp, ctx: RouteContext): void {
  app.post(
    '/v1/device/devices',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['devices'],
        description:
          'Registers a phone for Apple Health or Health Connect sync. The answer carries the device credential once; only its hash is stored. The phone sends it as `Authorization: Device <credential>`.',
        body: z.strictObject({ platform: z.enum(DEVICE_PLATFORMS), name: z.string().trim().min(1).max(100) }),
        response: { 201: z.object({ device: deviceView, credential: z.string() }) },
      },
    },
    async (request, reply) => {
      const { token, tokenHash } = createDeviceCredential();
      const row = await ctx.store.createDevice({
        userId: callerId(request),
        platform: request.body.platform,
        name: request.body.name,
        credentialHash: tokenHash,
      });
      return reply.code(201).send({ device: toView(row), credential: token });
    },
  );

  app.get(
    '/v1/device/devices',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['devices'],
        description: "The caller's registered phones, revoked ones included.",
        response: { 200: z.object({ devices: z.array(deviceView) }) },
      },
    },
    async (request) => ({ devices: (await ctx.store.listDevices(callerId(request))).map(toView) }),
  );

  app.delete(
    '/v1/device/devices/:id',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['devices'],
        description:
          "Revokes a phone: its credential stops working at once. The phone's own data is untouched.",
        params: idParams,
        response: { 204: z.undefined() },
      },
    },
    async (request, reply) => {
      if (!(await ctx.store.revokeDevice(request.params.id, callerId(request)))) {
        throw new NotFoundError('device', request.params.id);
      }
      return reply.status(204).send();
    },
  );

  app.get(
    '/v1/device/me',
    {
      schema: {
        tags: ['devices'],
        description:
          'The device behind `Authorization: Device <credential>`: how a phone checks its credential still works (401 once revoked).',
        security: [{ device: [] }],
        response: { 200: z.object({ device: deviceView }) },
      },
    },
    async (request) => ({ device: toView(await requestDevice(request, ctx.store)) }),
  );
}
